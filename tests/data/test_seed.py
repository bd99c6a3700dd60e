"""The bundled library is the seed review, complete, with nothing lost."""

from __future__ import annotations

import pytest

from dramatui.library import build_index
from dramatui.locations import bundled_data
from dramatui.spoilers import strip_markers

from helpers import DATA, SEED, SHARED_SEED, only_show


def seed_prose() -> str:
    text = SEED.read_text(encoding="utf-8")
    _head, sep, prose = text.partition("Episode 4 -| Review Score – 4/5 ")
    assert sep, "the seed's episode guide is where we expect it"
    return prose


def test_bundled_library_is_clean() -> None:
    lib = build_index([DATA])
    assert lib.problems == []
    assert [s.id for s in lib.shows] == ["soundtrack-1"]


def test_soundtrack_facts_and_scores() -> None:
    show = only_show(bundled_data())
    assert show.title == "Soundtrack #1"
    assert show.show.year == 2022
    assert show.show.network == "Disney+"
    assert show.show.episodes_total == 4
    assert show.show.score_scale == 5
    assert [(e.number, e.score) for e in show.episodes] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert all(e.title is None and e.aired is None for e in show.episodes)


def test_every_word_of_the_review_in_order() -> None:
    show = only_show(DATA)
    bodies = " ".join(strip_markers(s.body) for r in show.reviews for s in r.sections)
    assert bodies.split() == seed_prose().split()


def test_the_two_spoilers_are_marked() -> None:
    show = only_show(DATA)
    marked = " ".join(
        s.body.split("||")[1] for r in show.reviews for s in r.sections if "||" in s.body
    )
    assert "whether they end up together" in marked
    assert "heads abroad" in marked


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="no shared/ folder beside this checkout")
def test_fixture_copy_is_the_seed_itself() -> None:
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()
