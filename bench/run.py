"""The benchmark: dramatui against a minimal Textual app and the tomllib parse floor.

``python -m bench`` (or ``python bench/run.py``) generates libraries of 1,000 and 10,000
shows in a temporary folder, measures (see bench/README.md), prints a table and writes
JSON. ``--quick`` does the same on a 10-show library with fewer runs. ``--against DIR``
measures another checkout of dramatui (e.g. main's) in the same run, each of its figures
alternating with this one's, and prints both columns. It is a measurement, not a test: it
exits 0 whatever the figures, and a measure that cannot be taken is reported as n/a with
the reason.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: python bench/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.make_library import Library, make_library
from bench.terminal import Keypress, Pane, Timeout, tmux_missing

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_TITLE = "Soundtrack #1"
MiB = 1024 * 1024


@dataclass(frozen=True)
class Program:
    """One checkout of dramatui to measure: its interpreter and its source folder."""

    label: str
    """"" for this checkout; another's figures are named "[label] figure"."""
    python: str
    root: Path
    prelude: str = ""
    """Python code run first in each of its processes (an ablation: see ``UNTOUCHED_GC``)."""

    def name(self, figure: str) -> str:
        return f"[{self.label}] {figure}" if self.label else figure

    def env(self) -> dict[str, str]:
        return {"PYTHONPATH": str(self.root / "src")}

    def argv(self, *args: str) -> list[str]:
        if self.prelude:
            run = "import runpy, sys\nsys.argv[0] = 'dramatui'\n"
            run += "runpy.run_module('dramatui', run_name='__main__', alter_sys=True)\n"
            return [self.python, "-c", self.prelude + run, *args]
        return [self.python, "-m", "dramatui", *args]


THIS = Program("", sys.executable, ROOT)

UNTOUCHED_GC = "import gc\ngc.disable = gc.freeze = lambda: None  # every pause undone\n"
"""dramatui with the garbage collector left alone: the ablation that shows what the
collector pauses (``collector.paused``, the start's ``gc.disable``, the two ``gc.freeze``)
buy, figure by figure."""


def other_program(root: Path, python: str | None) -> Program:
    """The checkout at *root*, run by *python* (default: its own ``.venv``)."""
    root = root.resolve()
    if python is None:
        python = str(root / ".venv" / "bin" / "python")
    if not Path(python).exists():
        raise SystemExit(f"no interpreter for {root}: give --against-python")
    return Program(root.name or "other", python, root)


@dataclass
class Result:
    """One measure: its runs, and how it compares with its baseline and target."""

    name: str
    unit: str  # "s" or "MiB"
    values: list[float] = field(default_factory=list)
    baseline: str | None = None
    target: float | None = None
    """The target: a ratio to the baseline's median, or (no baseline) an absolute bound."""
    worst: float | None = None
    """A bound on the slowest run (keypresses: 100 ms)."""
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None


@dataclass
class Report:
    results: dict[str, Result] = field(default_factory=dict)

    def add(self, result: Result) -> Result:
        self.results[result.name] = result
        return result

    def ratio(self, result: Result) -> float | None:
        base = self.results.get(result.baseline) if result.baseline else None
        if result.median is None or base is None or not base.median:
            return None
        return result.median / base.median

    def met(self, result: Result) -> bool | None:
        """Whether the median meets the target and the slowest run the worst-case bound
        (a measure with only a worst-case bound is judged on that alone)."""
        if result.median is None or (result.target is None and result.worst is None):
            return None
        ok = True
        if result.target is not None:
            ratio = self.ratio(result) if result.baseline else result.median
            if ratio is None:
                return None
            ok = ratio <= result.target
        if result.worst is not None:
            ok = ok and max(result.values) <= result.worst
        return ok

    def rows(self) -> list[dict[str, Any]]:
        rows = []
        for r in self.results.values():
            base = self.results.get(r.baseline) if r.baseline else None
            rows.append(
                {
                    "name": r.name,
                    "unit": r.unit,
                    "runs": r.values,
                    "min": min(r.values) if r.values else None,
                    "median": r.median,
                    "max": max(r.values) if r.values else None,
                    "baseline": r.baseline,
                    "baseline_median": base.median if base else None,
                    "ratio": self.ratio(r),
                    "target": r.target,
                    "worst_bound": r.worst,
                    "met": self.met(r),
                    "note": r.note,
                }
            )
        return rows

    def table(self) -> str:
        head = "| measure | min | median | max | baseline (median) | ratio | target | met |"
        lines = [head, "| --- | ---: | ---: | ---: | --- | ---: | --- | --- |"]
        for r in self.results.values():
            if r.median is None:
                lines.append(f"| {r.name} | n/a | | | | | | {_cell(r.note) or 'not measured'} |")
                continue
            base = self.results.get(r.baseline) if r.baseline else None
            base_text = f"{base.name} ({_fmt(base.median, base.unit)})" if base else ""
            ratio = self.ratio(r)
            target = ""
            if r.target is not None:
                target = f"≤ {r.target:g}×" if base else f"≤ {_fmt(r.target, r.unit)}"
            if r.worst is not None:
                target += f"{', ' if target else ''}worst ≤ {_fmt(r.worst, r.unit)}"
            met = {True: "yes", False: "**no**", None: ""}[self.met(r)]
            if r.note:
                met = f"{met} ({_cell(r.note)})".strip()
            lines.append(
                f"| {r.name} | {_fmt(min(r.values), r.unit)} | {_fmt(r.median, r.unit)} "
                f"| {_fmt(max(r.values), r.unit)} | {base_text} "
                f"| {f'{ratio:.2f}×' if ratio is not None else ''} | {target} | {met} |"
            )
        return "\n".join(lines)


def comparison(report: Report, other: Program, limit: float | None = 1.10) -> str:
    """This checkout's median beside *other*'s, figure by figure (from the same run)."""
    head = f"| measure | this branch | {other.label} | this / {other.label} |"
    lines = [head, "| --- | ---: | ---: | ---: |"]
    if limit is not None:
        lines[0] += f" within {limit:.2f}× |"
        lines[1] += " --- |"
    for r in report.results.values():
        twin = report.results.get(other.name(r.name))
        if r.name.startswith("[") or twin is None:
            continue
        if r.median is None or twin.median is None:
            why = _cell(r.note or twin.note) or "not measured"
            lines.append(f"| {r.name} | n/a | n/a | {why} |" + (" |" if limit else ""))
            continue
        ratio = r.median / twin.median
        row = f"| {r.name} | {_fmt(r.median, r.unit)} | {_fmt(twin.median, twin.unit)} "
        row += f"| {ratio:.2f}× |"
        if limit is not None:
            row += " yes |" if ratio <= limit else " **no** |"
        lines.append(row)
    return "\n".join(lines)


def _cell(note: str, limit: int = 160) -> str:
    """A note fit for one Markdown table cell (the JSON keeps it whole)."""
    text = " ".join(note.replace("|", "/").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    return f"{value:.0f} {unit}"


# ---------------------------------------------------------------------------
# In-process and command-line measures (no terminal needed)


def toml_files(lib: Library) -> list[Path]:
    return sorted(lib.shows.glob("*.toml"))


def parse_floor(lib: Library) -> float:
    """tomllib alone over every file (bytes read and decoded): the floor to beat."""
    files = toml_files(lib)
    start = time.perf_counter()
    for path in files:
        tomllib.loads(path.read_bytes().decode("utf-8"))
    return time.perf_counter() - start


INDEX = """
import json, sys, time
from pathlib import Path
try:
    from dramatui.library import build_index
except ImportError:  # a checkout from before the library package
    from dramatui.index import build_index
shows, cache, count = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
times = []
for _ in range(2):  # cold (an empty cache), then warm (the cache it left)
    start = time.perf_counter()
    index = build_index([shows], cache_dir=cache)
    times.append(time.perf_counter() - start)
    if len(index.shows) != count or index.problems:
        sys.exit(f"indexed {len(index.shows)} of {count} shows: {index.problems[:3]}")
print(json.dumps(times))
"""
"""Index cold then warm, timed inside a fresh process of the program measured (its imports
are not timed): the same for this checkout and another."""


def index_times(program: Program, lib: Library, cache_dir: Path) -> tuple[float, float]:
    code = program.prelude + INDEX
    done = subprocess.run(
        [program.python, "-c", code, str(lib.shows), str(cache_dir), str(lib.count)],
        capture_output=True,
        text=True,
        env={**os.environ, **program.env()},
        cwd=program.root,
        timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"index: {done.stderr[-300:]}")
    cold, warm = json.loads(done.stdout.strip().splitlines()[-1])
    return float(cold), float(warm)


def check_time(lib: Library, cache_home: Path, program: Program = THIS) -> float:
    env = {**os.environ, **program.env(), "XDG_CACHE_HOME": str(cache_home)}
    start = time.perf_counter()
    done = subprocess.run(
        program.argv("check", str(lib.shows)),
        capture_output=True,
        text=True,
        env=env,
        cwd=program.root,
        timeout=600,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or done.stdout.strip() != f"{lib.count} shows ok":
        raise RuntimeError(f"check said {done.stdout[-200:]!r} {done.stderr[-200:]!r}")
    return elapsed


def measure_files(
    report: Report,
    lib: Library,
    label: str,
    runs: int,
    work: Path,
    programs: Sequence[Program] = (THIS,),
) -> None:
    """Parse floor, index and check; the issue's targets apply at 10,000 shows."""
    scale = lib.count >= 10_000
    floor = report.add(Result(f"tomllib parse floor, {label}", "s"))
    rows: dict[Program, list[Result]] = {}
    for program in programs:
        rows[program] = [
            report.add(
                Result(
                    program.name(f"{figure}, {label}"),
                    "s",
                    baseline=floor.name,
                    target=target if scale and not program.label else None,
                )
            )
            for figure, target in (
                ("index cold", 0.5),
                ("index warm", 0.05),
                ("check cold", 0.6),
                ("check warm", None),
            )
        ]
    for n in range(runs):  # interleaved, so that other load on the machine hits all alike
        floor.values.append(parse_floor(lib))
        for program in alternate(programs, n):
            cold, warm, check_cold, check_warm = rows[program]
            tag = f"{label}-{n}-{program.label or 'this'}"
            try:
                times = index_times(program, lib, work / f"index-cache-{tag}")
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                cold.note = warm.note = str(exc)
            else:
                cold.values.append(times[0])
                warm.values.append(times[1])
            home = work / f"check-cache-{tag}"
            check_cold.values.append(check_time(lib, home, program))
            check_warm.values.append(check_time(lib, home, program))


def alternate(programs: Sequence[Program], n: int) -> list[Program]:
    """The programs in run *n*'s order: rotated each run, so neither always goes first."""
    k = n % len(programs)
    return [*programs[k:], *programs[:k]]


# ---------------------------------------------------------------------------
# Terminal measures


@dataclass
class Launch:
    """How to start one program in the pane, and what its first paint shows."""

    argv: list[str]
    expect: str
    env: dict[str, str] = field(default_factory=dict)


# As a user's second start: bytecode caches written and used. With PYTHONDONTWRITEBYTECODE
# set (some CI and sandbox shells), an editable install compiles every dramatui module at
# every launch (~40-75 ms here) while the one-file minimal app compiles almost nothing.
PYC = {"PYTHONDONTWRITEBYTECODE": ""}


def minimal(text: str) -> Launch:
    return Launch([sys.executable, "-m", "bench.minimal_app", text], text, dict(PYC))


def dramatui(
    paths: Sequence[Path],
    state: Path,
    expect: str,
    cache_home: Path,
    data_home: Path,
    program: Program = THIS,
) -> Launch:
    env = {
        "XDG_CACHE_HOME": str(cache_home),
        "XDG_DATA_HOME": str(data_home),
        "DRAMATUI_LIBRARY": "",
        **PYC,
        **program.env(),
    }
    argv = program.argv(*map(str, paths), "--state", str(state))
    return Launch(argv, expect, env)


def first_paint(launch: Launch, timeout: float) -> float:
    with Pane(launch.argv, launch.env, cwd=ROOT) as pane:
        pane.start()
        return pane.wait_for(launch.expect, timeout)


def paint_runs(
    result: Result, runs: int, timeout: float, make: Callable[[int], Launch], warm_up: bool = False
) -> None:
    """*runs* first paints; *make(n)* gives run n's launch. Stops at the first failure."""
    paint_alternating({THIS: result}, runs, timeout, lambda _, n: make(n), warm_up)


def paint_alternating(
    results: dict[Program, Result],
    runs: int,
    timeout: float,
    make: Callable[[Program, int], Launch],
    warm_up: bool = False,
) -> None:
    """*runs* first paints of each program, run n of each in turn (order rotated each run);
    *make(program, n)* gives the launch. A program stops at its first failure."""
    failed: set[Program] = set()
    for n in range(runs):
        for program in alternate(list(results), n):
            if program in failed:
                continue
            result = results[program]
            try:
                launch = make(program, n)
                if warm_up:  # one unmeasured launch leaves the cache a user would have
                    with Pane(launch.argv, launch.env, cwd=ROOT) as pane:
                        pane.start()
                        pane.wait_for(launch.expect, timeout)
                        pane.settle(quiet=1.0, timeout=timeout * 4)
                result.values.append(first_paint(launch, timeout))
            except (Timeout, RuntimeError) as exc:
                result.values.clear()
                result.note = str(exc)
                failed.add(program)


KEYS = ("Down", "]", "s")
TEXT = ", new text"
"""Suffix of the rows that time a key until its new text is drawn."""


def key_runs(
    report: Report, prefix: str, launch: Launch, presses: int, timeout: float, app: bool
) -> None:
    """Keypress to screen change in one running program: down, ], s and a 3-letter filter.

    Each of down, ], s gives two rows: until the screen first changes (colours included:
    a highlight that moved counts), and until the key's new text is drawn. For dramatui
    (*app*), the first is compared with the minimal app's same key (target 1.5x the
    median, worst 100 ms) and the second is held to the worst-case bound alone. A filter
    keystroke is timed until the typed letter is drawn (text: the box's cursor blinks, so
    a change of colour there need not be the key's), with an absolute target, 100 ms.
    """

    def row(result: Result) -> Result:  # a second session adds to the first's rows
        return report.results.get(result.name) or report.add(result)

    results: dict[str, Result] = {}
    for key in KEYS:
        r = Result(f"{prefix} key {key}", "s")
        t = Result(f"{prefix} key {key}{TEXT}", "s")
        if app:
            r.baseline, r.target, r.worst = f"minimal app: key {key}", 1.5, 0.1
            t.baseline, t.worst = f"minimal app: key {key}{TEXT}", 0.1
        results[key] = row(r)
        results[key + TEXT] = row(t)
    letters = _filter_letters(launch.expect)
    for c in letters:
        r = Result(f"{prefix} filter keystroke {c!r}", "s")
        if app:
            r.target, r.worst = 0.1, 0.1
        results[c] = row(r)
    try:
        with Pane(launch.argv, launch.env, cwd=ROOT) as pane:
            pane.start()
            pane.wait_for(launch.expect, timeout)
            pane.settle(quiet=1.0, timeout=timeout * 4)
            for key in KEYS:
                for _ in range(presses):
                    if key == "s" and app:
                        # Each reveal on a show of its own: pressed again on the same show,
                        # s finds nothing left under the cursor and times a notification.
                        pane.press("Down")
                        pane.settle(quiet=0.3, timeout=10)
                    press = pane.press(key)
                    results[key].values.append(press.first)
                    results[key + TEXT].values.append(_text_time(press, key))
                    pane.settle(quiet=0.2, timeout=10)
            for _ in range(max(1, presses // 2)):
                pane.press("/")
                pane.settle(quiet=0.2, timeout=10)
                for c in letters:
                    results[c].values.append(_text_time(pane.press(c), c))
                    pane.settle(quiet=0.2, timeout=10)
                pane.press("Escape")
                pane.settle(quiet=0.3, timeout=10)
    except (Timeout, RuntimeError) as exc:
        for r in results.values():
            r.values.clear()
            r.note = str(exc)


def up_next_runs(report: Report, prefix: str, launch: Launch, presses: int, timeout: float) -> None:
    """``u`` (Up next: every show in progress and its next episode) until the screen first
    changes, against the minimal app's down key (target 1.5x its median, worst 100 ms);
    escape closes it between presses."""
    result = report.add(
        Result(
            f"{prefix} key u (Up next)",
            "s",
            baseline="minimal app: key Down",
            target=1.5,
            worst=0.1,
        )
    )
    try:
        with Pane(launch.argv, launch.env, cwd=ROOT) as pane:
            pane.start()
            pane.wait_for(launch.expect, timeout)
            pane.settle(quiet=1.0, timeout=timeout * 4)
            for _ in range(presses):
                result.values.append(pane.press("u").first)
                pane.settle(quiet=0.3, timeout=10)
                pane.press("Escape")
                pane.settle(quiet=0.3, timeout=10)
    except (Timeout, RuntimeError) as exc:
        result.values.clear()
        result.note = str(exc)


def _text_time(press: Keypress, key: str) -> float:
    if press.text is None:
        raise Timeout(f"the screen changed but no new text was drawn after {key!r}")
    return press.text


def _filter_letters(title: str) -> list[str]:
    word = next((w for w in title.split() if len(w) >= 3 and w.isalpha()), "abc")
    return list(word[:3].lower())


def peak_rss(launch: Launch, timeout: float) -> float:
    """Peak RSS in MiB once the app has painted and its screen has settled (index built)."""
    with Pane(launch.argv, launch.env, cwd=ROOT) as pane:
        pane.start()
        pane.wait_for(launch.expect, timeout)
        pane.settle(quiet=2.0, timeout=timeout * 6)
        return pane.peak_rss() / MiB


# ---------------------------------------------------------------------------


@dataclass
class Plan:
    sizes: list[int]
    runs: int
    file_runs: int
    presses: int
    timeout: float


FULL = Plan(sizes=[1000, 10000], runs=5, file_runs=3, presses=10, timeout=30.0)
QUICK = Plan(sizes=[10], runs=2, file_runs=1, presses=2, timeout=8.0)


def label(count: int) -> str:
    return f"{count // 1000}k" if count >= 1000 else str(count)


def run(
    plan: Plan,
    work: Path,
    terminal: bool = True,
    log: Callable[[str], None] = print,
    programs: Sequence[Program] = (THIS,),
    stand_ins: bool = False,
) -> Report:
    """Every measure, of each of *programs* in turn (this checkout first in the list);
    with *stand_ins*, the rows that say what the typed JSON decoder buys."""
    report = Report()
    libraries: dict[int, Library] = {}
    for count in plan.sizes:
        log(f"generating {count:,} shows...")
        libraries[count] = make_library(work / f"lib-{count}", count)
    for count, lib in libraries.items():
        log(f"parse floor, index and check at {label(count)}...")
        measure_files(report, lib, label(count), plan.file_runs, work, programs)
    biggest = libraries[plan.sizes[-1]]
    size = label(biggest.count)
    if stand_ins:
        log(f"cache and head file read at {size}: json_records against pydantic...")
        record_reads(report, work / f"index-cache-{size}-0-this", plan.file_runs)
    if not terminal:
        return report
    missing = tmux_missing()
    if missing:
        report.add(Result("terminal measures", "s", note=f"skipped: {missing}"))
        return report

    log("minimal app...")
    base_text = biggest.first_title
    paint = report.add(Result("minimal app: first paint", "s"))
    paint_runs(paint, plan.runs, plan.timeout, lambda n: minimal(base_text))
    empty = work / "empty-data-home"
    empty.mkdir(exist_ok=True)

    def paints(
        name: str,
        paths: list[Path],
        state: Path,
        title: str,
        cold: float | None,
        warm: float | None,
    ) -> None:
        log(f"dramatui first paint, {name}...")
        for kind, target, warm_up in (("cold", cold, False), ("warm", warm, True)):
            results = {
                p: report.add(
                    Result(
                        p.name(f"first paint {kind}, {name}"),
                        "s",
                        baseline=paint.name,
                        target=None if p.label else target,
                    )
                )
                for p in programs
            }

            def make(program: Program, n: int, kind: str = kind) -> Launch:
                tag = f"{name}-{program.label or 'this'}"
                home = work / f"xdg-cache-{tag}-{kind}"
                if kind == "cold":
                    home = work / f"xdg-cache-{tag}-cold-{n}-{time.monotonic_ns()}"
                return dramatui(paths, state, title, home, empty, program)

            paint_alternating(results, plan.runs, plan.timeout, make, warm_up=warm_up)

    paints("bundled", [], work / "bundled-state.toml", BUNDLED_TITLE, 1.2, 1.2)
    for count, library in libraries.items():
        scale = count >= 10_000  # the targets are for 10,000 shows
        cold, warm = (1.5, 1.3) if scale else (None, None)
        paints(label(count), [library.shows], library.state, library.first_title, cold, warm)

    log(f"keypresses at {size}...")
    key_runs(report, "minimal app:", minimal(base_text), plan.presses, plan.timeout, app=False)
    sessions = 2 if len(programs) > 1 else 1  # alternating: A B, then B A
    for n in range(sessions):
        for program in alternate(programs, n):
            tag = program.label or "this"
            app = dramatui(
                [biggest.shows],
                biggest.state,
                biggest.first_title,
                work / f"xdg-cache-{size}-{tag}-warm",
                empty,
                program,
            )
            prefix = program.name(f"dramatui {size}:")
            presses = max(2, plan.presses // sessions)
            key_runs(report, prefix, app, presses, plan.timeout, app=not program.label)
            if not program.label and n == 0:
                log(f"Up next at {size} (a third of the shows in progress)...")
                up_next_runs(report, prefix, app, plan.presses, plan.timeout)

    log(f"peak RSS at {size}...")
    rss_base = report.add(Result("minimal app: peak RSS", "MiB"))
    target = 300.0 if biggest.count >= 10_000 else None
    measures: list[tuple[Result, Launch]] = [(rss_base, minimal(base_text))]
    for program in programs:
        tag = program.label or "this"
        rss = report.add(
            Result(
                program.name(f"dramatui peak RSS, {size} cold"),
                "MiB",
                target=None if program.label else target,
            )
        )
        home = work / f"xdg-cache-rss-{tag}-{time.monotonic_ns()}"
        measures.append(
            (
                rss,
                dramatui([biggest.shows], biggest.state, biggest.first_title, home, empty, program),
            )
        )
    for result, launch in measures:
        try:
            result.values.append(peak_rss(launch, plan.timeout))
        except (Timeout, RuntimeError, OSError) as exc:
            result.note = str(exc)
    return report


def run_up_next(plan: Plan, work: Path, log: Callable[[str], None] = print) -> Report:
    """Only the Up next row and its baseline (``--only up-next``): the largest library,
    the minimal app's keys, then ``u`` in dramatui with a warm cache."""
    report = Report()
    missing = tmux_missing()
    if missing:
        report.add(Result("terminal measures", "s", note=f"skipped: {missing}"))
        return report
    count = plan.sizes[-1]
    log(f"generating {count:,} shows...")
    lib = make_library(work / f"lib-{count}", count)
    key_runs(report, "minimal app:", minimal(lib.first_title), plan.presses, plan.timeout, False)
    empty = work / "empty-data-home"
    empty.mkdir(exist_ok=True)
    home = work / "xdg-cache-warm"
    app = dramatui([lib.shows], lib.state, lib.first_title, home, empty)
    log("warming the index cache...")
    with Pane(app.argv, app.env, cwd=ROOT) as pane:
        pane.start()
        pane.wait_for(app.expect, plan.timeout)
        pane.settle(quiet=1.0, timeout=plan.timeout * 4)
    log(f"Up next at {label(count)}...")
    up_next_runs(report, f"dramatui {label(count)}:", app, plan.presses, plan.timeout)
    return report


RECORDS = """
import sys, time
from pathlib import Path
from dramatui.library import json_records
from dramatui.library.cache import CacheFile, HeadFile
kind, how, path = sys.argv[1], sys.argv[2], Path(sys.argv[3])
cls = HeadFile if kind == "head" else CacheFile
data = path.read_bytes()
if how == "pydantic" and kind == "cache":
    import pydantic  # the app's index worker has imported it (the loader) before the read
start = time.perf_counter()
if how == "pydantic":
    from pydantic import TypeAdapter
    record = TypeAdapter(cls).validate_json(data, strict=True)
else:
    record = json_records.loads(cls, data)
print(time.perf_counter() - start, len(record.entries))
"""
"""One read of the head file or the whole cache, in a fresh process: by the hand-written
typed decoder (``json_records``), or by pydantic (timed from its import for the head file,
which is read before the first frame; imported first for the cache, read in the worker)."""


def record_reads(report: Report, cache_dir: Path, runs: int) -> None:
    """The rows that say whether ``json_records`` earns its place (bench/README.md)."""
    files = {
        "head": next(iter(cache_dir.glob("*.head.json")), None),
        "cache": next(
            iter(p for p in cache_dir.glob("index-*.json") if ".head" not in p.name), None
        ),
    }
    rows = {
        (kind, how): report.add(Result(f"{kind} file read, {how}", "s"))
        for kind in ("head", "cache")
        for how in ("json_records", "pydantic")
    }
    for n in range(runs):
        for (kind, how), result in rows.items() if n % 2 == 0 else reversed(rows.items()):
            path = files[kind]
            if path is None:
                result.note = f"no {kind} file in {cache_dir}"
                continue
            done = subprocess.run(
                [sys.executable, "-c", RECORDS, kind, how, str(path)],
                capture_output=True,
                text=True,
                env={**os.environ, **THIS.env()},
                timeout=120,
            )
            if done.returncode != 0:
                result.note = (
                    done.stderr.strip().splitlines()[-1][:200] if done.stderr else "failed"
                )
                continue
            result.values.append(float(done.stdout.split()[0]))


def machine() -> dict[str, object]:
    from importlib.metadata import version

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "textual": version("textual"),
        "dramatui": version("dramatui"),
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
    }


def update_readme(
    table: str,
    readme: Path = ROOT / "bench" / "README.md",
    start: str = "<!-- results -->",
    end: str = "<!-- /results -->",
) -> None:
    text = readme.read_text(encoding="utf-8")
    if start not in text:
        text += f"\n{start}\n{end}\n"
    before, _, rest = text.partition(start)
    _, _, after = rest.partition(end)
    readme.write_text(f"{before}{start}\n{table}\n{end}{after}", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 10-show library, fewer runs")
    parser.add_argument("--sizes", type=int, nargs="+", help="library sizes (default 1000 10000)")
    parser.add_argument("--runs", type=int, help="runs of each terminal measure")
    parser.add_argument("--no-terminal", action="store_true", help="skip the tmux measures")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    parser.add_argument(
        "--update-readme", action="store_true", help="put the table in bench/README.md"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated libraries")
    parser.add_argument(
        "--only",
        choices=("up-next",),
        help="only this measure and its baseline (up-next: the u key at the largest size)",
    )
    parser.add_argument(
        "--against",
        type=Path,
        metavar="DIR",
        help="also measure the checkout in DIR (e.g. main's), alternating with this one",
    )
    parser.add_argument(
        "--against-python", metavar="PY", help="its interpreter (default: DIR/.venv/bin/python)"
    )
    parser.add_argument(
        "--stand-ins",
        action="store_true",
        help="also measure what each hand-written stand-in buys: this checkout with the "
        "collector pauses undone, and the cache files read by pydantic",
    )
    args = parser.parse_args(argv)
    programs = [THIS]
    if args.against:
        programs.append(other_program(args.against, args.against_python))
    if args.stand_ins:
        programs.append(Program("gc untouched", sys.executable, ROOT, prelude=UNTOUCHED_GC))
    plan = QUICK if args.quick else FULL
    if args.sizes:
        plan.sizes = sorted(args.sizes)
    if args.runs:
        plan.runs = args.runs
    work = Path(tempfile.mkdtemp(prefix="dramatui-bench-"))
    load_before = os.getloadavg()
    try:
        log = lambda m: print(m, file=sys.stderr)  # noqa: E731
        if args.only == "up-next":
            report = run_up_next(plan, work, log=log)
        else:
            report = run(
                plan,
                work,
                terminal=not args.no_terminal,
                log=log,
                programs=programs,
                stand_ins=args.stand_ins,
            )
    finally:
        if not args.keep:
            subprocess.run(["rm", "-rf", str(work)], check=False)
    load_after = os.getloadavg()
    table = report.table()
    table += (
        f"\n\nLoad average (1 min) before / after the run: {load_before[0]:.2f} / "
        f"{load_after[0]:.2f} on {machine()['cpus']} CPUs (other jobs make every figure slower)."
    )
    compared = ""
    for other in programs[1:]:
        limit = None if other.prelude else 1.10  # an ablation is not held to a limit
        compared += f"\n\nThis branch against {other.label}:\n\n{comparison(report, other, limit)}"
    if compared:
        compared += (
            f"\n\nLoad average (1 min) before / after: {load_before[0]:.2f} / {load_after[0]:.2f}."
        )
    print(table + compared)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "machine": {**machine(), "loadavg": [load_before, load_after]},
                "plan": asdict(plan),
                "results": report.rows(),
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    print(f"\nJSON: {args.out}", file=sys.stderr)
    if args.update_readme:
        update_readme(table)
        if compared:
            update_readme(compared.strip(), start="<!-- against -->", end="<!-- /against -->")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
