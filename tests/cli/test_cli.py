"""The command line: exit codes, output and help, via main([...])."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dramatui.__main__ import main

from helpers import DATA


def test_check_bundled_data_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(DATA)]) == 0
    assert capsys.readouterr().out == "1 show ok\n"


def test_check_defaults_to_the_library(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "none"))
    monkeypatch.delenv("DRAMATUI_LIBRARY", raising=False)
    assert main(["check"]) == 0
    assert "1 show ok" in capsys.readouterr().out


def test_check_mixed_folder_lists_every_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.toml").write_text('format = 1\n[show]\ntitle = "Good"\n')
    (tmp_path / "syntax.toml").write_text("format = 1\n[show\n")
    (tmp_path / "types.toml").write_text('format = 1\n[show]\ntitle = "T"\nyear = 1800\n')
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{tmp_path / 'syntax.toml'}:2:6: TOML syntax error")
    assert (
        out[1]
        == f"{tmp_path / 'types.toml'}:4:1: show.year: 1800 is too small; it must be at least 1900"
    )
    assert out[2] == "1 show ok, 2 problems in 2 files"


def test_warnings_fail_only_with_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w.toml"
    path.write_text('format = 1\n[show]\ntitle = "W"\nsynopsis = "a ||b"\n')
    assert main(["check", str(path)]) == 0
    assert "1 warning" in capsys.readouterr().out
    assert main(["check", "--strict", str(path)]) == 1


def test_missing_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nope")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--frobnicate"]) == 2


def test_schema_is_json_with_descriptions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["properties"]["format"]["const"] == 1
    episode = schema["$defs"]["Episode"]["properties"]
    assert "score_scale" in episode["score"]["description"]
    assert schema["$defs"]["Section"]["additionalProperties"] is False


def test_schema_describes_every_field_with_its_docstring(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The models do not parse their docstrings at import; the schema still has them all."""
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    objects = [schema, *schema["$defs"].values()]
    fields = {(o["title"], k): v for o in objects for k, v in o["properties"].items()}
    assert len(fields) > 30
    assert all(v.get("description") for v in fields.values()), fields
    assert fields["Episode", "number"]["description"] == (
        "Episode number, unique within the show, starting at 1."
    )
    assert list(fields["CastMember", "name"]) == sorted(fields["CastMember", "name"])


@pytest.mark.parametrize(
    "argv", [["--help"], ["check", "--help"], ["schema", "--help"], ["open", "--help"]]
)
def test_help_everywhere(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    assert "usage: dramatui" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("dramatui 0.")


def test_python_dash_m_matches_console_script(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 3\n")
    proc = subprocess.run(
        [sys.executable, "-m", "dramatui", "check", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"{bad}:1:1: format 3 is not supported")
    assert "Traceback" not in proc.stderr
