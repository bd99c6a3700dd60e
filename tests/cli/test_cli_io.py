"""The import, export and new commands: files written, messages, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from dramatui.__main__ import main
from dramatui.export import dump_show_toml
from dramatui.library import load_show

from helpers import SEED
from import_helpers import BUNDLED, FIXTURES


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("DRAMATUI_STATE", raising=False)
    monkeypatch.delenv("DRAMATUI_LIBRARY", raising=False)


REVIEW = FIXTURES / "quoted-titles.txt"


def test_import_writes_to_the_user_library_and_summarises(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(REVIEW)]) == 0
    out = tmp_path / "data" / "dramatui" / "shows" / "the-ferryman-s-daughter.toml"
    show, _ = load_show(out)
    assert len(show.episodes) == 5
    printed = capsys.readouterr().out
    assert "5 episodes, scores 9/10 ×1, 7/10 ×1, 6.5/10 ×1, 6/10 ×1, 1 without a score" in printed
    assert "warning: line 11: episode 5: the score is 'TBC'" in printed
    assert main(["check", str(out)]) == 0


def test_import_seed_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "seed.toml"
    assert main(["import", str(SEED), "-o", str(out)]) == 0
    assert "4 episodes, scores 4/5 ×4, 1 review" in capsys.readouterr().out
    assert main(["check", "--strict", str(out)]) == 0


def test_import_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(REVIEW), "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# The Ferryman's Daughter")
    assert 'title = "The Ferryman\'s Daughter"' in captured.out
    assert "5 episodes" in captured.err  # the summary does not pollute the TOML


def test_import_never_overwrites_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "show.toml"
    out.write_text("mine", encoding="utf-8")
    assert main(["import", str(REVIEW), "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "mine"
    assert "already exists; use --force" in capsys.readouterr().err
    assert main(["import", str(REVIEW), "-o", str(out), "--force"]) == 0
    assert load_show(out)[0].title == "The Ferryman's Daughter"
    assert [p.name for p in tmp_path.iterdir()] == ["show.toml"]  # no temporary files left


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02binary\x00", "binary file"),
        (b"12 34 8/10 !!\n", "no words"),
        (b"x\n", "no words"),
    ],
)
def test_import_refusals_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    src = tmp_path / "review.txt"
    src.write_bytes(content)
    out = tmp_path / "out.toml"
    assert main(["import", str(src), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert str(src) in err and "nothing written" in err
    assert not out.exists()


def test_import_title_option(tmp_path: Path) -> None:
    src = tmp_path / "review.txt"
    src.write_text("Episode 1 -| Review Score - 4/5 It is a delight.\n", encoding="utf-8")
    assert main(["import", str(src), "--title", "Quiet Tides", "-o", str(tmp_path)]) == 0
    show, _ = load_show(tmp_path / "quiet-tides.toml")
    assert show.title == "Quiet Tides" and show.episodes[0].score == 4


def test_import_never_refuses_prose_and_names_it_after_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "quiet-tides.txt"
    src.write_text("Nothing here but words about a quiet show.\n", encoding="utf-8")
    assert main(["import", str(src), "-o", str(tmp_path)]) == 0
    show, _ = load_show(tmp_path / "quiet-tides.toml")
    assert show.title == "Quiet Tides" and show.episodes == []
    assert show.reviews[0].sections[0].body == "Nothing here but words about a quiet show."
    printed = capsys.readouterr().out
    assert "title from the file name 'quiet-tides.txt'" in printed
    assert "warning: no title found in the text" in printed


def test_import_explain_prints_the_reading_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.toml"
    assert main(["import", str(SEED), "-o", str(out), "--explain"]) == 0
    printed = capsys.readouterr().out
    assert not out.exists() and "nothing written" in printed
    assert "title: 'Soundtrack #1' — from the first sentence" in printed
    assert "  episode 4: 4/5 — line 2: 'Episode 4 -|', score '4/5'" in printed
    assert "scale: 5 — every score is written on a scale of 5" in printed
    assert "because of 'late on'; hidden until the last episode" in printed
    assert "summary: 4 episodes" in printed


def test_import_never_writes_an_id_already_in_the_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the bundled library already holds soundtrack-1: the seed imports as soundtrack-1-2
    assert main(["import", str(SEED)]) == 0
    library = tmp_path / "data" / "dramatui" / "shows"
    assert [p.name for p in library.iterdir()] == ["soundtrack-1-2.toml"]
    assert load_show(library / "soundtrack-1-2.toml")[0].id == "soundtrack-1-2"
    assert "already in your library" in capsys.readouterr().out
    assert main(["import", str(SEED)]) == 0  # again: a third id, nothing overwritten
    assert sorted(p.name for p in library.iterdir()) == [
        "soundtrack-1-2.toml",
        "soundtrack-1-3.toml",
    ]


def test_import_twice_into_the_library_keeps_both(tmp_path: Path) -> None:
    assert main(["import", str(REVIEW)]) == 0
    assert main(["import", str(REVIEW)]) == 0
    library = tmp_path / "data" / "dramatui" / "shows"
    assert sorted(p.name for p in library.iterdir()) == [
        "the-ferryman-s-daughter-2.toml",
        "the-ferryman-s-daughter.toml",
    ]


def test_import_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["import", str(tmp_path / "nope.txt")]) == 2
    assert main(["import", str(REVIEW), "-o", str(tmp_path / "no" / "dir" / "x.toml")]) == 2


# -- export -------------------------------------------------------------------


def test_export_toml_round_trips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(BUNDLED), "--format", "toml"]) == 0
    text = capsys.readouterr().out
    again, _ = load_show(tmp_path / "soundtrack-1.toml", text)
    assert again == load_show(BUNDLED)[0]


def test_export_markdown_hides_spoilers_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "soundtrack-1"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Soundtrack #1\n")
    assert "- **Episode 1** · 4/5" in text
    assert "heads abroad" not in text and "definitive answer" not in text
    assert "⟦ spoiler · up to episode 4 · hidden in this export ⟧" in text
    assert main(["export", "Soundtrack #1", "--spoilers", "show"]) == 0
    shown = capsys.readouterr().out
    assert "heads abroad" in shown and "⟦" not in shown


def test_export_progress_reads_the_state_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dramatui.state import State

    state_path = tmp_path / "state.toml"
    State.open(state_path).set_watched("soundtrack-1", [1, 2, 3], True)
    assert (
        main(["export", "soundtrack-1", "--spoilers", "progress", "--state", str(state_path)]) == 0
    )
    assert "heads abroad" not in capsys.readouterr().out
    State.open(state_path).set_watched("soundtrack-1", [4], True)
    assert (
        main(["export", "soundtrack-1", "--spoilers", "progress", "--state", str(state_path)]) == 0
    )
    assert "heads abroad" in capsys.readouterr().out


def test_export_to_file_refuses_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "guide.md"
    assert main(["export", "soundtrack-1", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Soundtrack #1")
    assert main(["export", "soundtrack-1", "-o", str(out)]) == 1
    assert main(["export", "soundtrack-1", "-o", str(out), "--force"]) == 0


def test_export_unknown_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "no-such-show"]) == 2
    assert "no show with the id or title 'no-such-show'" in capsys.readouterr().err


def test_export_bad_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 2\n", encoding="utf-8")
    assert main(["export", str(bad)]) == 1
    assert "format 2 is not supported" in capsys.readouterr().err


# -- new ----------------------------------------------------------------------


def test_new_scaffolds_a_valid_show(tmp_path: Path) -> None:
    out = tmp_path / "mine.toml"
    assert main(["new", "Quiet Tides", "--episodes", "3", "-o", str(out)]) == 0
    show, _ = load_show(out)
    assert show.title == "Quiet Tides" and [e.number for e in show.episodes] == [1, 2, 3]
    text = out.read_text(encoding="utf-8")
    assert "# [[reviews]]" in text and "# [[reviews.sections]]" in text
    assert main(["check", "--strict", str(out)]) == 0


def test_new_default_goes_to_the_library_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "Quiet Tides"]) == 0
    out = tmp_path / "data" / "dramatui" / "shows" / "quiet-tides.toml"
    before = out.read_text(encoding="utf-8")
    assert main(["new", "Quiet Tides", "--episodes", "2"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("argv", [["new", "  "], ["new", "X", "--episodes", "-1"]])
def test_new_usage_errors(argv: list[str]) -> None:
    assert main(argv) == 2


# -- the shared writer ----------------------------------------------------------


def test_dump_round_trips_every_fixture(tmp_path: Path) -> None:
    for expected in FIXTURES.glob("*.expected.toml"):
        show, _ = load_show(expected)
        again, _ = load_show(tmp_path / expected.name, dump_show_toml(show))
        assert again == show


def test_import_and_export_do_not_load_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys, dramatui.importer, dramatui.export, dramatui.io_commands; "
        "sys.exit('textual' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
