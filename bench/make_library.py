"""Deterministic synthetic show libraries for the benchmark.

``make_library(folder, count)`` writes *count* show files of realistic size (~13 KB each:
16 episodes with synopses, 2 reviews x 4 sections, whole-section spoilers, ``spoils = N``
sections and inline ``||...||`` markers) into ``folder/shows`` and a state file with some
episodes watched into ``folder/state.toml``. The same *count* and *seed* always give the
same bytes. Every generated file passes ``dramatui check`` with no problem or warning.

Run as a script to make one: ``python -m bench.make_library FOLDER COUNT``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

import tomli_w

# Body prose uses BODY words; headings, headlines and show synopses use only TITLE words,
# so no always-visible text ever shares a word with spoiler text (no leak warnings).
BODY = (  # noqa: SIM905
    "the a of and to in her his their with when after before while every night morning "
    "friend brother sister mother father rival colleague neighbour stranger detective "
    "singer chef doctor lawyer pianist teacher student painter driver reporter manager "
    "finds loses hides meets follows leaves returns remembers forgets promises refuses "
    "smiles argues waits runs sings writes calls answers listens watches carries opens "
    "letter secret song photograph key contract rooftop station hospital kitchen studio "
    "garden river bridge market office village harbour winter summer rain snow festival "
    "quietly slowly suddenly finally almost never always again together alone softly "
    "bright tired warm cold honest stubborn gentle nervous proud lonely hopeful clumsy "
    "scene moment chapter performance chemistry pacing direction writing soundtrack "
    "cinematography ending twist confession reunion accident wedding audition deadline"
).split()
TITLE = (  # noqa: SIM905
    "Velvet Lantern Paper Crane Silver Orchard Midnight Compass Quiet Meridian Amber "
    "Harbourlight Willow Ember Cobalt Saffron Juniper Marigold Lullaby Horizon Cinder "
    "Tidewater Moonrise Kestrel Halcyon Thistle Copperleaf Starling Wisteria Bramble"
).split()
HEADINGS = ("Premise", "Characters", "Craft", "Verdict")
NETWORKS = ("Netflix", "Disney+", "tvN", "JTBC", "SBS", "KBS2", "MBC", "Viki", "Prime Video")
COUNTRIES = ("South Korea", "Japan", "Taiwan", "Thailand", "China")
GENRES = ("Romance", "Comedy", "Thriller", "Melodrama", "Mystery", "Music", "Fantasy", "Legal")
ORIGINAL = ("사운드트랙", "초록빛 바다", "夜の灯り", "月光小夜曲", "สายลม", None, None, None)
FIRST_TITLE = "Aaron's Velvet Lantern"
"""The title of show 0: sorts first (casefold), so it is the first show on screen."""


@dataclass(frozen=True)
class Library:
    folder: Path
    shows: Path
    state: Path
    count: int
    first_title: str
    bytes: int


def _sentences(rng: random.Random, n: int) -> list[str]:
    out = []
    for _ in range(n):
        words = rng.choices(BODY, k=rng.randint(8, 14))
        out.append(" ".join(words).capitalize() + ".")
    return out


class _Writer:
    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        self.sentences = _sentences(rng, 1500)

    def para(self, rng: random.Random, n: int, inline: bool = False) -> str:
        parts = [self.sentences[rng.randrange(len(self.sentences))] for _ in range(n)]
        if inline:
            i = rng.randrange(len(parts))
            parts[i] = "||" + parts[i] + "||"
        return " ".join(parts)

    def show(self, i: int, rng: random.Random) -> dict[str, object]:
        title = FIRST_TITLE if i == 0 else f"{' '.join(rng.sample(TITLE, 2))} {i:05d}"
        show_id = f"show-{i:05d}"
        start = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(5000))
        episodes = []
        for n in range(1, 17):
            episodes.append(
                {
                    "number": n,
                    "title": " ".join(rng.sample(TITLE, 2)),
                    "aired": start + dt.timedelta(days=7 * (n - 1)),
                    "runtime": rng.randint(45, 75),
                    "score": rng.randint(2, 10) / 2,
                    "synopsis": self.para(rng, 3),
                }
            )
        reviews = []
        for r in range(2):
            sections = []
            for s, heading in enumerate(HEADINGS):
                section: dict[str, object] = {
                    "heading": heading,
                    "body": "\n\n".join(
                        self.para(rng, 3, inline=(s == 1 and k == 0)) for k in range(3)
                    ),
                }
                if s == 2:
                    section["spoils"] = rng.randint(2, 16)
                if s == 3 and r == 1:
                    section["spoiler"] = True
                sections.append(section)
            reviews.append(
                {
                    "source": rng.choice(("Drama Notes", "The Screen Diary", "Episode Club")),
                    "author": rng.choice(("J. Park", "M. Tanaka", "S. Lee", "A. Chen")),
                    "url": f"https://example.com/reviews/{show_id}/{r}",
                    "published": start + dt.timedelta(days=120 + r),
                    "headline": " ".join(rng.sample(TITLE, 3)),
                    "covers": 0 if r == 0 else rng.randint(1, 16),
                    "score": rng.randint(4, 10) / 2,
                    "scores": {"story": rng.randint(1, 5), "music": rng.randint(1, 5)},
                    "sections": sections,
                }
            )
        info: dict[str, object] = {
            "id": show_id,
            "title": title,
            "year": start.year,
            "country": rng.choice(COUNTRIES),
            "network": rng.choice(NETWORKS),
            "genres": sorted(rng.sample(GENRES, 2)),
            "episodes_total": 16,
            "score_scale": 5,
            "synopsis": " ".join(rng.sample(TITLE, 12)) + ".",
            "cast": [{"name": f"Actor {i}-{c}", "role": rng.choice(TITLE)} for c in range(4)],
        }
        original = rng.choice(ORIGINAL)
        if original:
            info["original_title"] = original
        return {"format": 1, "show": info, "episodes": episodes, "reviews": reviews}


def _value(value: object) -> str:
    if isinstance(value, str):
        if "\n" in value:
            return '"""\n' + value + '"""'
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, dt.date)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(value)


def _table(lines: list[str], header: str, table: dict[str, object]) -> None:
    lines.append(header)
    nested = []
    for key, value in table.items():
        if isinstance(value, list) and value and isinstance(value[0], dict) and key != "cast":
            nested.append((key, value))
        else:
            lines.append(f"{key} = {_value(value)}")
    lines.append("")
    name = header.strip("[]")
    for key, items in nested:
        for item in items:
            _table(lines, f"[[{name}.{key}]]", item)


def _toml(data: dict[str, object]) -> str:
    """A show as TOML, written by hand: ~10x faster than tomli-w, and what people write."""
    lines = [f"format = {data['format']}", ""]
    _table(lines, "[show]", data["show"])  # type: ignore[arg-type]
    for key in ("episodes", "reviews"):
        for item in data[key]:  # type: ignore[attr-defined]
            _table(lines, f"[[{key}]]", item)
    return "\n".join(lines)


def make_library(folder: Path, count: int, seed: int = 6) -> Library:
    """Write *count* shows to ``folder/shows`` and a state file to ``folder/state.toml``."""
    shows = folder / "shows"
    shows.mkdir(parents=True, exist_ok=True)
    writer = _Writer(seed)
    watched: dict[str, list[int]] = {}
    total = 0
    for i in range(count):
        rng = random.Random(seed * 1_000_003 + i)
        data = writer.show(i, rng)
        payload = _toml(data).encode()
        total += len(payload)
        fd = os.open(shows / f"show-{i:05d}.toml", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, payload)
        finally:
            os.close(fd)
        if i % 3 == 0:
            watched[f"show-{i:05d}"] = list(range(1, 1 + i % 16))
    state = folder / "state.toml"
    state.write_text(tomli_w.dumps({"version": 1, "watched": watched}), encoding="utf-8")
    return Library(folder, shows, state, count, FIRST_TITLE, total)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    lib = make_library(args.folder, args.count, args.seed)
    print(f"{lib.count} shows, {lib.bytes:,} bytes in {lib.shows}; state {lib.state}")


if __name__ == "__main__":
    main()
