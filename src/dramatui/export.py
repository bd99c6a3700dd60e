"""Show -> TOML (the file format, round-tripping) and Show -> Markdown (for reading).

:func:`dump_show_toml` is the one writer of show files: ``import``, ``export`` and ``new``
all use it. :func:`to_markdown` goes through :func:`dramatui.spoilers.redact`, the same
redaction as the screen: hidden text is absent and a placeholder says what was removed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import tomli_w

from dramatui.format_rules import format_score
from dramatui.model import ShowFile
from dramatui.safe_text import safe_text
from dramatui.spoilers import Options, Paragraph, ShowView, Spoiler, placeholder, redact
from dramatui.state_file import SHOW, Note, Rating

SpoilerMode = Literal["hide", "progress", "show"]

_ALWAYS = {("show", "score_scale")}
"""Fields written even when they hold their default: the scale says how to read scores."""


def _clean(value: Any, path: tuple[str, ...] = ()) -> Any:
    """Whole-number floats as ints (4.0 -> 4): the file reads as people write it."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _clean(v, (*path, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v, path) for v in value]
    return value


def show_data(show: ShowFile) -> dict[str, Any]:
    """The show as plain TOML-ready data: no None, no defaults (except score_scale)."""
    data: dict[str, Any] = show.model_dump(mode="python", exclude_none=True, exclude_defaults=True)
    data["format"] = show.format
    info = data.setdefault("show", {})
    for table, key in _ALWAYS:
        if table == "show":
            info[key] = getattr(show.show, key)
    ordered = {"format": data.pop("format"), "show": _ordered_show(data.pop("show"))}
    ordered.update(data)
    cleaned: dict[str, Any] = _clean(ordered)
    return cleaned


def _ordered_show(info: dict[str, Any]) -> dict[str, Any]:
    # keep the model's field order, with id and title first
    from dramatui.model import ShowInfo

    return {k: info[k] for k in ShowInfo.model_fields if k in info}


def dump_show_toml(show: ShowFile, header: str | None = None) -> str:
    """The show as format-1 TOML. ``load(dump_show_toml(show)) == show``.

    Tables in the order people read them ([show], [[episodes]], [[reviews]]), long text
    as multi-line strings wrapped with line-ending backslashes (which TOML joins back
    without changing a character). *header* is written first as ``#`` comment lines.
    """
    out: list[str] = []
    if header:
        out.extend(f"# {line}".rstrip() for line in header.splitlines())
        out.append("")
    _table(out, (), show_data(show))
    return "\n".join(out).strip("\n") + "\n"


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_WRAP = 88


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _basic(key)


def _basic(text: str) -> str:
    return tomli_w.dumps({"k": text}).split("=", 1)[1].strip()


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dict):
        inner = ", ".join(f"{_key(k)} = {_scalar(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    return tomli_w.dumps({"k": value}).split("=", 1)[1].strip()


def _string(text: str) -> str:
    """A TOML string: basic when short and on one line, else multi-line and wrapped."""
    if "\n" not in text and len(text) <= 72:
        return _basic(text)
    escaped = []
    for ch in text:
        if ch == "\\":
            escaped.append("\\\\")
        elif ch == '"':
            escaped.append('\\"')
        elif ch == "\t":
            escaped.append("\\t")
        elif ch == "\n":
            escaped.append("\n")
        elif ord(ch) < 32 or ch == "\x7f":
            escaped.append(f"\\u{ord(ch):04x}")
        else:
            escaped.append(ch)
    lines = [_wrap(line) for line in "".join(escaped).split("\n")]
    return '"""\n' + "\n".join(lines) + '"""'


def _wrap(line: str) -> str:
    """Break a long line at single spaces with a line-ending backslash."""
    if len(line) <= _WRAP:
        return line
    pieces: list[str] = []
    start = 0
    while len(line) - start > _WRAP:
        cut = line.rfind(" ", start + 1, start + _WRAP)
        while cut > start and (line[cut - 1] == " " or line[cut + 1 : cut + 2] in (" ", "")):
            cut = line.rfind(" ", start + 1, cut)
        if cut <= start:
            cut = line.find(" ", start + _WRAP)
            while cut >= 0 and (line[cut - 1] == " " or line[cut + 1 : cut + 2] in (" ", "")):
                cut = line.find(" ", cut + 1)
            if cut < 0:
                break
        pieces.append(line[start : cut + 1] + "\\")
        start = cut + 1
    pieces.append(line[start:])
    return "\n".join(pieces)


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _table(out: list[str], path: tuple[str, ...], data: dict[str, Any]) -> None:
    for key, value in data.items():
        if path == () and isinstance(value, dict):
            continue
        if not _is_tables(value):
            out.append(f"{_key(key)} = {_scalar(value)}")
    for key, value in data.items():
        name = ".".join(_key(p) for p in (*path, key))
        if path == () and isinstance(value, dict):
            out += ["", f"[{name}]"]
            _table(out, (*path, key), value)
        elif _is_tables(value):
            for item in value:
                out += ["", f"[[{name}]]"]
                _table(out, (*path, key), item)


# ---------------------------------------------------------------------------
# Markdown


def view_for(
    show: ShowFile,
    mode: SpoilerMode,
    watched: Collection[int] = (),
    revealed: Collection[str] = (),
    options: Options | None = None,
) -> ShowView:
    """The view an export uses: nothing watched, the reader's progress, or everything."""
    if mode == "show":
        return redact(show, options=Options(reveal_all=True))
    if mode == "progress":
        return redact(show, watched, revealed, options or Options())
    return redact(show)


def _md_escape(text: str) -> str:
    """Library text as Markdown text: characters that would start markup are escaped."""
    out = "".join("\\" + ch if ch in "\\`*_[]<>|~" else ch for ch in text)
    return "\\" + out if out.startswith(("#", "+", "-", "=", ">")) else out


class _Marks:
    """What an export leaves out, counted as it writes each mark (so the note at the end
    counts exactly the marks the reader sees, of each kind)."""

    def __init__(self, how: str) -> None:
        self.how = how
        self.counts = {"spoiler": 0, "score": 0, "title": 0}

    def hidden(self, spoiler: Spoiler) -> str:
        self.counts["score" if spoiler.kind == "score" else "spoiler"] += 1
        return f"*{placeholder(spoiler, self.how)}*"

    def note(self) -> str | None:
        """``*Left out of this export: 2 spoilers and 1 score.*`` (None: nothing was)."""
        parts = [_count(n, kind) for kind, n in self.counts.items() if n]
        if not parts:
            return None
        listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
        return f"*Left out of this export: {listed}.*"

    def para(self, para: Paragraph) -> str:
        return "".join(
            self.hidden(piece.spoiler)
            if piece.hidden and piece.spoiler is not None
            else _md_escape(piece.text)
            for piece in para
        )

    def paras(self, paras: tuple[Paragraph, ...]) -> list[str]:
        return [self.para(p) for p in paras]


@dataclass(frozen=True)
class Mine:
    """Your ratings and notes on one show (episode number -> yours; 0 is the show)."""

    ratings: Mapping[int, Rating] = field(default_factory=dict)
    notes: Mapping[int, Note] = field(default_factory=dict)


def _you(mine: Mine, number: int, scale: int) -> str | None:
    rating = mine.ratings.get(number)
    return f"You: {format_score(rating.value)}/{scale}" if rating else None


def _note_md(mine: Mine, number: int, indent: str = "") -> list[str]:
    note = mine.notes.get(number)
    if note is None:
        return []
    paras = [p for p in safe_text(note.text).split("\n") if p.strip()]
    first, *rest = [_md_escape(p.strip()) for p in paras] or [""]
    return [f"{indent}*Your note:* {first}", *(f"{indent}{p}" for p in rest)]


def to_markdown(view: ShowView, mode: SpoilerMode = "hide", mine: Mine | None = None) -> str:
    """A readable episode guide and review, from a redacted view, with your ratings and notes."""
    how = {"hide": "hidden in this export", "progress": "not watched yet", "show": ""}[mode]
    marks = _Marks(how)
    scale = view.score_scale
    mine = mine or Mine()
    lines: list[str] = [f"# {_md_escape(view.title)}", ""]
    facts = [str(view.year) if view.year else None, view.country, view.network]
    facts.extend(view.genres)
    if view.original_title:
        facts.insert(0, view.original_title)
    shown = [_md_escape(f) for f in facts if f]
    if shown:
        lines += [" · ".join(shown), ""]
    if view.cast:
        cast = ", ".join(
            _md_escape(name) + (f" ({_md_escape(role)})" if role else "")
            for name, role in view.cast
        )
        lines += [f"Cast: {cast}", ""]
    if view.directors:
        lines += ["Directed by " + ", ".join(_md_escape(d) for d in view.directors), ""]
    if view.writers:
        lines += ["Written by " + ", ".join(_md_escape(w) for w in view.writers), ""]
    for para in marks.paras(view.synopsis):
        lines += [para, ""]
    you = _you(mine, SHOW, scale)
    if you:
        lines += [f"**{you}**", ""]
    if mine.notes.get(SHOW):
        lines += [*_note_md(mine, SHOW), ""]
    if view.episodes:
        lines += ["## Episodes", ""]
        for ep in view.episodes:
            title = _md_escape(ep.title)
            if ep.title_hidden:
                marks.counts["title"] += 1
                title += " *(title hidden)*"
            bits = [
                f"**{ep.number}. {title}**"
                if title != f"Episode {ep.number}"
                else f"**Episode {ep.number}**"
            ]
            if ep.score is not None:
                bits.append(f"{format_score(ep.score)}/{scale}")
            elif ep.score_hidden:
                marks.counts["score"] += 1
                bits.append("score hidden")
            if ep.aired:
                bits.append(_date(ep.aired))
            if ep.runtime:
                bits.append(f"{ep.runtime} min")
            if not ep.listed:
                bits.append("not listed in the show file")
            if ep.watched and mode == "progress":
                bits.append("watched")
            you = _you(mine, ep.number, scale)
            if you:
                bits.append(you)
            lines.append("- " + " · ".join(bits))
            for para in marks.paras(ep.synopsis):
                lines.append(f"  {para}")
            lines += _note_md(mine, ep.number, "  ")
        lines.append("")
    for review in view.reviews:
        heading = "Review"
        if review.covers:
            heading += f" of episode {review.covers}"
        if review.headline:
            heading += f": {_md_escape(review.headline)}"
        lines += [f"## {heading}", ""]
        byline = [review.author, review.source]
        by = [_md_escape(b) for b in byline if b]
        if review.published:
            by.append(_date(review.published))
        if by:
            lines += ["*" + " · ".join(by) + "*", ""]
        if review.url:
            lines += [f"<{review.url}>", ""]
        if review.scores_hidden is not None:
            lines += [f"Scores: {marks.hidden(review.scores_hidden)}", ""]
        if review.score is not None:
            lines += [f"**Score: {format_score(review.score)}/{scale}**", ""]
        if review.scores:
            for name, value in review.scores:
                lines.append(f"- {_md_escape(name)}: {format_score(value)}/{scale}")
            lines.append("")
        for section in review.sections:
            if section.heading:
                lines += [f"### {_md_escape(section.heading)}", ""]
            for para in marks.paras(section.paragraphs):
                lines += [para, ""]
    note = marks.note()
    if note is not None:
        lines += ["---", "", note, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _date(value: dt.date) -> str:
    return value.isoformat()
