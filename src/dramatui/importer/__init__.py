"""Plain-text review -> show file.

``import_text(text)`` reads a review as people copy it from a web page or a forum and
returns an :class:`ImportResult`: a format-1 :class:`~dramatui.model.ShowFile`, warnings,
and what was found. It never writes anything: the CLI does, after showing the summary.

How: :mod:`.scan` turns each line into tokens with the named rules of :mod:`.rules`;
:mod:`.build` turns tokens into episodes, scores and prose sections; this module picks the
title, settles the score scale, checks episode numbers and makes the model.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from dramatui import collector
from dramatui.format_rules import counted, format_score
from dramatui.importer.build import Assembled, Entry, assemble, season_offsets
from dramatui.importer.explain import Explanation
from dramatui.importer.rules import (
    BBCODE_SPOILER,
    SUB_SCORE_KEYS,
    TITLE_HEADING_SUFFIX,
    TITLE_IS_A,
    TITLE_QUOTES,
    YEAR_IN_TITLE,
    is_name,
)
from dramatui.importer.scan import scan
from dramatui.importer.scores import Value, convert, infer_scale, target_scale
from dramatui.importer.unmarked import Hidden, hide_unmarked
from dramatui.model import ShowFile, slugify
from dramatui.spoilers import MARKERS, paragraphs, split_inline

MAX_REVIEW_BYTES = 8 * 1024 * 1024
"""Review texts larger than this are refused (8 MiB)."""

__all__ = ["MAX_REVIEW_BYTES", "ImportRefused", "ImportResult", "decode_review", "import_text"]


class ImportRefused(Exception):
    """The text cannot be imported; the message says why in plain words."""


@dataclass
class ImportResult:
    """What an import made, and what the user should check."""

    show: ShowFile
    warnings: list[str] = field(default_factory=list)
    title_from: str = ""
    """Where the title came from: 'the --title option', 'the Title: line', ..."""
    layouts: list[str] = field(default_factory=list)
    """The names of the guide rules that matched, in order of first use."""
    inline_spoilers: int = 0
    guesses: list[str] = field(default_factory=list)
    """What the importer was not sure of (printed as warnings; --explain lists them)."""
    explain_with: Callable[[], list[str]] | None = None
    """Builds the explanation (only --explain needs it: not built for every import)."""
    consumed: list[str] = field(default_factory=list)
    """The text that became structure (headers, scores, facts, marker lines)."""
    unmarked: list[Hidden] = field(default_factory=list)
    """Sentences hidden because they tell how the story ends, with the words that did it."""

    @property
    def explanation(self) -> list[str]:
        """How the text was read, line by line: what --explain prints."""
        return self.explain_with() if self.explain_with is not None else []

    def summary(self) -> str:
        """One line: '4 episodes, scores 4/5 ×4, 1 review, 2 spoiler sections'."""
        show = self.show
        scale = show.show.score_scale
        parts = [counted(len(show.episodes), "episode")]
        scores = Counter(ep.score for ep in show.episodes if ep.score is not None)
        if scores:
            if len(scores) <= 6:
                listed = sorted(scores.items(), key=lambda kv: -kv[0])
                text = ", ".join(f"{format_score(v)}/{scale} ×{n}" for v, n in listed)
            else:
                low, high = min(scores), max(scores)
                text = f"{format_score(low)}–{format_score(high)}/{scale} ×{scores.total()}"
            parts.append(f"scores {text}")
        unscored = sum(1 for ep in show.episodes if ep.score is None)
        if unscored and show.episodes:
            parts.append(f"{unscored} without a score")
        parts.append(counted(len(show.reviews), "review"))
        for review in show.reviews:
            if review.score is not None:
                parts.append(f"review score {format_score(review.score)}/{scale}")
            if review.scores:
                parts.append(counted(len(review.scores), "sub-score"))
            parts.append(counted(len(review.sections), "section"))
        spoiler_sections = sum(
            1 for r in show.reviews for s in r.sections if s.spoiler or s.spoils is not None
        )
        parts.append(counted(spoiler_sections, "spoiler section"))
        if self.inline_spoilers:
            parts.append(counted(self.inline_spoilers, "inline spoiler"))
        return ", ".join(parts)


# ---------------------------------------------------------------------------
# Bytes -> text


def decode_review(data: bytes) -> str:
    """UTF-8 bytes (BOM or not) -> text, refusing empty, binary and non-UTF-8 input."""
    if len(data) > MAX_REVIEW_BYTES:
        raise ImportRefused(
            f"the file is {len(data):,} bytes; reviews are limited to "
            f"{MAX_REVIEW_BYTES // (1024 * 1024)} MiB"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRefused("the file is UTF-16 text; save it as UTF-8 and import it again")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise ImportRefused("the file is empty: there is no review to import")
    if b"\x00" in data[:65536]:
        raise ImportRefused("this is a binary file, not a plain-text review")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        raise ImportRefused(
            f"line {line}: byte 0x{data[exc.start]:02x} is not UTF-8 text; is this a binary "
            "file? Save the review as UTF-8 plain text"
        ) from None
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > max(8, len(sample) // 20):
        raise ImportRefused("this is a binary file, not a plain-text review")
    return text


_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_ESCAPES = re.compile(
    r"\x1b(?:\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|.?)"
)


_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
"""No-break and other wide spaces, as web pages are full of: plain spaces here."""
_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")
"""Zero-width spaces and joiners that split words without showing."""


def normalise(text: str) -> str:
    """LF line ends, no BOM, plain spaces, no control characters or escape sequences."""
    text = text.removeprefix("\ufeff")
    text = _LINE_BREAKS.sub("\n", text)
    text = _ESCAPES.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    return _CONTROLS.sub("", text)


# ---------------------------------------------------------------------------
# Text -> show


def import_text(
    text: str, title: str | None = None, source_name: str | None = None
) -> ImportResult:
    """Import a review. Raises :class:`ImportRefused` only when the text has no words.

    *title* (the --title option) wins over a title found in the text; *source_name*, the
    file's name, gives the title when the text names none.
    """
    with collector.paused():  # a long guide: many small objects, no cycles
        return _import(text, title, source_name)


_WORD = re.compile(r"[^\W\d_]{2,}")


def _has_words(text: str) -> bool:
    """At least two words of letters (a few characters, numbers or symbols are not a review)."""
    return next(itertools.islice(_WORD.finditer(text), 1, None), None) is not None


def readable_name(file_name: str) -> str | None:
    """'my-mister.txt' -> 'My Mister': a file's name as a title, or None when it has none
    (only numbers and hashes, as a downloaded file's name often is)."""
    stem = file_name.rsplit("/", 1)[-1]
    if "." in stem:
        stem = stem.rsplit(".", 1)[0]
    words = [w for w in re.split(r"[-_.\s]+", stem) if w]
    words = [
        w for w in words if not (w.isdigit() or (len(w) >= 8 and re.fullmatch(r"[0-9a-fA-F]+", w)))
    ]
    if not words or not any(ch.isalpha() for w in words for ch in w):
        return None
    name = " ".join(w if not w.islower() else w.capitalize() for w in words)
    stripped = TITLE_HEADING_SUFFIX.sub("", name).strip()
    return stripped or name


def _import(text: str, title: str | None, source_name: str | None) -> ImportResult:
    text = normalise(text)
    if not text.strip():
        raise ImportRefused("the file is empty: there is no review to import")
    if not _has_words(text):
        raise ImportRefused("there are no words in this text: nothing to import")
    text = _bbcode_to_markers(text)
    scanned = scan(text)
    found = assemble(scanned.tokens, scanned.blank_lines)
    warnings = list(scanned.warnings) + found.warnings
    guesses: list[str] = []
    explain = Explanation()

    text_title, title_from, title_line = _find_title(found)
    if title is not None:
        title = " ".join(title.split())
        if not title:
            raise ImportRefused("--title is blank")
        title_from, title_line = "the --title option", 0
    elif text_title is not None:
        title = text_title
    else:
        named = readable_name(source_name) if source_name else None
        if named is not None:
            title, title_from = named, f"the file name {source_name!r}"
        else:
            title, title_from = "Imported review", "nowhere: no title was found"
        guesses.append(
            f"no title found in the text; the show is called {title!r} (from {title_from}): "
            "give --title to name it"
        )
    season = _season(found)
    if season is not None and title_from != "the --title option" and "season" not in title.lower():
        title = f"{title} — Season {season}"
        guesses.append(f"the review is of season {season}: it is in the title, {title!r}")
    explain.title(title, title_from, title_line, text)

    episodes, scale, review_score, sub_scores = _episodes_and_scores(found, warnings, guesses)
    highest = max((ep["number"] for ep in episodes), default=0)
    covers = _covers(found, highest)
    sections, inline, unmarked = _sections(found, episodes, warnings, covers)
    info = _show_info(found, title, scale, warnings)
    if info.get("episodes_total", highest) < highest:
        warnings.append(
            f"'Episodes: {info['episodes_total']}' is below the highest episode number, "
            f"{highest}; left out"
        )
        del info["episodes_total"]
    for start in found.spoilers:
        if not start.sure:
            guesses.append(
                f"line {start.line}: {_quote(start.sentence)} mentions spoilers; what follows "
                "is hidden to be safe"
            )
    data: dict[str, Any] = {
        "format": 1,
        "show": info,
        "episodes": [
            {k: v for k, v in ep.items() if k not in ("entry", "last") and v is not None}
            for ep in episodes
        ],
        "reviews": [],
    }
    review: dict[str, Any] = {}
    if found.headline is not None:
        review["headline"] = found.headline.text
    if covers:
        review["covers"] = covers
    if review_score is not None:
        review["score"] = review_score
    if sub_scores:
        review["scores"] = sub_scores
    if sections:
        review["sections"] = sections
    if review:
        data["reviews"].append(review)
    try:
        show = ShowFile.model_validate(data)
    except ValidationError as exc:  # a bug in the importer: say so plainly
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ImportRefused(f"the import made an invalid show ({where}: {first['msg']})") from None
    layouts = list(dict.fromkeys(e.rule for e in found.entries))
    result = ImportResult(show, warnings, title_from, layouts, inline)
    result.guesses = guesses

    def explain_all() -> list[str]:
        explain.rest(show, found, episodes, scale, unmarked, covers, text)
        explain.lines.append("guesses:" if guesses or warnings else "guesses: none")
        explain.lines.extend(f"  {g}" for g in [*guesses, *warnings])
        return explain.lines

    result.explain_with = functools.cache(explain_all)
    result.consumed = scanned.consumed + found.consumed
    result.unmarked = unmarked
    return result


def _quote(sentence: str, limit: int = 70) -> str:
    text = " ".join(sentence.split())
    return "'" + (text if len(text) <= limit else text[: limit - 1] + "…") + "'"


def _season(found: Assembled) -> int | None:
    """The one season a review is about, when it is not the first: 'Season 2' goes into
    the title and the episode numbers are that season's."""
    seasons = {e.season for e in found.entries if e.season is not None}
    headline = found.headline.season if found.headline is not None else None
    if headline is not None:
        seasons.add(headline)
    if len(seasons) == 1:
        only = next(iter(seasons))
        return only if only >= 2 else None
    return None


def _covers(found: Assembled, highest: int) -> int:
    """The one episode a page is about (a recap, a finale review), else 0."""
    headline = found.headline
    if headline is None:
        return 0
    if headline.episode is not None and (not highest or headline.episode <= highest):
        return headline.episode
    if headline.finale:
        total = found.meta.get("episodes", "")
        digits = re.match(r"\s*(\d{1,4})", total)
        last = max(highest, int(digits[1]) if digits else 0)
        return last
    return 0


def _bbcode_to_markers(text: str) -> str:
    return BBCODE_SPOILER.pattern.sub(lambda m: "||" + m["body"] + "||", text)


def _find_title(found: Assembled) -> tuple[str | None, str, int]:
    """The title the text gives, where it came from, and its line (0 when unknown)."""
    title_fact = next((f for f in found.facts if f.key == "title"), None)
    if title_fact is not None and title_fact.value.strip():
        return " ".join(title_fact.value.split()), "the 'Title:' line", title_fact.line
    headline = found.headline
    if headline is not None and headline.strength > 0:
        return headline.title, "the heading line", headline.line
    for part in found.parts:
        if part.entry is not None or part.spoiler or part.spoils:
            continue
        first = part.first_paragraph()
        if not first:
            continue
        match = TITLE_IS_A.pattern.match(first)
        if match:
            name = YEAR_IN_TITLE.sub(" ", match["title"]).strip()
            if is_name(name):
                return name, "the first sentence", 0
        quoted = TITLE_QUOTES.search(first[:200])
        if quoted:
            return quoted["title"].strip(), "the quoted title in the first sentence", 0
        break
    if headline is not None:
        return headline.title, "the first line before the prose", headline.line
    return None, "", 0


def _episodes_and_scores(
    found: Assembled, warnings: list[str], guesses: list[str]
) -> tuple[list[dict[str, Any]], int, float | None, dict[str, float]]:
    entries = found.entries
    seasons = sorted({e.season for e in entries if e.season is not None})
    offsets = season_offsets(list(entries))
    if len(seasons) > 1:
        warnings.append(
            f"the guide covers seasons {', '.join(map(str, seasons))}; a show file holds one "
            "numbering, so later seasons' episodes are numbered on from the earlier ones"
        )

    values: list[Value] = [e.value for e in entries if e.value is not None]
    if found.review_score is not None:
        values.append(found.review_score)
    values.extend(v for _, v in found.sub_scores)
    bare_scale = infer_scale(values)
    scales = {v.scale if v.scale is not None else bare_scale for v in values}
    scale = target_scale(scales) if scales else 10
    if len(scales) > 1 or (scales and next(iter(scales)) != scale):
        listed = " and ".join(str(s) for s in sorted(scales))
        warnings.append(
            f"scores are on different scales ({listed}); all converted to a scale of {scale}"
        )

    def on_scale(value: Value) -> float:
        assert value.value is not None
        return convert(value.value, value.scale or bare_scale, scale)

    by_number: dict[int, dict[str, Any]] = {}
    order: list[int] = []
    for e in entries:
        number = e.number + offsets.get(e.season, 0)
        score = on_scale(e.value) if e.value is not None else None
        if e.value is None and not (e.rule == "ranked" and e.placeholder is None):
            what = f"the score is {e.placeholder!r}" if e.placeholder else "no score was found"
            warnings.append(f"line {e.line}: episode {number}: {what}; imported without a score")
        if number in by_number:
            first = by_number[number]
            if first["score"] == score or score is None:
                warnings.append(f"line {e.line}: episode {number} is listed again; merged")
            elif first["score"] is None:
                first["score"] = score
                warnings.append(f"line {e.line}: episode {number} is listed again; merged")
            else:
                warnings.append(
                    f"line {e.line}: episode {number} is listed again with another score "
                    f"({format_score(score)} after {format_score(first['score'])}); "
                    "kept the first"
                )
            if first.get("title") is None:
                first["title"] = e.title
            continue
        last = e.last + offsets.get(e.season, 0) if e.last is not None else None
        by_number[number] = {
            "number": number,
            "title": e.title,
            "score": score,
            "entry": e,
            "last": last,
        }
        order.append(number)
        if last is not None:
            for other in range(number + 1, last + 1):
                if other not in by_number:
                    by_number[other] = {"number": other, "score": score, "entry": e}
            if score is not None:
                guesses.append(
                    f"line {e.line}: episodes {number}–{last} are reviewed together; each gets "
                    f"the score {format_score(score)}"
                )
    if order != sorted(order):
        ranked = any(e.rule == "ranked" for e in entries)
        newest_first = len(order) > 2 and order == sorted(order, reverse=True)
        if not ranked and not newest_first:
            first_bad = next(b for a, b in itertools.pairwise(order) if b < a)
            warnings.append(
                f"episodes are listed out of order (episode {first_bad} comes after a later "
                "one); sorted by number"
            )
    episodes = [by_number[n] for n in sorted(by_number)]
    review_score = on_scale(found.review_score) if found.review_score is not None else None
    sub_scores: dict[str, float] = {}
    for label, value in found.sub_scores:
        plain = " ".join(label.lower().split())
        key = SUB_SCORE_KEYS.get(plain) or re.sub(r"[\W_]+", "_", plain).strip("_") or "score"
        while key in sub_scores:
            key += "_2"
        sub_scores[key] = on_scale(value)
    return episodes, scale, review_score, sub_scores


def _sections(
    found: Assembled, episodes: list[dict[str, Any]], warnings: list[str], covers: int
) -> tuple[list[dict[str, Any]], int, list[Hidden]]:
    sections: list[dict[str, Any]] = []
    inline = 0
    unmarked: list[Hidden] = []
    numbers = _EntryNumbers(episodes)
    for part in found.parts:
        body = _balance_markers(part.body())
        if not body and part.heading is None:
            continue
        section: dict[str, Any] = {"body": body}
        if part.entry is not None:
            number, last = numbers.of(part.entry)
            section["heading"] = (
                f"Episode {number}" if last is None else f"Episodes {number}–{last}"
            )
            section["spoils"] = last or number
        else:
            if part.heading is not None:
                section["heading"] = part.heading
            if part.spoiler and covers:
                section["spoils"] = covers  # a page about one episode: hidden until it
            elif part.spoiler:
                section["spoiler"] = True
            elif part.spoils:
                section["spoils"] = part.spoils
            else:
                section["body"], hidden = hide_unmarked(body)
                unmarked.extend(hidden)
        inline += sum(
            hidden for para in paragraphs(section["body"]) for _, hidden in split_inline(para)
        )
        sections.append(section)
    last = max((ep["number"] for ep in episodes), default=0)
    for section in sections:
        spoils = section.get("spoils")
        if spoils is not None and last and spoils > last:
            warnings.append(
                f"a spoiler mark names episode {spoils}, past the last episode {last}; "
                "it hides until the whole show is watched"
            )
            del section["spoils"]
            section["spoiler"] = True
    return sections, inline, unmarked


class _EntryNumbers:
    """The episode number each guide entry ended up with (looked up once, not per part)."""

    def __init__(self, episodes: list[dict[str, Any]]) -> None:
        self.by_entry: dict[int, tuple[int, int | None]] = {}
        self.by_key: dict[tuple[int, int | None], tuple[int, int | None]] = {}
        for ep in episodes:
            if "last" not in ep:
                continue  # the other episodes of a range: the range's first holds the entry
            entry: Entry = ep["entry"]
            got = (int(ep["number"]), ep["last"])
            self.by_entry[id(entry)] = got
            self.by_key.setdefault((entry.number, entry.season), got)

    def of(self, entry: Entry) -> tuple[int, int | None]:
        got = self.by_entry.get(id(entry))
        if got is not None:
            return got
        # a merged duplicate: its note belongs to the episode with its number
        return self.by_key.get((entry.number, entry.season), (entry.number, None))


def _balance_markers(body: str) -> str:
    """Close inline markers at each paragraph end and reopen them in the next paragraph."""
    if not any(opening in body for opening, _ in MARKERS):
        return body
    out: list[str] = []
    carry: tuple[str, str] | None = None
    for para in paragraphs(body):
        if carry is not None:
            para = carry[0] + para
            carry = None
        pos = 0
        while True:
            hits = [(para.find(o, pos), o, c) for o, c in MARKERS]
            hits = [h for h in hits if h[0] >= 0]
            if not hits:
                break
            start, opening, closing = min(hits)
            end = para.find(closing, start + len(opening))
            if end < 0:
                carry = (opening, closing)
                para += closing
                break
            pos = end + len(closing)
        out.append(para)
    return "\n\n".join(out)


def _show_info(found: Assembled, title: str, scale: int, warnings: list[str]) -> dict[str, Any]:
    info: dict[str, Any] = {"id": slugify(title), "title": title, "score_scale": scale}
    meta = found.meta
    year = meta.get("year")
    if year is None and found.headline is not None and found.headline.year:
        year = str(found.headline.year)
    if year is not None:
        if re.fullmatch(r"(?:19|20)\d\d", year.strip()):
            info["year"] = int(year)
        else:
            warnings.append(f"'Year: {year}' is not a year; left out")
    aired = meta.get("aired")
    if "year" not in info and aired:
        first_year = re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", aired)
        if first_year:
            info["year"] = int(first_year[0])
    for key, field_name in (
        ("original title", "original_title"),
        ("country", "country"),
        ("network", "network"),
    ):
        if key in meta and field_name not in info:
            info[field_name] = meta[key]
    genres = meta.get("genres")
    if genres:
        info["genres"] = [g.strip() for g in re.split(r"[,/;、，|]", genres) if g.strip()]
    cast = meta.get("cast")
    if cast:
        members = []
        for name in re.split(r"[,;、，|]", cast):
            name = name.strip()
            if not name:
                continue
            role = re.match(
                r"(?P<name>.+?)[ \t]+(?:as[ \t]+(?P<as>.+)|\((?P<paren>[^)]+)\))$", name
            )
            if role:
                members.append({"name": role["name"], "role": role["as"] or role["paren"]})
            else:
                members.append({"name": name})
        info["cast"] = members
    episodes = meta.get("episodes")
    if episodes is not None:
        count = re.match(r"\s*(\d{1,5})(?!\s*[/:.,]\d)", episodes)
        if count and 1 <= int(count[1]) <= 10000:
            info["episodes_total"] = int(count[1])
        else:
            warnings.append(f"'Episodes: {episodes}' is not a number of episodes; left out")
    return info
