"""``check`` reports every problem of a file in one run, in line order (issue 13, item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dramatui.__main__ import main

SIX = """\
format = 1

[show]
title = "Six"
score_scale = 5

[[episodes]]
number = 1
score = 7

[[episodes]]
number = 2
score = -1

[[reviews]]
covers = 9
score = 6

[[reviews.sections]]
body = "Text."
spoils = 5
"""


def test_field_and_cross_field_problems_in_one_run_sorted_by_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "six.toml"
    path.write_text(SIX, encoding="utf-8")
    assert main(["check", str(path)]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith(str(path))]
    places = [line[len(str(path)) + 1 :].split(": ", 1)[0] for line in lines]
    assert places == ["9:1", "13:1", "16:1", "17:1", "21:1"]
    text = "\n".join(lines)
    assert "episodes[0].score: 7 is above this show's score_scale of 5" in text
    assert "episodes[1].score: -1 is too small" in text
    assert "reviews[0].covers: episode 9 is past the show's last episode, 2" in text
    assert "reviews[0].score: 6 is above this show's score_scale of 5" in text
    assert "reviews[0].sections[0].spoils: episode 5 is past the show's last episode, 2" in text


def test_a_wrong_type_is_left_to_the_field_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "typed.toml"
    text = SIX.replace("score = 7", 'score = "7"').replace("covers = 9", "covers = 1")
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.count("episodes[0].score") == 1  # the type, not also "above the scale"
