"""The benchmark's pieces work (never its timings: those are measurements, not tests)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from dramatui.library import build_index
from dramatui.state import State

from bench import run as bench_run
from bench.make_library import make_library
from bench.terminal import Pane, Timeout, plain, tmux_missing

needs_tmux = pytest.mark.skipif(
    tmux_missing() is not None, reason=f"terminal measures need tmux: {tmux_missing()}"
)


def test_generated_libraries_are_deterministic_clean_and_realistic(tmp_path: Path) -> None:
    one = make_library(tmp_path / "one", 12)
    two = make_library(tmp_path / "two", 12)
    files = sorted(one.shows.glob("*.toml"))
    assert len(files) == 12
    for path in files:
        assert path.read_bytes() == (two.shows / path.name).read_bytes()
        assert 10_000 < path.stat().st_size < 16_000
    lib = build_index([one.shows])
    assert lib.problems == []  # no errors, no warnings: check reports nothing
    assert lib.shows[0].title == one.first_title
    show = lib.load(lib.shows[0].id)
    assert len(show.episodes) == 16 and len(show.reviews) == 2
    sections = [s for r in show.reviews for s in r.sections]
    assert len(sections) == 8
    assert any(s.spoiler for s in sections) and any(s.spoils for s in sections)
    assert any("||" in s.body for s in sections)
    state = State.open(one.state)
    assert state.notices == [] and state.watched("show-00003") == frozenset({1, 2, 3})


def test_quick_run_without_terminal_writes_json_and_a_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "results.json"
    assert bench_run.main(["--quick", "--no-terminal", "--out", str(out)]) == 0
    table = capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    names = [row["name"] for row in data["results"]]
    assert names == [
        "tomllib parse floor, 10",
        "index cold, 10",
        "index warm, 10",
        "check cold, 10",
        "check warm, 10",
    ]
    for row in data["results"]:
        assert row["median"] > 0 and len(row["runs"]) == 1
    assert data["results"][1]["baseline"] == "tomllib parse floor, 10"
    assert data["results"][1]["ratio"] > 0
    assert "| index cold, 10 |" in table and "| check warm, 10 |" in table


def test_report_gives_ratios_targets_and_reasons() -> None:
    report = bench_run.Report()
    base = report.add(bench_run.Result("base", "s", [0.2, 0.1, 0.3]))
    fast = report.add(bench_run.Result("fast", "s", [0.1, 0.1], baseline=base.name, target=1.5))
    slow = report.add(bench_run.Result("slow", "s", [0.5], baseline=base.name, target=1.5))
    keys = report.add(bench_run.Result("key", "s", [0.01, 0.2], target=0.1, worst=0.1))
    report.add(bench_run.Result("missing", "s", note="the app | exited"))
    assert report.ratio(fast) == pytest.approx(0.5) and report.met(fast) is True
    assert report.ratio(slow) == pytest.approx(2.5) and report.met(slow) is False
    assert report.met(keys) is False  # median within, worst not
    bound = report.add(bench_run.Result("bound", "s", [0.05, 0.09], baseline=base.name, worst=0.1))
    assert report.met(bound) is True  # no ratio target: the worst-case bound alone
    bound.values.append(0.12)
    assert report.met(bound) is False
    table = report.table()
    assert "| missing | n/a | | | | | | the app / exited |" in table
    assert "| slow | 500 ms | 500 ms | 500 ms | base (200 ms) | 2.50× | ≤ 1.5× | **no** |" in table
    assert (
        "| bound | 50 ms | 90 ms | 120 ms | base (200 ms) | 0.45× | worst ≤ 100 ms | **no** |"
        in table
    )


def test_plain_drops_colours_and_trailing_coloured_blanks() -> None:
    styled = "\x1b[38;5;253m\x1b[48;5;233mHello\x1b[39m  \x1b[7m  \x1b[0m\nnext\x1b]8;;x\x07 line"
    assert plain(styled) == "Hello\nnext line"


@needs_tmux
def test_minimal_app_paints_and_answers_keys_in_tmux() -> None:
    launch = bench_run.minimal("Baseline Title")
    with Pane(launch.argv, launch.env, cwd=bench_run.ROOT) as pane:
        pane.start()
        assert pane.wait_for("Baseline Title", timeout=20) > 0
        pane.settle(quiet=0.3, timeout=10)
        press = pane.press("x")
        assert press.first > 0 and press.text is not None and press.text >= press.first
        assert "x #1" in pane.screen()
        assert pane.peak_rss() > 10 * 1024 * 1024


# Draws a line; on "c" draws the same text in reverse video, on "t" new text.
COLOUR_THEN_TEXT = """
import sys, tty
tty.setraw(0)
out = sys.stdout
out.write("\\x1b[2J\\x1b[HSame text"); out.flush()
while True:
    key = sys.stdin.read(1)
    if key == "c":
        out.write("\\x1b[H\\x1b[7mSame text\\x1b[0m")
    elif key == "t":
        out.write("\\x1b[HNew  text")
    out.flush()
"""


@needs_tmux
def test_a_change_of_colour_is_a_change_but_not_new_text() -> None:
    with Pane([sys.executable, "-c", COLOUR_THEN_TEXT]) as pane:
        pane.start()
        pane.wait_for("Same text", timeout=20)
        pane.settle(quiet=0.3, timeout=10)
        press = pane.press("c", timeout=1)
        assert press.first > 0 and press.text is None
        pane.settle(quiet=0.3, timeout=10)
        press = pane.press("t", timeout=5)
        assert press.text is not None and press.text >= press.first
        assert "New  text" in pane.screen()


@needs_tmux
def test_a_program_that_never_paints_is_a_reason_not_a_hang() -> None:
    with Pane([sys.executable, "-c", "import time; time.sleep(30)"]) as pane:
        pane.start()
        with pytest.raises(Timeout, match="not on screen after 1 s"):
            pane.wait_for("never", timeout=1)
    with Pane([sys.executable, "-c", "raise SystemExit('no app here')"]) as pane:
        pane.start()
        with pytest.raises(Timeout, match="exited without showing 'never'"):
            pane.wait_for("never", timeout=20)
    result = bench_run.Result("paint", "s")
    never = bench_run.Launch([sys.executable, "-c", "raise SystemExit(1)"], "never")
    bench_run.paint_runs(result, 3, 20, lambda n: never)
    assert result.values == [] and "exited" in result.note
