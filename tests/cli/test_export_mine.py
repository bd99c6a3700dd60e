"""Your ratings and notes in exports: a show's Markdown, and ``export --mine``."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from dramatui.__main__ import main
from dramatui.state import SHOW, State

AT = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.UTC)


@pytest.fixture
def state_path(tmp_path: Path) -> Path:
    path = tmp_path / "state.toml"
    s = State.open(path)
    s.set_rating("soundtrack-1", 2, 4.5, at=AT)
    s.set_rating("soundtrack-1", SHOW, 4, at=AT)
    s.set_note("soundtrack-1", 2, "The *rooftop* scene.\n\nSecond thought: =1+1", at=AT)
    s.set_note("gone-show", SHOW, "A show whose file was removed", at=AT)
    return path


def test_a_shows_markdown_has_your_rating_and_note(
    state_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "soundtrack-1", "--state", str(state_path)]) == 0
    text = capsys.readouterr().out
    assert "**You: 4/5**" in text
    assert "- **Episode 2** · 4/5 · 2022-03-30 · You: 4.5/5" in text
    assert "  *Your note:* The \\*rooftop\\* scene." in text
    assert "  Second thought: =1+1" in text
    assert "heads abroad" not in text  # the spoilers are still hidden
    assert main(["export", "soundtrack-1", "--state", str(state_path), "--no-mine"]) == 0
    assert "You:" not in capsys.readouterr().out


def test_export_mine_markdown(state_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--mine", "--state", str(state_path)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Your ratings and notes\n")
    assert "## Soundtrack #1" in text and "## gone-show" in text
    assert "- **The show** · You: 4/5 (2026-03-04)" in text
    assert "- **Episode 2** · You: 4.5/5 (2026-03-04)" in text
    assert "  *Note (2026-03-04):* The \\*rooftop\\* scene." in text


def test_export_mine_csv(
    state_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine.csv"
    args = ["export", "--mine", "--format", "csv", "--state", str(state_path), "-o", str(out)]
    assert main(args) == 0
    assert "Exported your ratings and notes" in capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["show_id"], r["episode"], r["rating"], r["scale"]) for r in rows] == [
        ("gone-show", "", "", ""),
        ("soundtrack-1", "", "4", "5"),
        ("soundtrack-1", "2", "4.5", "5"),
    ]
    assert rows[2]["note"] == "The *rooftop* scene.\n\nSecond thought: =1+1"
    assert rows[2]["rated_at"] == "2026-03-04T05:06:07+00:00"
    assert main(args) == 1  # never replaced without --force


def test_export_mine_usage_errors(state_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--mine", "--format", "toml", "--state", str(state_path)]) == 2
    assert "markdown or csv" in capsys.readouterr().err
    assert main(["export", "soundtrack-1", "--mine"]) == 2
    assert main(["export"]) == 2
    assert "give a SHOW" in capsys.readouterr().err
    assert main(["export", "soundtrack-1", "--format", "csv"]) == 2


def test_nothing_rated_yet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--mine", "--state", str(tmp_path / "none.toml")]) == 0
    assert "Nothing rated or noted yet." in capsys.readouterr().out


def test_a_note_that_looks_like_a_formula_stays_text_in_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "state.toml"
    State.open(path).set_note("soundtrack-1", 1, '=HYPERLINK("http://x","y")\x1b[31m', at=AT)
    assert main(["export", "--mine", "--format", "csv", "--state", str(path)]) == 0
    (row,) = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert row["note"] == '\'=HYPERLINK("http://x","y")'  # no formula, no escape
