"""``export --spoilers progress`` through the redaction door: what it hides, and the count
of what it left out (issue 13, items 2 and 8)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dramatui.__main__ import main
from dramatui.library import load_show
from dramatui.spoilers import Options, redact

TENTH = """\
format = 1

[show]
id = "tenth"
title = "Tenth"
score_scale = 10
episodes_total = 6

[[episodes]]
number = 1
title = "One"
score = 5

[[episodes]]
number = 2
title = "Twofold Secret"
score = 8
synopsis = "Two happens."

[[episodes]]
number = 6
title = "Sixth Secret"
score = 9

[[reviews]]
covers = 6
headline = "Episode six"
score = 3
scores = { story = 7, music = 2 }

[[reviews.sections]]
body = "Words about six. ||INLINESECRET||"

[[reviews.sections]]
heading = "Late"
spoils = 6
body = "SECTIONSECRET"
"""


def left_out(text: str) -> dict[str, int]:
    """The counts the note at the end gives: {"spoiler": 2, "score": 1, ...}."""
    found = re.search(r"\*Left out of this export: (.*)\.\*", text)
    if not found:
        return {}
    counts = {}
    for n, kind in re.findall(r"(\d+) (spoiler|score|title)s?", found.group(1)):
        counts[kind] = int(n)
    return counts


def marks(text: str) -> dict[str, int]:
    """Every mark of something left out that a reader of the export sees, by kind."""
    body = text.split("\n---\n")[0]
    placeholders = re.findall(r"⟦ (\w+)", body)
    counts = {
        "spoiler": sum(1 for word in placeholders if word in ("spoiler", "synopsis")),
        "score": sum(1 for word in placeholders if word == "score")
        + len(re.findall(r"(?<!⟦ )score hidden", body)),
        "title": body.count("(title hidden)"),
    }
    return {kind: n for kind, n in counts.items() if n}


def test_progress_export_hides_scores_and_titles_and_counts_what_it_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tenth.toml"
    path.write_text(TENTH, encoding="utf-8")
    show = load_show(path)[0]
    on = Options(hide_unwatched_titles=True, hide_unwatched_scores=True, reveal_all=True)
    title_2 = next(s.key for s in redact(show, (), options=on).spoilers if s.place == "e2.title")
    state = tmp_path / "state.toml"
    state.write_text(
        "[settings]\nhide_unwatched_scores = true\nhide_unwatched_titles = true\n"
        f'remember_reveals = true\n[watched]\ntenth = [1]\n[revealed]\ntenth = ["{title_2}"]\n',
        encoding="utf-8",
    )
    assert main(["export", str(path), "--spoilers", "progress", "--state", str(state)]) == 0
    out = capsys.readouterr().out
    assert "Twofold Secret" in out  # the one remembered reveal
    for secret in ("Sixth Secret", "INLINESECRET", "SECTIONSECRET", "9/10", "3/10", "7/10"):
        assert secret not in out, secret
    assert "story" not in out and "music" not in out
    assert "Scores: *⟦ score hidden · up to episode 6 · not watched yet ⟧*" in out
    # e2 score, e6 title and score, the review's scores, its inline spoiler and section
    assert marks(out) == {"spoiler": 2, "score": 3, "title": 1}
    assert left_out(out) == marks(out)
    assert "*Left out of this export: 2 spoilers, 3 scores and 1 title.*" in out


def test_the_note_never_calls_a_hidden_score_a_spoiler(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The repro: one placeholder written, and a score hidden beside it; the note said
    "2 spoilers left out"."""
    path = tmp_path / "tenth.toml"
    path.write_text(TENTH.replace("||INLINESECRET||", "x"), encoding="utf-8")
    state = tmp_path / "state.toml"
    state.write_text(
        "[settings]\nhide_unwatched_scores = true\n[watched]\ntenth = [1, 2]\n",
        encoding="utf-8",
    )
    assert main(["export", str(path), "--spoilers", "progress", "--state", str(state)]) == 0
    out = capsys.readouterr().out
    assert out.count("⟦ spoiler") == 1  # the Late section
    assert "1 spoiler" in out.split("\n---\n")[-1] and "2 spoilers" not in out


def test_every_progress_export_counts_exactly_the_marks_it_wrote(tmp_path: Path) -> None:
    from dramatui.export import to_markdown, view_for

    path = tmp_path / "tenth.toml"
    path.write_text(TENTH, encoding="utf-8")
    show = load_show(path)[0]
    on = Options(hide_unwatched_titles=True, hide_unwatched_scores=True, reveal_all=True)
    keys = [s.key for s in redact(show, (), options=on).spoilers]
    for through in range(7):
        watched = set(range(1, through + 1))
        for key in [None, *keys]:
            for titles in (False, True):
                for scores in (False, True):
                    options = Options(hide_unwatched_titles=titles, hide_unwatched_scores=scores)
                    revealed = {key} if key else set()
                    text = to_markdown(view_for(show, "progress", watched, revealed, options))
                    assert left_out(text) == marks(text), (through, key, titles, scores)
