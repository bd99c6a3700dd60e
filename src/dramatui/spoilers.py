"""What is a spoiler for a given watch progress, and the ONE redaction function.

Everything that shows, searches or exports show text goes through :func:`redact`,
which returns a :class:`ShowView`: the show as the reader may see it. Hidden text is
not in the view at all; in its place is a :class:`Piece` with empty text and the
:class:`Spoiler` that hides it, so a screen or an export can say what was removed.

Rules (format 1):
- "watched through N" means episodes 1..N are all watched;
- a section with ``spoils = N`` is visible when watched through N;
- ``spoiler = true`` means through the show's last episode;
- inline ``||...||`` / ``>!...!<`` markers spoil at the level of their section
  (a section with no level: the whole show); in an episode synopsis, at that episode;
- the synopsis of every episode after the first unwatched one is hidden.

All text in a view has been through :func:`safe_text`.

A spoiler is revealed by its *key*: a hash of what it hides and whose it is (the review's
identity, the episode's number) — never its position. A reveal remembered across launches
therefore follows the text: after an edit, a reorder or a new review, text that changed is
hidden again, and a key can never open some other text that took its place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dramatui.library import ShowFacts
from dramatui.safe_text import safe_line, safe_text

if TYPE_CHECKING:
    from dramatui.model import Review, ShowFile  # only types here: the screen draws before pydantic

MARKERS = (("||", "||"), (">!", "!<"))
"""Inline spoiler markers: (opening, closing)."""

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")

# The next opening marker of any kind, in one scan. (Looking for each kind with
# str.find from every position made a paragraph with thousands of markers quadratic.)
_OPENING = re.compile("|".join(re.escape(opening) for opening, _ in MARKERS))
_CLOSING = dict(MARKERS)


# ---------------------------------------------------------------------------
# Progress


def watched_through(watched: Collection[int]) -> int:
    """The largest N such that episodes 1..N are all watched (0 if episode 1 is not)."""
    n = 0
    while n + 1 in watched:
        n += 1
    return n


# ---------------------------------------------------------------------------
# Inline markers


def paragraphs(text: str) -> list[str]:
    """Split prose into paragraphs at blank lines."""
    return [p for p in _PARAGRAPH_BREAK.split(text.strip()) if p]


def split_inline(paragraph: str) -> list[tuple[str, bool]]:
    """Split one paragraph into (text, is_spoiler) runs at inline markers.

    An unclosed marker hides to the end of the paragraph. Empty runs are dropped.
    """
    runs: list[tuple[str, bool]] = []
    pos = 0
    while pos < len(paragraph):
        found = _OPENING.search(paragraph, pos)
        if not found:
            break
        start, opening = found.start(), found.group()
        closing = _CLOSING[opening]
        end = paragraph.find(closing, start + len(opening))
        if start > pos:
            runs.append((paragraph[pos:start], False))
        if end < 0:
            runs.append((paragraph[start + len(opening) :], True))
            pos = len(paragraph)
            break
        runs.append((paragraph[start + len(opening) : end], True))
        pos = end + len(closing)
    if pos < len(paragraph):
        runs.append((paragraph[pos:], False))
    return [(text, hidden) for text, hidden in runs if text]


def unclosed_markers(text: str) -> list[int]:
    """Offsets in *text* of inline markers that are never closed in their paragraph."""
    offsets: list[int] = []
    if not any(opening in text for opening, _ in MARKERS):
        return offsets  # the common case, and the paragraph scan below is slow
    base = 0
    for match in re.finditer(r"(?:(?!\n[ \t]*\n)[\s\S])+", text):
        para, base = match.group(), match.start()
        pos = 0
        while True:
            found = _OPENING.search(para, pos)
            if not found:
                break
            start, opening = found.start(), found.group()
            closing = _CLOSING[opening]
            end = para.find(closing, start + len(opening))
            if end < 0:
                offsets.append(base + start)
                break
            pos = end + len(closing)
    return offsets


def strip_markers(text: str) -> str:
    """The prose with inline markers removed and their contents kept."""
    return "\n\n".join("".join(run for run, _ in split_inline(p)) for p in paragraphs(text))


# ---------------------------------------------------------------------------
# The view


REVEAL_KEY = re.compile(r"[0-9a-f]{16}")
"""What a reveal key looks like (a state file's older position keys, ``r0.s1``, do not)."""


def reveal_key(kind: str, *parts: object) -> str:
    """The key a reveal of hidden text is remembered by: a hash of the kind of spoiler,
    whose it is (a review's identity, an episode's number) and the hidden text itself."""
    joined = "\x1f".join(str(part) for part in (kind, *parts))
    return hashlib.blake2b(joined.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


@dataclass(frozen=True)
class Spoiler:
    """A piece of hidden (or revealed) text: what it is and when it stops being a spoiler."""

    key: str
    """What reveals it: :func:`reveal_key` of its text and owner (16 hex digits)."""
    level: int
    """Visible once the reader has watched through this episode."""
    kind: str
    """``section``, ``inline``, ``synopsis``, ``title`` or ``score``."""
    place: str = ""
    """Where it is in the show today, e.g. ``r0.s2.i1`` or ``e3.title`` (to find it on
    screen; never remembered: a position can hold other text after an edit)."""


@dataclass(frozen=True)
class Piece:
    """A run of text. Hidden pieces have no text: only the spoiler that hides them."""

    text: str
    spoiler: Spoiler | None = None
    hidden: bool = False


Paragraph = tuple[Piece, ...]


@dataclass(frozen=True)
class EpisodeView:
    number: int
    title: str
    """The title to show: the episode's own, or "Episode N" when absent or hidden."""
    title_hidden: bool
    aired: dt.date | None
    runtime: int | None
    score: float | None
    """None when the episode has no score or the score is hidden."""
    score_hidden: bool
    watched: bool
    synopsis: tuple[Paragraph, ...]
    listed: bool = True
    """False for an episode the file does not list (a gap below the show's last episode)."""


def _unlisted(number: int, watched: bool) -> EpisodeView:
    return EpisodeView(
        number=number,
        title=f"Episode {number}",
        title_hidden=False,
        aired=None,
        runtime=None,
        score=None,
        score_hidden=False,
        watched=watched,
        synopsis=(),
        listed=False,
    )


@dataclass(frozen=True)
class SectionView:
    heading: str | None
    paragraphs: tuple[Paragraph, ...]
    spoiler: Spoiler | None
    """The section-level spoiler, if the section has one."""
    hidden: bool
    """The whole section is hidden; ``paragraphs`` is one placeholder piece."""


@dataclass(frozen=True)
class ReviewView:
    index: int
    source: str | None
    author: str | None
    url: str | None
    published: dt.date | None
    headline: str | None
    covers: int
    score: float | None
    """None when the review has no overall score or its scores are hidden."""
    scores: tuple[tuple[str, float], ...]
    """Empty when the review's scores are hidden."""
    sections: tuple[SectionView, ...]
    scores_hidden: Spoiler | None = None
    """The spoiler hiding the review's scores (overall and sub-scores): a review of an
    unwatched episode under the hide-unwatched-scores setting."""


@dataclass(frozen=True)
class ShowView:
    id: str
    title: str
    original_title: str | None
    year: int | None
    country: str | None
    network: str | None
    genres: tuple[str, ...]
    score_scale: int
    last_episode: int
    synopsis: tuple[Paragraph, ...]
    cast: tuple[tuple[str, str | None], ...]
    episodes: tuple[EpisodeView, ...]
    reviews: tuple[ReviewView, ...]
    watched_through: int
    watched_count: int
    spoilers: tuple[Spoiler, ...] = ()
    """Every spoiler in the show, in reading order."""
    hidden: tuple[Spoiler, ...] = ()
    """The spoilers hidden in this view, in reading order."""
    directors: tuple[str, ...] = ()
    writers: tuple[str, ...] = ()
    credit: str | None = None
    """Where the facts came from and their licence (e.g. TVmaze, CC BY-SA 4.0)."""


@dataclass(frozen=True)
class Options:
    """Reader settings that change what is hidden."""

    hide_unwatched_titles: bool = False
    hide_unwatched_scores: bool = False
    reveal_all: bool = False
    show_all_synopses: bool = False
    """Episode synopses are never hidden whole (their inline spoilers still are)."""


def placeholder(spoiler: Spoiler, how: str = "press s") -> str:
    """The words shown in place of hidden text.

    For example ``⟦ spoiler · up to episode 3 · press s ⟧``."""
    what = {"synopsis": "synopsis hidden", "title": "title hidden", "score": "score hidden"}
    label = what.get(spoiler.kind, "spoiler")
    parts = [label, f"up to episode {spoiler.level}"]
    if how:
        parts.append(how)
    return "⟦ " + " · ".join(parts) + " ⟧"


class _Redactor:
    def __init__(self, through: int, revealed: Collection[str], options: Options) -> None:
        self.through = through
        self.revealed = revealed
        self.options = options
        self.spoilers: list[Spoiler] = []
        self.hidden: list[Spoiler] = []

    def shown(self, spoiler: Spoiler) -> bool:
        self.spoilers.append(spoiler)
        visible = (
            self.options.reveal_all or spoiler.level <= self.through or spoiler.key in self.revealed
        )
        if not visible:
            self.hidden.append(spoiler)
        return visible

    def prose(
        self, text: str | None, place: str, owner: tuple[object, ...], level: int
    ) -> tuple[Paragraph, ...]:
        """Prose with inline spoilers at *level*. The caller decides whole-text hiding.

        *place* names where the prose is; *owner* is what the prose belongs to, in the
        keys of its inline spoilers."""
        if not text:
            return ()
        out: list[Paragraph] = []
        count = 0
        for para in paragraphs(safe_text(text)):
            pieces: list[Piece] = []
            for run, is_spoiler in split_inline(para):
                if not is_spoiler:
                    pieces.append(Piece(run))
                    continue
                key = reveal_key("inline", *owner, run)
                spoiler = Spoiler(key, level, "inline", f"{place}.i{count}")
                count += 1
                if self.shown(spoiler):
                    pieces.append(Piece(run, spoiler))
                else:
                    pieces.append(Piece("", spoiler, hidden=True))
            out.append(tuple(pieces))
        return tuple(out)


def _score_hidden(red: _Redactor, number: int, score: float | None, watched: bool) -> bool:
    """Whether the score of episode *number* is hidden (the hide-unwatched-scores setting)."""
    if score is None or not red.options.hide_unwatched_scores or watched:
        return False
    key = reveal_key("score", number, score)
    return not red.shown(Spoiler(key, number, "score", f"e{number}.score"))


def _review_owner(review: Review) -> tuple[object, ...]:
    """A review's identity in reveal keys: what it is, not where it is in the file."""
    published = review.published.isoformat() if review.published else None
    return (
        "review",
        review.source,
        review.author,
        review.url,
        published,
        review.headline,
        review.covers,
    )


def _review_scores_hidden(
    red: _Redactor, r: int, review: Review, owner: tuple[object, ...], watched: Collection[int]
) -> Spoiler | None:
    """The spoiler hiding a review's scores: a review of one unwatched episode, under the
    hide-unwatched-scores setting (its scores are that episode's)."""
    n = review.covers
    has_scores = review.score is not None or bool(review.scores)
    if not has_scores or not n or not red.options.hide_unwatched_scores or n in watched:
        return None
    scores = sorted(review.scores.items())
    key = reveal_key("review-scores", *owner, review.score, scores)
    spoiler = Spoiler(key, n, "score", f"r{r}.scores")
    return None if red.shown(spoiler) else spoiler


def _title(red: _Redactor, number: int, title: str | None, watched: bool) -> tuple[str, bool]:
    """The title to show for episode *number*, and whether the real one is hidden."""
    hidden = False
    if title is not None and red.options.hide_unwatched_titles and not watched:
        key = reveal_key("title", number, title)
        hidden = not red.shown(Spoiler(key, number, "title", f"e{number}.title"))
    if title is None or hidden:
        return f"Episode {number}", hidden
    return safe_line(title), False


def episode_title(
    number: int,
    title: str | None,
    watched: Collection[int] = (),
    revealed: Collection[str] = (),
    options: Options = Options(),
) -> tuple[str, bool]:
    """One episode's title as :func:`redact` would show it (for lists built from facts).

    Returns the text to show ("Episode N" when there is none or it is hidden) and whether
    a title was hidden.
    """
    red = _Redactor(watched_through(watched), revealed, options)
    return _title(red, number, title, number in watched)


def _opt(text: str | None) -> str | None:
    return safe_line(text) if text is not None else None


def redact(
    show: ShowFile,
    watched: Collection[int] = (),
    revealed: Collection[str] = (),
    options: Options = Options(),
) -> ShowView:
    """The show as a reader with this progress, these reveals and options may see it.

    Hidden text is absent from the result. This is the only function that turns a
    show's text into something displayable, searchable or exportable.
    """
    through = watched_through(watched)
    last = show.last_episode
    red = _Redactor(through, revealed, options)
    info = show.show

    synopsis = red.prose(info.synopsis, "show.synopsis", ("show",), max(last, 1))

    episodes: list[EpisodeView] = []
    listed = {ep.number: ep for ep in show.episodes}
    for n in range(1, last + 1):
        is_watched = n in watched
        ep = listed.get(n)
        if ep is None:
            # a gap in the file's guide: a row all the same, so it can be marked and every
            # count (the guide, the list, export, the state) is of episodes 1 to the last
            episodes.append(_unlisted(n, is_watched))
            continue
        title, title_hidden = _title(red, n, ep.title, is_watched)
        score_hidden = _score_hidden(red, n, ep.score, is_watched)
        key = reveal_key("synopsis", n, ep.synopsis)
        syn_spoiler = Spoiler(key, n - 1, "synopsis", f"e{n}.synopsis")
        whole = ep.synopsis and n > 1 and not options.show_all_synopses
        if whole and not red.shown(syn_spoiler):
            ep_synopsis: tuple[Paragraph, ...] = ((Piece("", syn_spoiler, hidden=True),),)
        else:
            ep_synopsis = red.prose(ep.synopsis, f"e{n}.synopsis", ("episode", n), n)
        episodes.append(
            EpisodeView(
                number=n,
                title=title,
                title_hidden=title_hidden,
                aired=ep.aired,
                runtime=ep.runtime,
                score=None if score_hidden else ep.score,
                score_hidden=score_hidden,
                watched=is_watched,
                synopsis=ep_synopsis,
            )
        )

    reviews: list[ReviewView] = []
    for r, review in enumerate(show.reviews):
        owner = _review_owner(review)
        sections: list[SectionView] = []
        for s, section in enumerate(review.sections):
            place = f"r{r}.s{s}"
            if section.spoiler:
                level: int | None = max(last, section.spoils or 0, 1)
            else:
                level = section.spoils
            spoiler = None
            if level:
                key = reveal_key("section", *owner, section.heading, section.body)
                spoiler = Spoiler(key, level, "section", place)
            hidden = spoiler is not None and not red.shown(spoiler)
            inline_level = level or review.covers or last or 1
            if hidden:
                assert spoiler is not None
                paras: tuple[Paragraph, ...] = ((Piece("", spoiler, hidden=True),),)
            else:
                paras = red.prose(section.body, place, owner, inline_level)
            sections.append(SectionView(_opt(section.heading), paras, spoiler, hidden))
        scores_hidden = _review_scores_hidden(red, r, review, owner, watched)
        reviews.append(
            ReviewView(
                index=r,
                source=_opt(review.source),
                author=_opt(review.author),
                url=_opt(review.url),
                published=review.published,
                headline=_opt(review.headline),
                covers=review.covers,
                score=None if scores_hidden else review.score,
                scores=()
                if scores_hidden
                else tuple((safe_line(k), v) for k, v in review.scores.items()),
                sections=tuple(sections),
                scores_hidden=scores_hidden,
            )
        )

    return ShowView(
        id=safe_line(show.id),
        title=safe_line(info.title),
        original_title=_opt(info.original_title),
        year=info.year,
        country=_opt(info.country),
        network=_opt(info.network),
        genres=tuple(safe_line(g) for g in info.genres),
        score_scale=info.score_scale,
        last_episode=last,
        synopsis=synopsis,
        cast=tuple((safe_line(c.name), _opt(c.role)) for c in info.cast),
        episodes=tuple(episodes),
        reviews=tuple(reviews),
        watched_through=through,
        watched_count=sum(1 for n in set(watched) if 1 <= n <= last),
        spoilers=tuple(red.spoilers),
        hidden=tuple(red.hidden),
        directors=tuple(safe_line(d) for d in info.directors),
        writers=tuple(safe_line(w) for w in info.writers),
        credit=_credit(show),
    )


def _credit(show: ShowFile) -> str | None:
    """``Facts and episode guide from TVmaze (URL), CC BY-SA 4.0`` for a show from elsewhere."""
    source = show.show.source
    if source is None:
        return None
    where = f"{source.name} ({source.url})" if source.url else source.name
    licence = f", {source.licence}" if source.licence else ""
    return safe_line(f"Facts and episode guide from {where}{licence}")


def view_text(paras: Iterable[Paragraph], how: str = "press s") -> str:
    """Plain text of paragraphs, with placeholders where text is hidden."""
    return "\n\n".join(
        "".join(placeholder(p.spoiler, how) if p.hidden and p.spoiler else p.text for p in para)
        for para in paras
    )


@dataclass(frozen=True)
class ShowSummary:
    """What a list of shows needs: no prose, nothing that can spoil."""

    id: str
    """The show's id as the state file keys it (not for display)."""
    title: str
    original_title: str | None
    year: int | None
    network: str | None
    genres: tuple[str, ...]
    score_scale: int
    episode_count: int
    """The show's last episode number (0 when unknown)."""
    watched_count: int
    mean_score: float | None
    """Mean of the episode scores the reader may see (None when there are none)."""
    yours: float | None = None
    """Your own word on the show (your rating of it, else your episodes' mean): never hidden."""


def summarize_facts(
    facts: ShowFacts,
    watched: Collection[int] = (),
    revealed: Collection[str] = (),
    options: Options = Options(),
) -> ShowSummary:
    """The show-list facts of an indexed show, with the same visibility rules as :func:`redact`.

    The one place for the list's rules (a full show: ``summarize_facts(ShowFacts.of(show))``).
    """
    red = _Redactor(watched_through(watched), revealed, options)
    scores = [
        score
        for number, score in facts.scores
        if not _score_hidden(red, number, score, number in watched)
    ]
    last = facts.last_episode
    return ShowSummary(
        id=facts.id,
        title=safe_line(facts.title),
        original_title=_opt(facts.original_title),
        year=facts.year,
        network=_opt(facts.network),
        genres=tuple(safe_line(g) for g in facts.genres),
        score_scale=facts.score_scale,
        episode_count=last,
        watched_count=sum(1 for n in set(watched) if 1 <= n <= last),
        mean_score=sum(scores) / len(scores) if scores else None,
    )


def search_text(facts: ShowFacts) -> str:
    """Lower-case text the filter matches: title, original title, network, genres, cast.

    The text the list shows of a show, from the facts alone: no state, so it can be made
    once per show, in any thread.
    """
    parts = [
        safe_line(facts.title),
        _opt(facts.original_title) or "",
        _opt(facts.network) or "",
        *(safe_line(g) for g in facts.genres),
        *(safe_line(c) for c in facts.cast),
    ]
    return "\n".join(parts).casefold()
