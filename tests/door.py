"""Shared by the redaction-door tests (tests/data/test_redaction_door.py and
tests/app/test_app_redaction_door.py): generated shows with an edit, the rules of
docs/format.md written again, and what passes the door."""

from __future__ import annotations

import copy
import dataclasses
import os
import re
from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from dramatui.export import to_markdown, view_for
from dramatui.format_rules import format_score
from dramatui.library import ShowFacts
from dramatui.model import ShowFile
from dramatui.spoilers import Options, redact, search_text, summarize_facts

DOOR = settings(
    max_examples=int(os.environ.get("DRAMATUI_DOOR_EXAMPLES", "500")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SENTINEL = re.compile(r"SENTINEL\d{5}X")
SCORES = [v for v in (round(11.11 + 1.01 * i, 2) for i in range(80)) if round(v * 100) % 10]
"""Scores on a 100-point scale, each written with two decimals (11.11, 12.12...), so none is
part of another or of any other text."""


@dataclasses.dataclass(frozen=True)
class Where:
    """Where a sentinel word (or a score) is, in one version of the file."""

    kind: str  # heading, show-synopsis, episode-title, episode-synopsis, section, *-score
    episode: int = 0
    review: int = 0
    section: int = 0
    inline: int | None = None


# ---------------------------------------------------------------------------
# Shows, and edits of them


class Words:
    """Hands out unique sentinel words and scores."""

    def __init__(self) -> None:
        self.n = 0
        self.scores = iter(SCORES)

    def word(self) -> str:
        self.n += 1
        return f"SENTINEL{self.n:05d}X"

    def score(self) -> float:
        return next(self.scores)


def prose(draw: st.DrawFn, words: Words) -> str:
    """Paragraphs of open words and inline spoilers, each holding a sentinel."""
    paragraphs = []
    for _ in range(draw(st.integers(1, 2))):
        runs = []
        for _ in range(draw(st.integers(1, 3))):
            if draw(st.booleans()):
                opening, closing = draw(st.sampled_from([("||", "||"), (">!", "!<")]))
                runs.append(f"so {opening}{words.word()} hid{closing}")
            else:
                runs.append(f"open {words.word()}")
        paragraphs.append(" ".join(runs))
    return "\n\n".join(paragraphs)


def review(draw: st.DrawFn, words: Words, last: int) -> dict[str, Any]:
    out: dict[str, Any] = {"sections": []}
    if last and draw(st.booleans()):
        out["covers"] = draw(st.integers(1, last))
    if draw(st.booleans()):
        out["score"] = words.score()
    if draw(st.booleans()):
        out["scores"] = {"story": words.score()}
    for _ in range(draw(st.integers(1, 3))):
        section: dict[str, Any] = {"heading": words.word(), "body": prose(draw, words)}
        if last and draw(st.booleans()):
            section["spoils"] = draw(st.integers(1, last))
        if draw(st.integers(0, 2)) == 0:
            section["spoiler"] = True
        out["sections"].append(section)
    return out


@st.composite
def shows_and_edits(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any], str]:
    """A show (as TOML data), the same show after an edit, and what the edit was."""
    words = Words()
    numbers = draw(st.lists(st.integers(1, 6), unique=True, min_size=1, max_size=5))
    total = draw(st.none() | st.integers(max(numbers), 6))
    last = max(max(numbers), total or 0)
    episodes = []
    for n in sorted(numbers):
        ep: dict[str, Any] = {"number": n}
        if draw(st.booleans()):
            ep["title"] = words.word()
        if draw(st.booleans()):
            ep["score"] = words.score()
        if draw(st.booleans()):
            ep["synopsis"] = prose(draw, words)
        episodes.append(ep)
    show: dict[str, Any] = {"id": "door", "title": "Door", "score_scale": 100}
    if total is not None:
        show["episodes_total"] = total
    if draw(st.booleans()):
        show["synopsis"] = prose(draw, words)
    reviews = [review(draw, words, last) for _ in range(draw(st.integers(1, 3)))]
    before = {"format": 1, "show": show, "episodes": episodes, "reviews": reviews}

    after = copy.deepcopy(before)
    edits = ["none", "delete section", "delete review", "move review", "new review"]
    edits += ["edit text", "edit title", "edit score"]
    edit = draw(st.sampled_from(edits))
    revs = after["reviews"]
    if edit == "delete section":
        r = draw(st.integers(0, len(revs) - 1))
        sections = revs[r]["sections"]
        del sections[draw(st.integers(0, len(sections) - 1))]
    elif edit == "delete review":
        del revs[draw(st.integers(0, len(revs) - 1))]
    elif edit == "move review":
        revs.insert(0, revs.pop(draw(st.integers(0, len(revs) - 1))))
    elif edit == "new review":
        revs.insert(draw(st.integers(0, len(revs))), review(draw, words, last))
    elif edit == "edit text":
        texts = [s for r in revs for s in r["sections"]]
        section = draw(st.sampled_from(texts))
        word = draw(st.sampled_from(SENTINEL.findall(section["body"])))
        section["body"] = section["body"].replace(word, words.word())
    elif edit == "edit title":
        ep = draw(st.sampled_from(after["episodes"]))
        ep["title"] = words.word()
    elif edit == "edit score":
        ep = draw(st.sampled_from(after["episodes"]))
        ep["score"] = words.score()
    return before, after, edit


# ---------------------------------------------------------------------------
# The rules, written again


def places(doc: dict[str, Any]) -> dict[str, Where]:
    """Where each sentinel word and each score (as written) is in *doc*."""
    out: dict[str, Where] = {}

    def text(value: str, make: Any) -> None:
        inline = 0
        for para in value.split("\n\n"):
            hidden = {
                w: i
                for i, m in enumerate(re.finditer(r"\|\|(.*?)\|\||>!(.*?)!<", para), inline)
                for w in SENTINEL.findall(m.group())
            }
            inline += len(re.findall(r"\|\|(.*?)\|\||>!(.*?)!<", para))
            for word in SENTINEL.findall(para):
                out[word] = make(hidden.get(word))

    show = doc["show"]
    if "synopsis" in show:
        text(show["synopsis"], lambda i: Where("show-synopsis", inline=i))
    for ep in doc["episodes"]:
        n = ep["number"]
        if "title" in ep:
            out[ep["title"]] = Where("episode-title", episode=n)
        if "score" in ep:
            out[format_score(ep["score"])] = Where("episode-score", episode=n)
        if "synopsis" in ep:
            text(ep["synopsis"], lambda i, n=n: Where("episode-synopsis", episode=n, inline=i))
    for r, rev in enumerate(doc["reviews"]):
        for value in [rev.get("score"), *rev.get("scores", {}).values()]:
            if value is not None:
                out[format_score(value)] = Where("review-score", review=r)
        for s, section in enumerate(rev["sections"]):
            out[section["heading"]] = Where("heading")
            text(
                section["body"],
                lambda i, r=r, s=s: Where("section", review=r, section=s, inline=i),
            )
    return out


def last_episode(doc: dict[str, Any]) -> int:
    highest = max((ep["number"] for ep in doc["episodes"]), default=0)
    return max(highest, doc["show"].get("episodes_total") or 0)


def may_see(
    place: Where, doc: dict[str, Any], watched: set[int], revealed: set[str], o: Options
) -> bool:
    """docs/format.md's rules: may a reader with this progress, these revealed places
    (``r0.s1``, ``e2.title``...) and settings see what is at *place*?"""
    through = 0
    while through + 1 in watched:
        through += 1
    last = last_episode(doc)

    def open_at(level: int, key: str) -> bool:
        return o.reveal_all or through >= level or key in revealed

    n = place.episode
    if place.kind == "heading":
        return True
    if place.kind == "show-synopsis":
        return place.inline is None or open_at(max(last, 1), f"show.synopsis.i{place.inline}")
    if place.kind == "episode-title":
        return not o.hide_unwatched_titles or n in watched or open_at(n, f"e{n}.title")
    if place.kind == "episode-score":
        return not o.hide_unwatched_scores or n in watched or open_at(n, f"e{n}.score")
    if place.kind == "episode-synopsis":
        if not (n == 1 or open_at(n - 1, f"e{n}.synopsis")):
            return False
        return place.inline is None or open_at(n, f"e{n}.synopsis.i{place.inline}")
    rev = doc["reviews"][place.review]
    covers = rev.get("covers", 0)
    if place.kind == "review-score":
        return (
            not covers
            or not o.hide_unwatched_scores
            or covers in watched
            or open_at(covers, f"r{place.review}.scores")
        )
    assert place.kind == "section"
    section = rev["sections"][place.section]
    key = f"r{place.review}.s{place.section}"
    spoils = section.get("spoils")
    level = max(last, spoils or 0, 1) if section.get("spoiler") else spoils
    if level is not None and not open_at(level, key):
        return False
    inline_level = level or covers or last or 1
    return place.inline is None or open_at(inline_level, f"{key}.i{place.inline}")


# ---------------------------------------------------------------------------
# What reaches the reader


def view_parts(value: Any) -> Iterator[str]:
    """Every string and every score in a view (as written), recursively."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, float | int) and not isinstance(value, bool):
        yield format_score(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from view_parts(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from view_parts(item)


def everything_shown(
    show: ShowFile, watched: set[int], keys: set[str], options: Options
) -> tuple[str, float | None]:
    """What the screen, an export, the list, the palette and the filter are given; and
    the mean score the list shows."""
    view = redact(show, watched, keys, options)
    summary = summarize_facts(ShowFacts.of(show), watched, keys, options)
    exported = to_markdown(view_for(show, "progress", watched, keys, options), "progress")
    parts = [*view_parts(view), exported, search_text(ShowFacts.of(show))]
    parts += [summary.title, summary.original_title or "", summary.network or ""]
    return "\n".join(parts), summary.mean_score


def options_strategy() -> st.SearchStrategy[Options]:
    return st.builds(
        Options,
        hide_unwatched_titles=st.booleans(),
        hide_unwatched_scores=st.booleans(),
        reveal_all=st.integers(0, 5).map(lambda n: n == 0),
    )


def progress_strategy(doc: dict[str, Any]) -> st.SearchStrategy[set[int]]:
    numbers = sorted({ep["number"] for ep in doc["episodes"]} | {1, 2})
    prefix = st.integers(0, max(numbers)).map(lambda n: set(range(1, n + 1)))
    return st.builds(set.union, prefix, st.sets(st.sampled_from(numbers), max_size=2))


def place_name(spoiler: Any) -> str:
    """Where a spoiler is (``r0.s1``), as the rules above name it."""
    # (before reveal keys named the text, a spoiler's key was its place: this test runs
    # on that code too, to show that it finds what was wrong with it)
    return str(getattr(spoiler, "place", None) or spoiler.key)
