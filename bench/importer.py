"""How fast ``dramatui import`` is on 1 MB texts of every shape, beside a floor.

``python -m bench.importer`` generates deterministic ~1 MB review texts (the seed's
layout with long prose; a 30,000-line episode guide in each layout family; one 1 MB line
of numbers and score words; prose with a title and no guide; pathological marker and
digit runs) and times ``import_text`` on each (min / median / max over a few runs). The
**floor** is measured in the same run on the same text: ``str.splitlines()``, one pass
of one compiled regular expression (``finditer``) over the text, and ``tomllib.loads`` of
the show file the import produced. Each import time is printed as a ratio to it.

``--quick`` runs each shape once at 1/10 of the size (the smoke test uses it for
correctness: every shape imports, or is refused with ImportRefused, as expected). It is a
measurement, not a test: it exits 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python bench/importer.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dramatui.export import dump_show_toml
from dramatui.importer import ImportRefused, ImportResult, import_text

MB = 1_000_000
TARGET = 0.3
"""Seconds: the aim for every shape at 1 MB (the issue says 'well under a second')."""

_WORD_TEXT = (
    "the quiet harbour story friendship romance slow burn camera music tune scene "
    "actor actress finale chapter pacing writer director light rain night "
    "market festival letter brother sister ferry island memory promise debt house "
    "secret song lyric photograph studio rooftop winter summer train station café"
)
_WORDS = _WORD_TEXT.split()
_NAME_TEXT = "Hae-jin Min-ho Eun-soo Sun-woo Ma-ri Gyeol-han Kira Tomas Ines Odile"
_NAMES = _NAME_TEXT.split()
_TITLE_TEXT = "Low Water Salt Debts Lantern Path Driftwood Fog Bell Glass Rain Ferry"
_TITLE_WORDS = _TITLE_TEXT.split()


def _sentence(rng: random.Random) -> str:
    n = rng.randint(8, 22)
    words = [rng.choice(_WORDS) for _ in range(n)]
    if rng.random() < 0.5:
        words[rng.randrange(n)] = rng.choice(_NAMES)
    if rng.random() < 0.2:  # numbers in prose that are not scores
        words.insert(rng.randrange(n), rng.choice(["16", "2022", "4/5 of the", "3"]))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(_TITLE_WORDS) for _ in range(rng.randint(1, 3)))


def _fill(lines: list[str], size: int, make: Callable[[int], list[str]]) -> str:
    """Append make(i) for i = 0, 1, … until the text is *size* characters or more."""
    total = sum(len(line) + 1 for line in lines)
    i = 0
    while total < size:
        for line in make(i):
            lines.append(line)
            total += len(line) + 1
        i += 1
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Shapes


def seed_layout(size: int, rng: random.Random) -> str:
    """The seed's layout: chained scores on one line, the review glued on, long prose."""
    guide = " ".join(f"Episode {n} -| Review Score – {rng.randint(2, 5)}/5" for n in range(1, 5))
    first = f"{guide} Moonlit Harbor is a slow coastal romance. {_paragraph(rng, 30)}"
    return _fill(["Episode Guide", first], size, lambda i: ["", _paragraph(rng, 12)])


def _guide(size: int, rng: random.Random, header: Callable[[int, int, int], str]) -> str:
    """A guide of ~30,000 short lines at 1 MB: an entry line and two short note lines.

    *header(season, episode, i)* makes the entry line; 20 seasons of 500 episodes.
    """
    lines = ["Moonlit Harbor is a long-running harbour soap, reviewed episode by episode.", ""]

    def make(i: int) -> list[str]:
        season, episode = divmod(i % 10_000, 500)
        return [
            header(season + 1, episode + 1, i),
            " ".join(rng.choice(_WORDS) for _ in range(4)).capitalize() + ".",
            rng.choice(_NAMES) + " " + " ".join(rng.choice(_WORDS) for _ in range(3)) + ".",
        ]

    return _fill(lines, size, make)


def guide_episode_word(size: int, rng: random.Random) -> str:
    def header(season: int, episode: int, i: int) -> str:
        number = i % 10_000 + 1
        return f"Episode {number}: “{_title(rng)}” — Score: {rng.randint(1, 10)}/10"

    return _guide(size, rng, header)


def guide_se_code(size: int, rng: random.Random) -> str:
    return _guide(
        size, rng, lambda s, e, i: f"S{s:02d}E{e:02d}: {_title(rng)} — {rng.randint(50, 99)}/100"
    )


def guide_x_code(size: int, rng: random.Random) -> str:
    return _guide(size, rng, lambda s, e, i: f"{s}x{e:02d} - {_title(rng)} – {rng.randint(1, 5)}/5")


def guide_bracket(size: int, rng: random.Random) -> str:
    return _guide(
        size, rng, lambda s, e, i: f"[{s}.{e:02d}] {_title(rng)} — {rng.randint(50, 99)}/100"
    )


def guide_stars_grades(size: int, rng: random.Random) -> str:
    grades = ["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D", "F"]

    def header(season: int, episode: int, i: int) -> str:
        if i % 2:
            return f"S{season:02d}E{episode:02d} – {_title(rng)} – {rng.choice(grades)}"
        stars = "★" * rng.randint(1, 4) + rng.choice(["½", "", "☆"])
        return f"S{season:02d}E{episode:02d}: {_title(rng)} {stars}"

    return _guide(size, rng, header)


def guide_ranked(size: int, rng: random.Random) -> str:
    """Ranked entries (ranks 999 … 1, again and again), each stating its episode."""
    lines = ["Harbor Lights, ranked", "", "Harbor Lights is an anthology; here is every hour.", ""]

    def make(i: int) -> list[str]:
        rank = 999 - i % 999
        number = i % 10_000 + 1
        return [
            f"{rank}. “{_title(rng)}” (Episode {number}): {rng.randint(1, 10)}/10",
            " ".join(rng.choice(_WORDS) for _ in range(3)).capitalize() + ".",
            rng.choice(_NAMES) + " " + rng.choice(_WORDS) + ".",
        ]

    return _fill(lines, size, make)


def one_line_numbers(size: int, rng: random.Random) -> str:
    """One line: numbers, fractions, score words and labels, no line break."""
    bits = [
        "Score",
        "score:",
        "Rating 7",
        "8/10",
        "4.5 stars",
        "★★★½",
        "Episode 12",
        "grade B+",
        "TBC",
        "83/100",
        "Overall 8.5",
        "Story 7",
        "16/9",
        "2022",
        "out of 5",
        "ranked",
        "12.",
        "Episode Score: 83",
    ]
    out: list[str] = []
    total = 0
    while total < size:
        piece = rng.choice(bits) if rng.random() < 0.7 else str(rng.randint(0, 99999))
        out.append(piece)
        total += len(piece) + 1
    return " ".join(out)


def prose_titled(size: int, rng: random.Random) -> str:
    """Prose only, with a title in the first sentence: no guide, no score."""
    first = "Moonlit Harbor is a slow coastal romance. " + _paragraph(rng, 10)
    return _fill([first], size, lambda i: ["", _paragraph(rng, 8)])


def prose_untitled(size: int, rng: random.Random) -> str:
    """Prose with no title, no guide and no score: one review (named after the file)."""
    first = "this drama is a slow coastal romance. " + _paragraph(rng, 10)
    return _fill([first], size, lambda i: ["", _paragraph(rng, 8)])


def no_words(size: int, rng: random.Random) -> str:
    """Numbers, fractions and symbols with no word in them: refused."""
    bits = ["8/10", "2022", "★★★½", "16", "#3", "--", "|", "4.5", "(7)", "100%", "…"]
    return _fill([], size, lambda i: [" ".join(rng.choice(bits) for _ in range(12))])


def warned_prose(size: int, rng: random.Random) -> str:
    """Prose with spoiler warnings written as sentences (in several languages), hints and
    sentences that tell how the story ends: every paragraph goes through the spoiler rules."""
    extras = [
        "Beware of spoilers below, I talk about the last act.",
        "No spoilers here but the finale is worth the wait.",
        "By the end the two of them end up together.",
        "Late on, one of the brothers dies.",
        "Cuidado: contiene spoilers del final.",
        "이 리뷰는 스포가 있습니다.",
        "ネタバレ注意。",
        "I'm being careful not to spoil anything here, but the wedding matters.",
    ]

    def make(i: int) -> list[str]:
        para = _paragraph(rng, 6)
        if i % 3 == 0:
            para += " " + rng.choice(extras)
        return ["", para]

    return _fill(["# Glass Tide Review", "", "Glass Tide is a slow drama."], size, make)


def pathological(size: int, rng: random.Random) -> str:
    """Markers and runs: ||, >!, [spoiler], long digit and dash runs, unclosed tags."""
    pieces = [
        "||",
        ">!",
        "!<",
        "[spoiler]",
        "[/spoiler]",
        "[spoiler]unclosed",
        "-" * 200,
        "—" * 100,
        "9" * 300,
        "1/" * 100,
        "Episode " + "1" * 50,
        "Score: " + "7" * 80,
        "★" * 40,
        "(" * 60,
        "|" * 120,
        "SPOILERS AHEAD",
        "END SPOILERS",
    ]

    def make(i: int) -> list[str]:
        line = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        return [line] if i % 7 else [line, ""]

    return _fill(["# Glass Tide Review", ""], size, make)


@dataclass(frozen=True)
class Shape:
    name: str
    make: Callable[[int, random.Random], str]
    refused: bool = False
    """Importing it must raise ImportRefused (else it must import)."""
    min_episodes: int = 0


SHAPES: tuple[Shape, ...] = (
    Shape("seed layout + long prose", seed_layout, min_episodes=4),
    Shape("guide: Episode N “Title” Score", guide_episode_word, min_episodes=100),
    Shape("guide: S01E04", guide_se_code, min_episodes=100),
    Shape("guide: 1x04", guide_x_code, min_episodes=100),
    Shape("guide: [1.01]", guide_bracket, min_episodes=100),
    Shape("guide: stars and letter grades", guide_stars_grades, min_episodes=100),
    Shape("guide: ranked", guide_ranked, min_episodes=100),
    Shape("one line of numbers", one_line_numbers),
    Shape("prose with a title", prose_titled),
    Shape("prose, no title", prose_untitled),
    Shape("pathological markers/runs", pathological),
    Shape("prose with warnings and endings", warned_prose),
    Shape("no words (refused)", no_words, refused=True),
)


# ---------------------------------------------------------------------------
# Measuring

_FLOOR_REGEX = re.compile(r"\d+(?:[./]\d+)?|[★☆½]+|score|episode", re.I)


@dataclass
class Measure:
    shape: Shape
    chars: int
    lines: int
    imports: list[float] = field(default_factory=list)
    floors: list[float] = field(default_factory=list)
    outcome: str = ""
    ok: bool = True


def _floor(text: str, toml_text: str) -> float:
    start = time.perf_counter()
    text.splitlines()
    for _ in _FLOOR_REGEX.finditer(text):
        pass
    tomllib.loads(toml_text)
    return time.perf_counter() - start


def check_outcome(shape: Shape, result: ImportResult | ImportRefused) -> tuple[bool, str]:
    """Whether the shape imported (or was refused) as expected, and a short description."""
    if isinstance(result, ImportRefused):
        return shape.refused, f"refused: {result}"
    show = result.show
    text = f"{len(show.episodes)} episodes, {len(result.warnings)} warnings"
    ok = not shape.refused and len(show.episodes) >= shape.min_episodes
    return ok, text


def run_shape(shape: Shape, size: int, runs: int, seed: int = 5) -> Measure:
    text = shape.make(size, random.Random(seed))
    measure = Measure(shape, len(text), text.count("\n") + 1)
    toml_text = ""
    for _ in range(runs):
        start = time.perf_counter()
        try:
            result: ImportResult | ImportRefused = import_text(text)
        except ImportRefused as exc:
            result = exc
        measure.imports.append(time.perf_counter() - start)
        if not toml_text:
            measure.ok, measure.outcome = check_outcome(shape, result)
            if isinstance(result, ImportResult):
                toml_text = dump_show_toml(result.show)
        measure.floors.append(_floor(text, toml_text))
    return measure


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def table(measures: list[Measure]) -> str:
    rows = [
        "| shape | size | lines | import min | median | max | floor (median) | ratio | outcome |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for m in measures:
        med, floor = statistics.median(m.imports), statistics.median(m.floors)
        mark = "" if m.ok else " **UNEXPECTED**"
        over = " **over 0.3 s**" if med > TARGET and m.chars >= MB else ""
        rows.append(
            f"| {m.shape.name} | {m.chars / MB:.2f} M | {m.lines:,} | {_ms(min(m.imports))} "
            f"| {_ms(med)}{over} | {_ms(max(m.imports))} | {_ms(floor)} | {med / floor:.1f}× "
            f"| {m.outcome[:70]}{mark} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.importer", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1/10 size, one run per shape")
    parser.add_argument("--runs", type=int, default=None, help="runs per shape (default 5)")
    parser.add_argument("--size", type=int, default=None, help="characters per text")
    parser.add_argument("--only", default="", help="only shapes whose name contains this")
    args = parser.parse_args(argv)
    size = args.size or (MB // 10 if args.quick else MB)
    runs = args.runs or (1 if args.quick else 5)
    measures = []
    for shape in SHAPES:
        if args.only and args.only not in shape.name:
            continue
        measures.append(run_shape(shape, size, runs))
        print(f"  {shape.name}: {_ms(statistics.median(measures[-1].imports))}", file=sys.stderr)
    print(table(measures))
    print(
        f"\nPython {sys.version.split()[0]}; {runs} run(s) per shape; floor = splitlines + "
        "one regex finditer pass + tomllib.loads of the imported show."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
