"""Importing the seed document gives the bundled show's episodes, scores and prose."""

from __future__ import annotations

from dramatui.importer import decode_review, import_text
from dramatui.library import load_show

from helpers import SEED
from import_helpers import BUNDLED, body_words


def test_seed_matches_bundled_show() -> None:
    bundled, _ = load_show(BUNDLED)
    result = import_text(SEED.read_text(encoding="utf-8"))
    show = result.show
    assert show.title == bundled.title == "Soundtrack #1"
    assert show.id == bundled.id
    assert show.show.score_scale == bundled.show.score_scale == 5
    assert [(e.number, e.score) for e in show.episodes] == [
        (e.number, e.score) for e in bundled.episodes
    ]
    assert len(show.reviews) == 1 and show.reviews[0].covers == 0
    assert body_words(show) == body_words(bundled)
    assert len(body_words(show)) > 600
    assert result.warnings == []
    assert result.summary().startswith("4 episodes, scores 4/5 ×4, 1 review")


def test_seed_with_bom_and_crlf_imports_the_same() -> None:
    plain = import_text(SEED.read_text(encoding="utf-8")).show
    raw = b"\xef\xbb\xbf" + SEED.read_bytes().replace(b"\n", b"\r\n")
    assert import_text(decode_review(raw)).show == plain
