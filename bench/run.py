"""The benchmark: dramatui against a minimal Textual app and the tomllib parse floor.

``python -m bench`` (or ``python bench/run.py``) generates libraries of 1,000 and 10,000
shows in a temporary folder, measures (see bench/README.md), prints a table and writes
JSON. ``--quick`` does the same on a 10-show library with fewer runs. It is a measurement,
not a test: it exits 0 whatever the figures, and a measure that cannot be taken is
reported as n/a with the reason.
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

from dramatui.library import build_index

from bench.make_library import Library, make_library
from bench.terminal import Keypress, Pane, Timeout, tmux_missing

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_TITLE = "Soundtrack #1"
MiB = 1024 * 1024


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


def index_time(lib: Library, cache_dir: Path) -> float:
    start = time.perf_counter()
    index = build_index([lib.shows], cache_dir=cache_dir)
    elapsed = time.perf_counter() - start
    if len(index.shows) != lib.count or index.problems:
        raise RuntimeError(f"indexed {len(index.shows)} of {lib.count} shows: {index.problems[:3]}")
    return elapsed


def check_time(lib: Library, cache_home: Path) -> float:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "dramatui", "check", str(lib.shows)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or done.stdout.strip() != f"{lib.count} shows ok":
        raise RuntimeError(f"check said {done.stdout[-200:]!r} {done.stderr[-200:]!r}")
    return elapsed


def measure_files(report: Report, lib: Library, label: str, runs: int, work: Path) -> None:
    """Parse floor, index and check; the issue's targets apply at 10,000 shows."""
    scale = lib.count >= 10_000
    floor = report.add(Result(f"tomllib parse floor, {label}", "s"))
    cold = report.add(
        Result(f"index cold, {label}", "s", baseline=floor.name, target=0.5 if scale else None)
    )
    warm = report.add(
        Result(f"index warm, {label}", "s", baseline=floor.name, target=0.05 if scale else None)
    )
    check_cold = report.add(
        Result(f"check cold, {label}", "s", baseline=floor.name, target=0.6 if scale else None)
    )
    check_warm = report.add(Result(f"check warm, {label}", "s", baseline=floor.name))
    for n in range(runs):  # interleaved, so that other load on the machine hits all alike
        floor.values.append(parse_floor(lib))
        cache = work / f"index-cache-{label}-{n}"
        cold.values.append(index_time(lib, cache))
        warm.values.append(index_time(lib, cache))
        home = work / f"check-cache-{label}-{n}"
        check_cold.values.append(check_time(lib, home))
        check_warm.values.append(check_time(lib, home))


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
    paths: Sequence[Path], state: Path, expect: str, cache_home: Path, data_home: Path
) -> Launch:
    env = {
        "XDG_CACHE_HOME": str(cache_home),
        "XDG_DATA_HOME": str(data_home),
        "DRAMATUI_LIBRARY": "",
        **PYC,
    }
    argv = [sys.executable, "-m", "dramatui", *map(str, paths), "--state", str(state)]
    return Launch(argv, expect, env)


def first_paint(launch: Launch, timeout: float) -> float:
    with Pane(launch.argv, launch.env, cwd=ROOT) as pane:
        pane.start()
        return pane.wait_for(launch.expect, timeout)


def paint_runs(
    result: Result, runs: int, timeout: float, make: Callable[[int], Launch], warm_up: bool = False
) -> None:
    """*runs* first paints; *make(n)* gives run n's launch. Stops at the first failure."""
    try:
        for n in range(runs):
            launch = make(n)
            if warm_up:  # one unmeasured launch leaves the cache a user would have
                with Pane(launch.argv, launch.env, cwd=ROOT) as pane:
                    pane.start()
                    pane.wait_for(launch.expect, timeout)
                    pane.settle(quiet=1.0, timeout=timeout * 4)
            result.values.append(first_paint(launch, timeout))
    except (Timeout, RuntimeError) as exc:
        result.values.clear()
        result.note = str(exc)


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
    results: dict[str, Result] = {}
    for key in KEYS:
        r = Result(f"{prefix} key {key}", "s")
        t = Result(f"{prefix} key {key}{TEXT}", "s")
        if app:
            r.baseline, r.target, r.worst = f"minimal app: key {key}", 1.5, 0.1
            t.baseline, t.worst = f"minimal app: key {key}{TEXT}", 0.1
        results[key] = report.add(r)
        results[key + TEXT] = report.add(t)
    letters = _filter_letters(launch.expect)
    for c in letters:
        r = Result(f"{prefix} filter keystroke {c!r}", "s")
        if app:
            r.target, r.worst = 0.1, 0.1
        results[c] = report.add(r)
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
    plan: Plan, work: Path, terminal: bool = True, log: Callable[[str], None] = print
) -> Report:
    report = Report()
    libraries: dict[int, Library] = {}
    for count in plan.sizes:
        log(f"generating {count:,} shows...")
        libraries[count] = make_library(work / f"lib-{count}", count)
    for count, lib in libraries.items():
        log(f"parse floor, index and check at {label(count)}...")
        measure_files(report, lib, label(count), plan.file_runs, work)
    if not terminal:
        return report
    missing = tmux_missing()
    if missing:
        report.add(Result("terminal measures", "s", note=f"skipped: {missing}"))
        return report

    log("minimal app...")
    base_text = libraries[plan.sizes[-1]].first_title
    paint = report.add(Result("minimal app: first paint", "s"))
    paint_runs(paint, plan.runs, plan.timeout, lambda n: minimal(base_text))
    empty = work / "empty-data-home"
    empty.mkdir(exist_ok=True)

    def cold_home(name: str) -> Callable[[int], Path]:
        return lambda n: work / f"xdg-cache-{name}-cold-{n}-{time.monotonic_ns()}"

    def paints(
        name: str,
        paths: list[Path],
        state: Path,
        title: str,
        cold: float | None,
        warm: float | None,
    ) -> None:
        log(f"dramatui first paint, {name}...")
        fresh = cold_home(name)
        home = work / f"xdg-cache-{name}-warm"
        result = report.add(
            Result(f"first paint cold, {name}", "s", baseline=paint.name, target=cold)
        )
        paint_runs(
            result,
            plan.runs,
            plan.timeout,
            lambda n: dramatui(paths, state, title, fresh(n), empty),
        )
        result = report.add(
            Result(f"first paint warm, {name}", "s", baseline=paint.name, target=warm)
        )
        paint_runs(
            result,
            plan.runs,
            plan.timeout,
            lambda n: dramatui(paths, state, title, home, empty),
            warm_up=True,
        )

    paints("bundled", [], work / "bundled-state.toml", BUNDLED_TITLE, 1.2, 1.2)
    for count, library in libraries.items():
        scale = count >= 10_000  # the targets are for 10,000 shows
        cold, warm = (1.5, 1.3) if scale else (None, None)
        paints(label(count), [library.shows], library.state, library.first_title, cold, warm)

    biggest = libraries[plan.sizes[-1]]
    size = label(biggest.count)
    log(f"keypresses at {size}...")
    key_runs(report, "minimal app:", minimal(base_text), plan.presses, plan.timeout, app=False)
    warm_home = work / f"xdg-cache-{size}-warm"
    app = dramatui([biggest.shows], biggest.state, biggest.first_title, warm_home, empty)
    key_runs(report, f"dramatui {size}:", app, plan.presses, plan.timeout, app=True)

    log(f"peak RSS at {size}...")
    rss_base = report.add(Result("minimal app: peak RSS", "MiB"))
    target = 300.0 if biggest.count >= 10_000 else None
    rss = report.add(Result(f"dramatui peak RSS, {size} cold", "MiB", target=target))
    for result, launch in (
        (rss_base, minimal(base_text)),
        (
            rss,
            dramatui(
                [biggest.shows], biggest.state, biggest.first_title, cold_home("rss")(0), empty
            ),
        ),
    ):
        try:
            result.values.append(peak_rss(launch, plan.timeout))
        except (Timeout, RuntimeError, OSError) as exc:
            result.note = str(exc)
    return report


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


def update_readme(table: str, readme: Path = ROOT / "bench" / "README.md") -> None:
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- results -->", "<!-- /results -->"
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
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    if args.sizes:
        plan.sizes = sorted(args.sizes)
    if args.runs:
        plan.runs = args.runs
    work = Path(tempfile.mkdtemp(prefix="dramatui-bench-"))
    load_before = os.getloadavg()
    try:
        report = run(
            plan, work, terminal=not args.no_terminal, log=lambda m: print(m, file=sys.stderr)
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
    print(table)
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
