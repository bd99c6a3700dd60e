"""The spoiler model: pure functions over a show and a watch progress."""

from __future__ import annotations

from typing import Any

import pytest

from dramatui.model import ShowFile
from dramatui.spoilers import (
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
    assert [s.key for s in view.hidden] == ["r0.s1", "r0.s2", "r0.s3.i0"]


def test_inline_markers_follow_their_section_level() -> None:
    show = make(reviews=[{"sections": [{"body": "a ||IN2|| b", "spoils": 2}]}])
    assert "IN2" not in all_text(redact(show, {1}))
    assert "IN2" in all_text(redact(show, {1, 2}))


def test_inline_in_episode_review_follows_covers() -> None:
    show = make(reviews=[{"covers": 3, "sections": [{"body": "a ||IN3|| b"}]}])
    assert "IN3" not in all_text(redact(show, {1, 2}))
    assert "IN3" in all_text(redact(show, {1, 2, 3}))


def test_reveal_by_key_and_reveal_all() -> None:
    show = make(reviews=[{"sections": SECTIONS}])
    assert "SECRET-END" in all_text(redact(show, (), revealed={"r0.s2"}))
    assert "SECRET-TWO" not in all_text(redact(show, (), revealed={"r0.s2"}))
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
