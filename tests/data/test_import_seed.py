"""Importing the seed document gives the bundled show's episodes, scores and prose."""

from __future__ import annotations

from dramatui.importer import decode_review, import_text
from dramatui.library import load_show
from dramatui.model import ShowFile
from dramatui.spoilers import paragraphs, split_inline

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


def _hidden_sentences(show: ShowFile) -> list[str]:
    out = []
    for review in show.reviews:
        for section in review.sections:
            for para in paragraphs(section.body):
                out += [" ".join(run.split()) for run, hidden in split_inline(para) if hidden]
    return out


def test_seed_hides_the_sentences_the_bundled_show_hides_and_nothing_else() -> None:
    """Nobody marked the seed's spoilers: the import finds the same sentences the bundled
    show hides (how the couples end up; a character leaving late on) and nothing else."""
    bundled, _ = load_show(BUNDLED)
    result = import_text(SEED.read_text(encoding="utf-8"))
    assert _hidden_sentences(result.show) == _hidden_sentences(bundled)
    assert len(_hidden_sentences(bundled)) == 2
    # and they wait for the last episode, as the bundled show's do
    assert result.show.reviews[0].covers == 0 and len(result.show.episodes) == 4
    assert [h.words for h in result.unmarked] == [
        ("by the end", "end up"),
        ("late on",),
        ("not to spoil",),
    ]
    # "No spoilers here but …" is not a warning: it and what follows stay shown
    shown = " ".join(
        run
        for s in result.show.reviews[0].sections
        for p in paragraphs(s.body)
        for run, hidden in split_inline(p)
        if not hidden
    )
    assert "No spoilers here but Soundtrack #1 rounds out its story beautifully." in shown
