"""``dramatui export --mine``: all your ratings and notes, as one Markdown or CSV file.

Read from the state file; each show is named by its title when the library has it (by
its id otherwise: a show file removed since keeps your words). Notes are yours but still
pass through ``safe_text``: no control character reaches a terminal or a spreadsheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass

from dramatui.format_rules import format_score
from dramatui.safe_text import safe_line, safe_text
from dramatui.state_file import SHOW, StateFile


@dataclass(frozen=True)
class ShowName:
    title: str
    scale: int | None


def _shows(data: StateFile, names: Mapping[str, ShowName]) -> list[tuple[str, ShowName]]:
    ids = set(data.ratings) | set(data.notes)
    found = [(i, names.get(i) or ShowName(i, None)) for i in ids]
    found.sort(key=lambda pair: (pair[1].title.casefold(), pair[0]))
    return found


def _value(value: float, scale: int | None) -> str:
    return format_score(value) + (f"/{scale}" if scale else "")


def _day(at: dt.datetime) -> str:
    return at.date().isoformat()


def _md(text: str) -> str:
    out = "".join("\\" + ch if ch in "\\`*_[]<>|~" else ch for ch in text)
    return "\\" + out if out.startswith(("#", "+", "-", "=", ">")) else out


def mine_markdown(data: StateFile, names: Mapping[str, ShowName]) -> str:
    """Every show you rated or noted: your rating and note on it, then on each episode."""
    lines = ["# Your ratings and notes", ""]
    shows = _shows(data, names)
    if not shows:
        return "\n".join([*lines, "Nothing rated or noted yet.", ""])
    for show_id, name in shows:
        ratings = data.ratings.get(show_id, {})
        notes = data.notes.get(show_id, {})
        lines += [f"## {_md(safe_line(name.title))}", ""]
        for number in sorted(set(ratings) | set(notes)):
            label = "The show" if number == SHOW else f"Episode {number}"
            bits = [f"**{label}**"]
            if number in ratings:
                r = ratings[number]
                bits.append(f"You: {_value(r.value, name.scale)} ({_day(r.at)})")
            lines.append("- " + " · ".join(bits))
            if number in notes:
                note = notes[number]
                paras = [p.strip() for p in safe_text(note.text).split("\n") if p.strip()]
                lines.append(f"  *Note ({_day(note.at)}):* " + (_md(paras[0]) if paras else ""))
                lines += [f"  {_md(p)}" for p in paras[1:]]
        lines.append("")
    return "\n".join(lines)


CSV_COLUMNS = (
    "show_id",
    "show",
    "episode",
    "rating",
    "scale",
    "rated_at",
    "note",
    "noted_at",
)


def mine_csv(data: StateFile, names: Mapping[str, ShowName]) -> str:
    """One row per episode (or show: episode empty) you rated or noted."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for show_id, name in _shows(data, names):
        ratings = data.ratings.get(show_id, {})
        notes = data.notes.get(show_id, {})
        for number in sorted(set(ratings) | set(notes)):
            r, n = ratings.get(number), notes.get(number)
            writer.writerow(
                [
                    safe_line(show_id),
                    _cell(safe_line(name.title)),
                    "" if number == SHOW else number,
                    format_score(r.value) if r else "",
                    name.scale or "",
                    r.at.isoformat() if r else "",
                    _cell(safe_text(n.text)) if n else "",
                    n.at.isoformat() if n else "",
                ]
            )
    return out.getvalue()


def _cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP's CSV injection advice)."""
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text
