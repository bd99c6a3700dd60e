"""dump_show_toml round-trips any text and keeps dates as dates."""

from __future__ import annotations

import datetime as dt
import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from dramatui.export import dump_show_toml
from dramatui.model import Episode, Review, Section, ShowFile, ShowInfo

text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300).filter(
    lambda s: s.strip()
)


@settings(max_examples=150, deadline=None)
@given(title=text, body=text, synopsis=text)
def test_any_text_round_trips(title: str, body: str, synopsis: str) -> None:
    show = ShowFile(
        format=1,
        show=ShowInfo(id="x", title=title, synopsis=synopsis),
        episodes=[Episode(number=1, title=title, score=2.5, aired=dt.date(2022, 3, 23))],
        reviews=[Review(sections=[Section(heading=title, body=body)], scores={title: 3})],
    )
    dumped = dump_show_toml(show)
    assert ShowFile.model_validate(tomllib.loads(dumped)) == show


def test_dates_stay_dates_and_defaults_are_dropped() -> None:
    show = ShowFile(
        format=1,
        show=ShowInfo(id="x", title="X"),
        episodes=[Episode(number=1, aired=dt.date(2022, 3, 23), score=4.0)],
        reviews=[Review(sections=[Section(body="b")])],
    )
    dumped = dump_show_toml(show)
    assert "aired = 2022-03-23\n" in dumped and "score = 4\n" in dumped
    assert "score_scale = 5" in dumped  # always written: it says how to read scores
    assert "covers" not in dumped and "spoiler" not in dumped and "genres" not in dumped
    assert tomllib.loads(dumped)["episodes"][0]["aired"] == dt.date(2022, 3, 23)
