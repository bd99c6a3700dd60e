"""Every layout fixture imports to its reviewed expected show, with the expected warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from dramatui.export import dump_show_toml
from dramatui.importer import import_text
from dramatui.library import load_show

from import_helpers import FIXTURES, body_words, is_subsequence, words

CASES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


def test_there_is_a_fixture_per_layout() -> None:
    assert {
        "quoted-titles",
        "season-decimals",
        "bracket-codes",
        "x-codes",
        "se-codes",
        "ranked",
        "stars",
        "series-scores",
        "mixed-scales",
        "site-review",
        "episode-recap",
    } <= set(CASES)


@pytest.mark.parametrize("name", CASES)
def test_fixture_imports_to_expected_show(name: str) -> None:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    result = import_text(text, source_name=f"{name}.txt")
    expected_path = FIXTURES / f"{name}.expected.toml"
    expected, problems = load_show(expected_path)
    assert problems == []
    assert result.show == expected
    warnings_path = FIXTURES / f"{name}.warnings"
    wanted = (
        warnings_path.read_text(encoding="utf-8").splitlines() if warnings_path.exists() else []
    )
    assert result.warnings == wanted


@pytest.mark.parametrize("name", CASES)
def test_fixture_prose_is_the_input_in_order(name: str) -> None:
    """No invented words: the bodies are the input's words, in the input's order."""
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    show = import_text(text, source_name=f"{name}.txt").show
    assert is_subsequence(body_words(show), words(text))


@pytest.mark.parametrize("name", CASES)
def test_fixture_output_passes_check(name: str, tmp_path: Path) -> None:
    from dramatui.__main__ import main

    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    out = tmp_path / "show.toml"
    out.write_text(
        dump_show_toml(import_text(text, source_name=f"{name}.txt").show), encoding="utf-8"
    )
    assert main(["check", "--strict", str(out)]) == 0
