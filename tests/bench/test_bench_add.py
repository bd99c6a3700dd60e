"""The `dramatui add` benchmark's quick mode runs against its local server and prints its
table. Correctness only: no time is asserted."""

from __future__ import annotations

import sys

import pytest

from helpers import ROOT

sys.path.insert(0, str(ROOT))

from bench import add as bench


def test_quick_mode_prints_both_rows(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "| dramatui add (16 episodes) |" in out
    assert "| baseline: httpx alone |" in out
    assert "dramatui's own time (median add - median baseline):" in out


def test_the_add_it_times_writes_the_show(tmp_path: object) -> None:
    from pathlib import Path

    work = Path(str(tmp_path))
    with bench.server() as url:
        assert bench.run_add(url, work, 0) > 0
    text = (work / "show-0.toml").read_text(encoding="utf-8")
    assert text.count("[[episodes]]") == 16
