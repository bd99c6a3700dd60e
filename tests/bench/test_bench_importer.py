"""The importer benchmark's quick mode runs, and every shape imports or is refused as
expected. Correctness only: no time is asserted."""

from __future__ import annotations

import random
import re
import sys

import pytest

from dramatui.importer import ImportRefused, import_text
from dramatui.importer.rules import folded

from helpers import ROOT

sys.path.insert(0, str(ROOT))

from bench import importer as bench

SIZE = 20_000


@pytest.mark.parametrize("shape", bench.SHAPES, ids=lambda s: s.name)
def test_shape_imports_or_is_refused_as_expected(shape: bench.Shape) -> None:
    text = shape.make(SIZE, random.Random(5))
    assert len(text) >= SIZE
    assert text == shape.make(SIZE, random.Random(5))  # deterministic
    if shape.refused:
        with pytest.raises(ImportRefused):
            import_text(text)
        return
    result = import_text(text)
    assert len(result.show.episodes) >= min(shape.min_episodes, 4)
    ok, outcome = bench.check_outcome(shape, result)
    assert ok, outcome


def test_quick_mode_prints_a_row_per_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--quick", "--size", str(SIZE)]) == 0
    out = capsys.readouterr().out
    for shape in bench.SHAPES:
        assert f"| {shape.name} |" in out
    assert "UNEXPECTED" not in out


def test_folded_covers_every_character_that_matches_ascii_letters_ignoring_case() -> None:
    """The keyword prefilters fold exactly what re.IGNORECASE folds onto ASCII letters."""
    letter = re.compile("[a-z]", re.I)
    odd = [chr(c) for c in range(128, sys.maxunicode + 1) if letter.fullmatch(chr(c))]
    for ch in odd:
        assert re.fullmatch(folded(ch), ch, re.I), ch
    assert folded("ſcore RATİNG") == "score rating"
