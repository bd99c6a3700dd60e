"""A TVmaze show -> a show file (format 1), and a newer answer merged into a file.

Format 1 is one season per file. :func:`season_facts` picks what goes in a file from a
TVmaze show: the facts, and one season's episodes (its specials after them, when asked).
:func:`new_show_text` writes it as TOML with tomlkit; :func:`merge` puts newer facts into a
file the user has since written in (scores, reviews, comments), through tomlkit so that
everything it does not change keeps its bytes, and says what it changed.

Every text taken from TVmaze goes through :func:`~dramatui.safe_text.safe_text` (summaries
after HTML -> plain text). TVmaze's ratings are never written: they are not the reviewer's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import tomlkit
from tomlkit.items import AoT, Array, Comment, Table, Whitespace

from dramatui.model import FORMAT_VERSION, slugify
from dramatui.safe_text import safe_line
from dramatui.sources.html_text import html_to_text
from dramatui.sources.tvmaze import LICENCE
from dramatui.sources.tvmaze_models import Aka, Show

SOURCE_NAME = "TVmaze"
SHOW_KEYS = ("original_title", "year", "country", "network", "genres", "episodes_total")
"""The show facts TVmaze owns in a file (with ``synopsis`` and ``cast``)."""
EPISODE_KEYS = ("title", "aired", "runtime", "synopsis")
"""The episode facts TVmaze owns; ``score`` and anything else is the user's."""


class NotAShow(ValueError):
    """What TVmaze gave cannot become a show file (no episodes, a blank title...)."""


@dataclass
class SeasonFacts:
    """What one file holds: plain values, every text already made safe."""

    stem: str
    show: dict[str, Any]
    episodes: list[dict[str, Any]]
    source: dict[str, Any]


@dataclass
class Changes:
    """What a merge changed, in words."""

    lines: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.lines)


def seasons(show: Show) -> list[int]:
    """The show's season numbers that have regular episodes, in order."""
    return sorted({ep.season for ep in show.episodes if not ep.is_special})


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    return safe_line(value) or None


def original_title(show: Show, akas: list[Aka]) -> str | None:
    """The name in the show's own country, when TVmaze has one that differs from its name."""
    channel = show.channel
    code = channel.country.code if channel and channel.country else None
    for aka in akas:
        if aka.country is None or (code and aka.country.code == code):
            name = _text(aka.name)
            if name and name != _text(show.name):
                return name
    return None


def season_facts(
    show: Show,
    season: int | None,
    *,
    specials: bool = False,
    akas: list[Aka] | None = None,
) -> SeasonFacts:
    """The facts of *season* (None: the show has one season) ready to write.

    Raises :class:`NotAShow` when there is nothing to write.
    """
    title = _text(show.name)
    if not title:
        raise NotAShow(f"TVmaze's show {show.id} has no title")
    all_seasons = seasons(show)
    if not all_seasons:
        raise NotAShow(f"TVmaze lists no episodes for {title!r} (show {show.id})")
    if season is None:
        season = all_seasons[0]
    if season not in all_seasons:
        listed = ", ".join(str(n) for n in all_seasons)
        raise NotAShow(f"{title!r} has no season {season} on TVmaze (seasons: {listed})")
    several = len(all_seasons) > 1
    regular = [ep for ep in show.episodes if ep.season == season and not ep.is_special]
    regular.sort(key=lambda ep: ep.number or 0)
    extra = [ep for ep in show.episodes if ep.season == season and ep.is_special]

    episodes: list[dict[str, Any]] = []
    used: set[int] = set()
    for ep in regular:
        number = ep.number or 0
        if number < 1 or number in used:
            number = max(used, default=0) + 1
        used.add(number)
        episodes.append(_episode(number, ep.name, ep.airdate, ep.runtime, ep.summary))
    if specials:
        for ep in extra:
            number = max(used, default=0) + 1
            used.add(number)
            name = _text(ep.name)
            episodes.append(
                _episode(
                    number,
                    f"Special: {name}" if name else "Special",
                    ep.airdate,
                    ep.runtime,
                    ep.summary,
                )
            )

    first_aired = min((ep.airdate for ep in regular if ep.airdate), default=None)
    year = first_aired.year if first_aired else (show.premiered.year if show.premiered else None)
    channel = show.channel
    facts: dict[str, Any] = {
        "title": f"{title} — Season {season}" if several else title,
        "original_title": original_title(show, akas or []),
        "year": year if year and 1900 <= year <= 2100 else None,
        "country": _text(channel.country.name) if channel and channel.country else None,
        "network": _text(channel.name) if channel else None,
        "genres": [g for g in (_text(g) for g in show.genres) if g],
        "episodes_total": len(episodes),
        "synopsis": html_to_text(show.summary),
        "cast": _cast(show),
    }
    stem = slugify(title) + (f"-s{season}" if several else "")
    url = show.url if show.url and show.url.startswith(("https://", "http://")) else None
    source: dict[str, Any] = {"name": SOURCE_NAME, "id": show.id, "url": _text(url)}
    source.update(licence=LICENCE, season=season, specials=specials)
    return SeasonFacts(stem=stem, show=facts, episodes=episodes, source=source)


def _episode(
    number: int,
    name: str | None,
    aired: dt.date | None,
    runtime: int | None,
    summary: str | None,
) -> dict[str, Any]:
    return {
        "number": number,
        "title": _text(name),
        "aired": aired,
        "runtime": runtime if runtime and 1 <= runtime <= 1000 else None,
        "synopsis": html_to_text(summary),
    }


def _cast(show: Show) -> list[dict[str, str]]:
    cast: list[dict[str, str]] = []
    for credit in show.cast:
        name = _text(credit.person.name)
        if not name:
            continue
        member = {"name": name}
        role = _text(credit.character.name) if credit.character else None
        if role:
            member["role"] = role
        cast.append(member)
    return cast


# ---------------------------------------------------------------------------
# Writing a new file


def _header(facts: SeasonFacts) -> str:
    where = facts.source.get("url") or "https://www.tvmaze.com"
    return (
        f"Facts and episode guide from TVmaze ({where}),\n"
        f"licensed {LICENCE} (https://creativecommons.org/licenses/by-sa/4.0/).\n"
        "Add your scores and reviews below; `dramatui add --update` keeps them."
    )


def _value(value: Any) -> Any:
    """A tomlkit item for *value*: multi-line strings as ``\"\"\"`` strings."""
    if isinstance(value, str) and "\n" in value:
        return tomlkit.string(value, multiline=True)
    if isinstance(value, list) and value and isinstance(value[0], dict):
        array = tomlkit.array()
        for item in value:
            inline = tomlkit.inline_table()
            inline.update(item)
            array.append(inline)
        array.multiline(True)
        return array
    return value


def new_show_text(facts: SeasonFacts, show_id: str) -> str:
    """The show file for *facts*, with *show_id* as its id, as TOML text."""
    doc = tomlkit.document()
    for line in _header(facts).splitlines():
        doc.add(tomlkit.comment(line))
    doc.add("format", FORMAT_VERSION)
    show = tomlkit.table()
    show.add("id", show_id)
    for key, value in facts.show.items():
        if value is not None and value != []:
            show.add(key, _value(value))
    source = tomlkit.table()
    for key, value in facts.source.items():
        if value is not None:
            source.add(key, value)
    show.add("source", source)
    doc.add("show", show)
    episodes = tomlkit.aot()
    for ep in facts.episodes:
        episodes.append(_episode_table(ep))
    doc.add("episodes", episodes)
    return tomlkit.dumps(doc)


def _episode_table(ep: dict[str, Any]) -> Table:
    table = tomlkit.table()
    for key, value in ep.items():
        if value is not None:
            table.add(key, _value(value))
    return table


# ---------------------------------------------------------------------------
# Merging newer facts into a file


def source_of(doc: Any) -> dict[str, Any] | None:
    """The ``[show.source]`` of a parsed file when it came from TVmaze, else None."""
    show = doc.get("show")
    source = show.get("source") if isinstance(show, dict) else None
    if not isinstance(source, dict) or source.get("name") != SOURCE_NAME:
        return None
    if not isinstance(source.get("id"), int):
        return None
    return {str(k): v for k, v in source.items()}


def _plain(value: Any) -> Any:
    unwrap = getattr(value, "unwrap", None)
    return unwrap() if callable(unwrap) else value


def merge(text: str, facts: SeasonFacts) -> tuple[str, Changes]:
    """*text* (a show file) with *facts* merged in; what changed.

    TVmaze's own facts are taken when they differ or were missing; new episodes are
    appended; episodes are matched by number. Nothing else is touched: the user's scores,
    reviews, comments, order and spacing keep their bytes.
    """
    doc = tomlkit.parse(text)
    changes = Changes()
    show = doc["show"]
    assert isinstance(show, Table)
    for key in (*SHOW_KEYS, "synopsis", "cast"):
        had = key in show
        if _set(show, key, facts.show.get(key)):
            changes.lines.append(f"{key.replace('_', ' ')} {'changed' if had else 'added'}")

    episodes = doc.get("episodes")
    if not isinstance(episodes, AoT):
        episodes = tomlkit.aot()
        doc.add("episodes", episodes)
    by_number: dict[int, Table] = {}
    for table in episodes:
        number = table.get("number")
        if isinstance(number, int):
            by_number[number] = table
    filled: dict[str, list[int]] = {}
    added: list[int] = []
    new_tables: list[Table] = []
    for ep in facts.episodes:
        number = ep["number"]
        table = by_number.get(number)
        if table is None:
            new_tables.append(_episode_table(ep))
            added.append(number)
            continue
        for key in EPISODE_KEYS:
            if _set(table, key, ep.get(key)):
                filled.setdefault(key, []).append(number)
    _append(episodes, new_tables)
    if added:
        changes.lines.append(f"{_count(len(added), 'new episode')} ({_numbers(added)})")
    for key, numbers in filled.items():
        changes.lines.append(f"{key} of {_count(len(numbers), 'episode')} ({_numbers(numbers)})")
    return tomlkit.dumps(doc), changes


def _append(episodes: AoT, tables: list[Table]) -> None:
    """Append *tables* after the last episode, before the comments and blank lines that
    end it (they belong to what follows: a comment above ``[[reviews]]`` stays there)."""
    if not tables:
        return
    trailing: list[tuple[Any, Any]] = []
    if len(episodes):
        body = episodes[-1].value.body
        while body and body[-1][0] is None and isinstance(body[-1][1], Whitespace | Comment):
            trailing.insert(0, body.pop())
        episodes[-1].add(tomlkit.nl())
    for i, table in enumerate(tables):
        if i < len(tables) - 1:
            table.add(tomlkit.nl())
        episodes.append(table)
    last = episodes[-1].value
    for key, item in trailing:
        last.append(key, item)


def _set(table: Table, key: str, new: Any) -> bool:
    """Put *new* under *key* when TVmaze has it and it differs; whether it changed.

    TVmaze no longer having a value (None) never removes the user's copy.
    """
    if new is None or new == []:
        return False
    old = _plain(table.get(key))
    if isinstance(old, Array | list):
        old = _plain(old)
    if old == new:
        return False
    if key in table:
        table[key] = _value(new)
    else:
        table.add(key, _value(new))
    return True


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _numbers(numbers: list[int]) -> str:
    if len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{numbers[0]}-{numbers[-1]}"
    if len(numbers) > 6:
        return ", ".join(str(n) for n in numbers[:6]) + ", ..."
    return ", ".join(str(n) for n in numbers)
