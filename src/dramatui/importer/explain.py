"""How a text was read, in words: what ``dramatui import FILE --explain`` prints.

Each part of the reading says where it came from (a line number and the line's text), so
a user can see why the importer read a review the way it did, and correct it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from dramatui.format_rules import format_score

if TYPE_CHECKING:
    from dramatui.importer.build import Assembled
    from dramatui.importer.unmarked import Hidden
    from dramatui.model import ShowFile


def _short(text: str, limit: int = 72) -> str:
    flat = " ".join(text.split())
    return "'" + (flat if len(flat) <= limit else flat[: limit - 1] + "…") + "'"


_NEWLINE = re.compile("\n")


def line_text(text: str, number: int) -> str:
    """Line *number* (from 1) of *text*, without splitting all of it."""
    start = 0
    for _ in range(number - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


def line_of(text: str, fragment: str, newlines: list[int] | None = None) -> int:
    """The line of *text* where *fragment* (its first words) starts, or 0. *newlines*,
    the places of the text's line breaks, saves counting them again for each fragment."""
    head = " ".join(fragment.split()[:6])
    if not head:
        return 0
    pos = text.find(head)
    if pos < 0:
        return 0
    if newlines is None:
        return text.count("\n", 0, pos) + 1
    return bisect_left(newlines, pos) + 1


class Explanation:
    """The lines of an explanation, built as the import goes."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def title(self, title: str, source: str, line: int, text: str) -> None:
        where = ""
        if line:
            where = f", line {line}: {_short(line_text(text, line))}"
        self.lines.append(f"title: {title!r} — from {source}{where}")

    def rest(
        self,
        show: ShowFile,
        found: Assembled,
        episodes: list[dict[str, Any]],
        scale: int,
        unmarked: list[Hidden],
        covers: int,
        text: str,
    ) -> None:
        out = self.lines
        if covers:
            out.append(f"the review covers episode {covers}: its spoilers wait for that episode")
        out.append(f"episodes: {len(show.episodes)}")
        order = [e.number for e in found.entries]
        if len(order) > 2 and order == sorted(order, reverse=True):
            out.append("  listed newest first; the guide is in episode order")
        if any(e.rule == "ranked" for e in found.entries):
            out.append("  a ranked list; the guide is in episode order, the ranks stay in the text")
        for ep in episodes:
            entry = ep.get("entry")
            score = ep.get("score")
            shown = f"{format_score(score)}/{scale}" if score is not None else "no score"
            title = f" {ep['title']!r}" if ep.get("title") else ""
            where = ""
            if entry is not None and "last" in ep:
                value = f", score {entry.value.raw!r}" if entry.value is not None else ""
                where = f" — line {entry.line}: {_short(entry.raw, 48)}{value}"
            elif entry is not None:
                where = f" — in the range of line {entry.line}"
            out.append(f"  episode {ep['number']}{title}: {shown}{where}")
        out.append(f"scale: {scale} — {self._why_scale(found, scale)}")
        review = show.reviews[0] if show.reviews else None
        if review is not None and review.score is not None:
            score_line = line_text(text, found.review_score_line)
            out.append(
                f"review score: {format_score(review.score)}/{scale} — line "
                f"{found.review_score_line}: {_short(score_line)}"
            )
        if review is not None and review.scores:
            listed = ", ".join(f"{k} {format_score(v)}" for k, v in review.scores.items())
            out.append(f"sub-scores: {listed}")
        out.append("spoilers:" if found.spoilers or unmarked else "spoilers: none found")
        for start in found.spoilers:
            what = start.raw.strip() or start.sentence or "a recap or warning heading"
            until = (
                f"episode {start.level}"
                if start.level
                else f"episode {covers}"
                if covers
                else "the whole show is watched"
            )
            sure = "" if start.sure else " (unsure: it only mentions spoilers)"
            out.append(
                f"  line {start.line}: {_short(what)} → what follows is hidden until {until}{sure}"
            )
        newlines = [m.start() for m in _NEWLINE.finditer(text)] if unmarked else []
        for hidden in unmarked:
            words = ", ".join(repr(w) for w in dict.fromkeys(hidden.words))
            at_line = line_of(text, hidden.sentence, newlines)
            out.append(
                f"  unmarked, line {at_line}: {_short(hidden.sentence)} — "
                f"because of {words}; hidden until "
                + (f"episode {covers}" if covers else "the last episode")
            )
        out.append("facts:" if found.facts else "facts: none")
        for fact in found.facts:
            out.append(f"  {fact.key}: {fact.value!r} — line {fact.line}")
        out.append("prose:")
        if review is None or not review.sections:
            out.append("  none")
        for n, section in enumerate(review.sections if review else [], 1):
            count = len(section.body.split())
            state = (
                f"hidden until episode {section.spoils}"
                if section.spoils is not None
                else "hidden until the whole show is watched"
                if section.spoiler
                else "shown"
            )
            passages = section.body.count("||") // 2 + section.body.count(">!")
            extra = (
                f", {passages} hidden passage(s) inside" if passages and state == "shown" else ""
            )
            heading = f" {section.heading!r}" if section.heading else ""
            out.append(f"  section {n}{heading}: {count} words, {state}{extra}")

    @staticmethod
    def _why_scale(found: Assembled, scale: int) -> str:
        values = [
            e.value for e in found.entries if e.value is not None and e.value.value is not None
        ]
        if found.review_score is not None:
            values.append(found.review_score)
        values.extend(v for _, v in found.sub_scores)
        if not values:
            return "no score was found; the default scale"
        scales = {v.scale for v in values if v.scale is not None}
        bare = [v for v in values if v.scale is None]
        if not bare and scales == {scale}:
            return f"every score is written on a scale of {scale} (e.g. {values[0].raw!r})"
        if bare and not scales:
            top = max(v.value or 0 for v in bare)
            return f"bare numbers only; the highest is {format_score(top)}, so out of {scale}"
        listed = " and ".join(str(s) for s in sorted(scales))
        return f"scores written on scales of {listed}; the show uses {scale}"
