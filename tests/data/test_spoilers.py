"""The spoiler model: pure functions over a show and a watch progress."""

from __future__ import annotations

from typing import Any

import pytest

from dramatui.model import ShowFile
from dramatui.spoilers import (
    REVEAL_KEY,
    Options,
    Piece,
    placeholder,
    redact,
    split_inline,
    strip_markers,
    unclosed_markers,
    view_text,
    watched_through,
)


def make(**parts: Any) -> ShowFile:
    doc: dict[str, Any] = {
        "format": 1,
        "show": {"id": "t", "title": "T", "episodes_total": 4},
        "episodes": [{"number": n, "title": f"Title {n}", "score": n} for n in range(1, 5)],
    }
    doc.update(parts)
    return ShowFile.model_validate(doc)


def all_text(view: Any) -> str:
    """Every string in a view, recursively: what any consumer could display."""
    out: list[str] = []

    def walk(obj: Any) -> None:
        if isinstance(obj, str):
            out.append(obj)
        elif isinstance(obj, tuple | list):
            for item in obj:
                walk(item)
        elif hasattr(obj, "__dataclass_fields__"):
            for name in obj.__dataclass_fields__:
                walk(getattr(obj, name))

    walk(view)
    return "\n".join(out)


@pytest.mark.parametrize(
    "watched,through", [((), 0), ((1,), 1), ((1, 2, 4), 2), ((2, 3), 0), ((1, 2, 3, 4), 4)]
)
def test_watched_through(watched: tuple[int, ...], through: int) -> None:
    assert watched_through(set(watched)) == through


def test_split_inline_both_markers_and_unclosed() -> None:
    assert split_inline("a ||b|| c >!d!< e") == [
        ("a ", False),
        ("b", True),
        (" c ", False),
        ("d", True),
        (" e", False),
    ]
    assert split_inline("before ||to the end") == [("before ", False), ("to the end", True)]
    assert split_inline(">!x||y!<") == [("x||y", True)]


def test_unclosed_markers_per_paragraph() -> None:
    text = "fine ||closed||\n\nopen ||here\n\nlater||"
    assert unclosed_markers(text) == [text.index("||here"), text.index("||", text.index("later"))]
    assert unclosed_markers("all ||good|| >!ok!<") == []


def test_strip_markers_keeps_words() -> None:
    assert strip_markers("a ||b|| c\n\n>!d!< e") == "a b c\n\nd e"


SECTIONS = [
    {"heading": "Open", "body": "Plain words."},
    {"heading": "Ep 2 talk", "body": "SECRET-TWO happens.", "spoils": 2},
    {"heading": "Ending", "body": "SECRET-END happens.", "spoiler": True},
    {"body": "Visible, then ||SECRET-INLINE|| and more."},
]


def test_section_spoils_until_watched_through() -> None:
    show = make(reviews=[{"sections": SECTIONS}])
    for watched, visible in [
        ((), set()),
        ((2,), set()),  # episode 1 not watched: not "through 2"
        ((1, 2), {"SECRET-TWO"}),
        ((1, 2, 3), {"SECRET-TWO"}),
        ((1, 2, 3, 4), {"SECRET-TWO", "SECRET-END", "SECRET-INLINE"}),
    ]:
        text = all_text(redact(show, set(watched)))
        for secret in ("SECRET-TWO", "SECRET-END", "SECRET-INLINE"):
            assert (secret in text) == (secret in visible), (watched, secret)
        assert "Plain words." in text and "Visible, then " in text


def test_hidden_section_is_absent_and_has_placeholder() -> None:
    show = make(reviews=[{"sections": SECTIONS}])
    view = redact(show, {1})
    section = view.reviews[0].sections[1]
    assert section.hidden and section.heading == "Ep 2 talk"
    (piece,) = section.paragraphs[0]
    assert piece == Piece("", section.spoiler, hidden=True)
    assert view_text(section.paragraphs) == "⟦ spoiler · up to episode 2 · press s ⟧"
    assert [s.place for s in view.hidden] == ["r0.s1", "r0.s2", "r0.s3.i0"]


def test_inline_markers_follow_their_section_level() -> None:
    show = make(reviews=[{"sections": [{"body": "a ||IN2|| b", "spoils": 2}]}])
    assert "IN2" not in all_text(redact(show, {1}))
    assert "IN2" in all_text(redact(show, {1, 2}))


def test_inline_in_episode_review_follows_covers() -> None:
    show = make(reviews=[{"covers": 3, "sections": [{"body": "a ||IN3|| b"}]}])
    assert "IN3" not in all_text(redact(show, {1, 2}))
    assert "IN3" in all_text(redact(show, {1, 2, 3}))


def key_at(show: ShowFile, place: str) -> str:
    """The reveal key of the spoiler at *place* (e.g. ``r0.s2``)."""
    everything = Options(hide_unwatched_titles=True, hide_unwatched_scores=True, reveal_all=True)
    return next(s.key for s in redact(show, (), options=everything).spoilers if s.place == place)


def test_reveal_by_key_and_reveal_all() -> None:
    show = make(reviews=[{"sections": SECTIONS}])
    ending = key_at(show, "r0.s2")
    assert "SECRET-END" in all_text(redact(show, (), revealed={ending}))
    assert "SECRET-TWO" not in all_text(redact(show, (), revealed={ending}))
    assert "SECRET-END" not in all_text(redact(show, (), revealed={"r0.s2"}))  # old style
    everything = all_text(redact(show, (), options=Options(reveal_all=True)))
    assert all(s in everything for s in ("SECRET-TWO", "SECRET-END", "SECRET-INLINE"))


def test_episode_synopsis_after_first_unwatched_is_hidden() -> None:
    episodes = [{"number": n, "synopsis": f"SYN{n}"} for n in range(1, 5)]
    show = make(episodes=episodes)
    text = all_text(redact(show, {1}))
    assert "SYN1" in text and "SYN2" in text  # 2 is the first unwatched: visible
    assert "SYN3" not in text and "SYN4" not in text
    assert "SYN4" in all_text(redact(show, {1, 2, 3}))


def test_hide_unwatched_titles_and_scores() -> None:
    show = make()
    view = redact(
        show, {1}, options=Options(hide_unwatched_titles=True, hide_unwatched_scores=True)
    )
    first, second = view.episodes[0], view.episodes[1]
    assert first.title == "Title 1" and first.score == 1
    assert second.title == "Episode 2" and second.title_hidden
    assert second.score is None and second.score_hidden
    assert "Title 2" not in all_text(view)
    plain = redact(show, {1})
    assert plain.episodes[1].title == "Title 2" and plain.episodes[1].score == 2


def test_show_synopsis_inline_hidden_until_end() -> None:
    show = make(show={"id": "t", "title": "T", "synopsis": "Two ||WED|| x"})
    assert "WED" not in all_text(redact(show, {1, 2, 3}))
    assert "WED" in all_text(redact(show, {1, 2, 3, 4}))


def test_spoiler_section_without_episodes_stays_hidden() -> None:
    show = ShowFile.model_validate(
        {
            "format": 1,
            "show": {"title": "No guide"},
            "reviews": [{"sections": [{"body": "LATE", "spoiler": True}]}],
        }
    )
    assert "LATE" not in all_text(redact(show, ()))


def test_view_text_is_sanitised() -> None:
    show = make(
        reviews=[{"headline": "h\x1b]52;c;ZXZpbA==\x07i", "sections": [{"body": "x\x1b[2Jy"}]}]
    )
    view = redact(show, ())
    assert view.reviews[0].headline == "hi"
    assert view_text(view.reviews[0].sections[0].paragraphs) == "xy"


def test_placeholder_words() -> None:
    show = make(reviews=[{"sections": SECTIONS}])
    spoiler = redact(show, ()).hidden[0]
    assert placeholder(spoiler) == "⟦ spoiler · up to episode 2 · press s ⟧"
    assert placeholder(spoiler, how="") == "⟦ spoiler · up to episode 2 ⟧"


# -- reveal keys name the text, not its position (issue 13, item 1) -----------------------

HARBOUR_SECTIONS = [
    {"heading": "The set-up", "body": "Two strangers, one winter."},
    {"heading": "The middle stretch", "spoils": 2, "body": "MIDDLE the brother."},
    {"heading": "The ending", "spoiler": True, "body": "ENDING on the pier."},
]


def test_a_remembered_reveal_follows_its_text_when_a_section_is_removed() -> None:
    """The docs/format.md repro: reveal "The middle stretch", delete "The set-up" above it;
    the ending (now at the middle's old position) stays hidden, the middle stays open."""
    before = make(reviews=[{"headline": "H", "sections": HARBOUR_SECTIONS}])
    middle = key_at(before, "r0.s1")
    assert "MIDDLE" in all_text(redact(before, (), revealed={middle}))
    after = make(reviews=[{"headline": "H", "sections": HARBOUR_SECTIONS[1:]}])
    text = all_text(redact(after, (), revealed={middle}))
    assert "ENDING" not in text
    assert "MIDDLE" in text


def test_an_edited_or_moved_spoiler_is_hidden_again() -> None:
    sections = [{"body": "open ||SECRET-A|| and ||SECRET-B||"}]
    before = make(reviews=[{"covers": 3, "sections": sections}])
    first = key_at(before, "r0.s0.i0")
    assert "SECRET-A" in all_text(redact(before, (), revealed={first}))
    # the first inline spoiler edited: the second now sits where it was
    edited = make(reviews=[{"covers": 3, "sections": [{"body": "open ||SECRET-C|| and x"}]}])
    assert "SECRET-C" not in all_text(redact(edited, (), revealed={first}))
    # a new review put first: the old one's reveal still belongs to the old one only
    newcomer = {"covers": 3, "headline": "New", "sections": [{"body": "||SECRET-A||"}]}
    moved = make(reviews=[newcomer, {"covers": 3, "sections": sections}])
    view = redact(moved, (), revealed={first})
    assert view.reviews[0].sections[0].paragraphs[0][0].hidden  # the newcomer's stays hidden
    assert "SECRET-A" in view_text(view.reviews[1].sections[0].paragraphs)


def test_reveal_keys_look_like_reveal_keys() -> None:
    show = make(reviews=[{"sections": SECTIONS}])
    everything = Options(hide_unwatched_titles=True, hide_unwatched_scores=True, reveal_all=True)
    keys = [s.key for s in redact(show, (), options=everything).spoilers]
    assert keys and all(REVEAL_KEY.fullmatch(k) for k in keys)
    assert len(set(keys)) == len(keys)


# -- scores of an unwatched episode hidden everywhere (issue 13, item 2) --------------------


def test_scores_of_a_review_of_an_unwatched_episode_are_hidden() -> None:
    """The repro: 10-point scale, a review covering episode 6 with an overall score."""
    doc: dict[str, Any] = {
        "format": 1,
        "show": {"id": "t", "title": "T", "score_scale": 10},
        "episodes": [{"number": n, "score": n} for n in range(1, 7)],
        "reviews": [
            {"covers": 6, "score": 3, "scores": {"story": 4}, "sections": [{"body": "b"}]},
            {"score": 9, "sections": [{"body": "whole series"}]},
        ],
    }
    show = ShowFile.model_validate(doc)
    hide = Options(hide_unwatched_scores=True)
    view = redact(show, {1}, options=hide)
    episode_review, series_review = view.reviews
    assert episode_review.score is None and episode_review.scores == ()
    assert episode_review.scores_hidden is not None
    assert episode_review.scores_hidden.level == 6
    assert series_review.score == 9  # the whole series' score belongs to no one episode
    # watched: shown; revealed: shown; setting off: shown
    assert redact(show, {1, 6}, options=hide).reviews[0].score == 3
    key = episode_review.scores_hidden.key
    assert redact(show, {1}, {key}, options=hide).reviews[0].scores == (("story", 4),)
    assert redact(show, {1}).reviews[0].score == 3
