"""Nothing lost: every word of a review is in the show the import makes, except the words
that became structure (a header, a score, a fact, a marker line), and the prose keeps the
review's order. Checked on every fixture and on texts made up by hypothesis."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dramatui.importer import ImportRefused, ImportResult, import_text, normalise
from dramatui.model import ShowFile
from dramatui.spoilers import strip_markers

from helpers import SEED
from import_helpers import FIXTURES, body_words, is_subsequence

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def words(text: str) -> list[str]:
    """Words as the property counts them: Markdown's '_' and '*' are markup, not letters."""
    return _WORD.findall(text)


_BBCODE = re.compile(r"\[/?spoilers?\]", re.I)


def output_words(show: ShowFile) -> list[str]:
    """Every word the show file holds as text: title, facts, episode titles, headlines,
    headings and bodies."""
    info = show.show
    texts = [info.title, info.original_title or "", info.network or "", info.country or ""]
    texts += info.genres
    texts += [f"{c.name} {c.role or ''}" for c in info.cast]
    texts += [e.title or "" for e in show.episodes]
    for review in show.reviews:
        texts.append(review.headline or "")
        for section in review.sections:
            texts += [section.heading or "", strip_markers(section.body)]
    return words(" ".join(texts))


def assert_nothing_lost(text: str, result: ImportResult) -> None:
    source = words(_BBCODE.sub(" ", normalise(text)))
    kept = Counter(output_words(result.show)) + Counter(words(" ".join(result.consumed)))
    missing = Counter(source) - kept
    assert not missing, f"words lost: {sorted(missing)[:20]}"
    # no invented prose, and the prose in the review's order
    assert is_subsequence(words(" ".join(body_words(result.show))), source)


CASES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


@pytest.mark.parametrize("name", CASES)
def test_every_fixture_loses_nothing(name: str) -> None:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    assert_nothing_lost(text, import_text(text, source_name=f"{name}.txt"))


def test_the_seed_loses_nothing() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert_nothing_lost(text, import_text(text))


_WORDS = [
    "harbour", "lantern", "quiet", "Mi-ok", "finale", "ending", "together", "wedding",
    "café", "écran", "Küste", "noapte", "маяк", "바다", "庭園", "灯塔", "spoiled", "score",
    "rating", "episode", "season", "late", "on", "the", "end", "up", "dies", "no",
    "spoilers", "here", "but", "Nota", "Оценка", "평점", "評価", "评分",
]  # fmt: skip
_LINES = [
    "Episode {n}: {w} {w} – Score: {n}/10",
    "Ep. {n} – {w}",
    "E0{n} – {w} {w}",
    "S02E0{n} - {w} - {n}/10",
    "{n}x0{n} - {w}",
    "Episodes {n}-{m}: {w}",
    "Season 2, Episode {n}: {w} – 8/10",
    "{n}화 – {w} 평점: 4/5",
    "第{n}話「{w}」 ★★★½",
    "第{n}集 评分：{n}/10",
    "{n}. S01E0{n} “{w}” – {w} {w}.",
    "| Episode | Title | Score |",
    "| {n} | {w} | {n}/10 |",
    "Score: {n}/10",
    "My rating: {n}.5/10 (MDL {n}/10)",
    "Overall {n}.0",
    "Story {n}.5",
    "Completed 16/16",
    "Rating: 15+",
    "★★★☆☆",
    "85%",
    "Grade: B+",
    "Network: {w}",
    "# Genre: {w}, {w}",
    "No. of episodes: 1{n}",
    "Cast: {w} as {w}, {w}",
    "Review: {w} {w}",
    "{w} {w} – Full Review",
    "DRAMA REVIEW | {w} {w}",
    "《{w}》 리뷰",
    "Posted by {w} on May {n}, 2023",
    "SPOILERS AHEAD",
    "END SPOILERS",
    "Spoiler: {w} {w}.",
    "Beware of spoilers below. {w} {w} {w}.",
    "No spoilers here but {w} {w} {w}.",
    "I won't spoil it, but the {w} is {w}.",
    "By the end they end up {w}. {w} {w}.",
    "Late on, {w} dies. {w}.",
    "[spoiler]{w} {w}[/spoiler] {w}",
    "||{w} {w}|| {w}",
    "{w} {w} {w} {w}, {w} {w}. {w} {w} {w}!",
    "{w} is a {w} drama about {w}.",
    "{w} {w} {w}. Episode {n}: {w} – {n}/10",
    "## {w} {w}",
    "Recap",
    "스포 주의! {w} {w}",
    "ネタバレ注意。{w}",
    "",
]


@st.composite
def reviews(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 14))):
        shape = draw(st.sampled_from(_LINES))
        n = draw(st.integers(1, 9))
        m = n + draw(st.integers(0, 2))
        pieces = draw(st.lists(st.sampled_from(_WORDS), min_size=12, max_size=12))
        for piece in pieces:
            shape = shape.replace("{w}", piece.replace("{", "").replace("}", ""), 1)
        lines.append(shape.format(n=n, m=m))
    return "\n".join(lines)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reviews())
def test_generated_reviews_lose_nothing(text: str) -> None:
    try:
        result = import_text(text, source_name="made-up.txt")
    except ImportRefused:
        assert len(re.findall(r"[^\W\d_]{2,}", text)) < 2  # only a text without words
        return
    assert_nothing_lost(text, result)


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_any_text_imports_or_is_refused_for_having_no_words(text: str) -> None:
    try:
        result = import_text(text)
    except ImportRefused as exc:
        assert "no words" in str(exc) or "empty" in str(exc)
        return
    assert_nothing_lost(text, result)
