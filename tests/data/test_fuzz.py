"""Fuzzing format-1 documents: valid ones built from the models' constraints, and mutated ones.

- The loader either returns a show or raises LoadError with located problems; never
  anything else.
- A valid show round-trips through a TOML dump unchanged.
- ``spoilers.redact`` never returns text that is hidden for the given progress (an
  independent oracle written from the rules in docs/format.md decides what is hidden).
"""

from __future__ import annotations

import copy
import dataclasses
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from dramatui.library import LoadError, Problem, load_show
from dramatui.model import ShowFile
from dramatui.safe_text import safe_text
from dramatui.spoilers import Options, Piece, redact, watched_through

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# ---------------------------------------------------------------------------
# Valid documents, from the models' constraints

ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
PROSE = st.lists(
    st.one_of(ANY_TEXT, st.sampled_from(["||", ">!", "!<", "\n\n", " "])), min_size=1, max_size=8
).map("".join)
# any text after a letter, so it is not blank once sanitised (a letter later on could be
# the final byte of an escape sequence, removed with it: "\x9bA" is CSI A, cursor up)
TITLE = st.tuples(st.characters(categories=["L"]), ANY_TEXT).map("".join)
IDS = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=20)


def scores(scale: int) -> st.SearchStrategy[float]:
    return st.one_of(
        st.integers(0, scale), st.floats(0, scale, allow_nan=False, allow_infinity=False)
    )


@st.composite
def valid_docs(draw: st.DrawFn) -> dict[str, Any]:
    def maybe(table: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
        if draw(st.booleans()):
            table[key] = draw(strategy)

    scale = draw(st.sampled_from([5, 10, 100]))
    numbers = draw(st.lists(st.integers(1, 40), unique=True, max_size=6))
    highest = max(numbers, default=0)
    show: dict[str, Any] = {"id": draw(IDS), "title": draw(TITLE)}
    maybe(show, "original_title", ANY_TEXT)
    maybe(show, "year", st.integers(1900, 2100))
    maybe(show, "country", ANY_TEXT)
    maybe(show, "network", ANY_TEXT)
    maybe(show, "genres", st.lists(ANY_TEXT, max_size=3))
    maybe(show, "episodes_total", st.integers(max(highest, 1), 10000))
    if scale != 5 or draw(st.booleans()):
        show["score_scale"] = scale
    maybe(show, "synopsis", PROSE)
    maybe(
        show,
        "cast",
        st.lists(
            st.fixed_dictionaries({"name": ANY_TEXT.filter(bool)}, optional={"role": ANY_TEXT}),
            max_size=3,
        ),
    )
    last = max(highest, show.get("episodes_total", 0))
    episodes = []
    for n in numbers:
        ep: dict[str, Any] = {"number": n}
        maybe(ep, "title", ANY_TEXT)
        maybe(ep, "aired", st.dates())
        maybe(ep, "runtime", st.integers(1, 1000))
        maybe(ep, "score", scores(scale))
        maybe(ep, "synopsis", PROSE)
        episodes.append(ep)
    reviews = []
    for _ in range(draw(st.integers(0, 3))):
        review: dict[str, Any] = {}
        maybe(review, "source", ANY_TEXT)
        maybe(review, "author", ANY_TEXT)
        maybe(
            review,
            "url",
            st.builds(
                lambda scheme, rest: f"{scheme}://{rest}",
                st.sampled_from(["http", "https", "HTTPS"]),
                st.text("abcxyz.-/?=&%#", min_size=1, max_size=20),
            ),
        )
        maybe(review, "published", st.dates())
        maybe(review, "headline", ANY_TEXT)
        maybe(review, "covers", st.integers(0, last))
        maybe(review, "score", scores(scale))
        maybe(review, "scores", st.dictionaries(ANY_TEXT, scores(scale), max_size=3))
        sections = []
        for _ in range(draw(st.integers(0, 3))):
            section: dict[str, Any] = {"body": draw(PROSE)}
            maybe(section, "heading", ANY_TEXT)
            if last:
                maybe(section, "spoils", st.integers(1, last))
            maybe(section, "spoiler", st.booleans())
            sections.append(section)
        if sections or draw(st.booleans()):
            review["sections"] = sections
        reviews.append(review)
    doc: dict[str, Any] = {"format": 1, "show": show}
    if episodes or draw(st.booleans()):
        doc["episodes"] = episodes
    if reviews or draw(st.booleans()):
        doc["reviews"] = reviews
    return doc


def check_problem(problem: Problem, text: str | None, warning: bool) -> None:
    assert problem.warning is warning
    assert problem.line >= 1 and problem.col >= 1, problem
    if text is not None:
        assert problem.line <= text.count("\n") + 1, (problem, text.count("\n"))
    assert problem.message and problem.message == problem.message.strip()
    assert safe_text(problem.message) == problem.message and "\n" not in problem.message
    assert ":" in str(problem)


def load_outcome(path: Path, text: str | None = None) -> ShowFile | None:
    """Load; the only allowed outcomes are a show (plus warnings) or LoadError with problems."""
    try:
        show, warnings = load_show(path, text)
    except LoadError as exc:
        assert exc.problems
        for problem in exc.problems:
            check_problem(problem, text, warning=False)
        event("problems")
        return None
    assert isinstance(show, ShowFile)
    for problem in warnings:
        check_problem(problem, text, warning=True)
    event("loaded")
    return show


PATH = Path("fuzzed.toml")


@FUZZ
@given(valid_docs())
def test_valid_documents_load_and_round_trip(doc: dict[str, Any]) -> None:
    text = tomli_w.dumps(doc)
    show = load_outcome(PATH, text)
    assert show is not None, text
    # the export: python-mode dump keeps dates as TOML dates; None is left out
    dumped = tomli_w.dumps(show.model_dump(exclude_none=True))
    again = load_outcome(PATH, dumped)
    assert again == show
    assert tomli_w.dumps(again.model_dump(exclude_none=True)) == dumped


# ---------------------------------------------------------------------------
# Mutated documents

WRONG_VALUES = st.one_of(
    ANY_TEXT,
    st.integers(-(10**20), 10**20),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.lists(st.integers(), max_size=3),
    st.fixed_dictionaries({"a": st.integers()}),
    st.just([]),
    st.just({}),
)
SPLICES = st.one_of(
    st.text(max_size=10),
    st.sampled_from(
        [
            "[",
            "]",
            "[[",
            "]]",
            "{",
            "}",
            '"',
            '"""',
            "'",
            "=",
            "\n",
            "\\",
            "#",
            ".",
            ",",
            "[[episodes]]\n",
            "[show]\n",
            "\x00",
            "\ufeff",
            "\r",
            "||",
            "9" * 5000,
            "[" * 2000,
            "1979-05-27T07:32:00Z",
            "inf",
            "nan",
            "0x1F",
            "1_000",
        ]
    ),
)


def slots(node: Any) -> Iterator[tuple[Any, Any]]:
    """Every (container, key) in a document, depth first."""
    if isinstance(node, dict):
        for key in list(node):
            yield node, key
            yield from slots(node[key])
    elif isinstance(node, list):
        for i in range(len(node)):
            yield node, i
            yield from slots(node[i])


@st.composite
def mutated_texts(draw: st.DrawFn) -> str:
    doc = copy.deepcopy(draw(valid_docs()))
    for _ in range(draw(st.integers(1, 3))):
        places = list(slots(doc))
        kind = draw(st.sampled_from(["drop", "retype", "unknown", "duplicate"]))
        if not places:
            break
        container, key = draw(st.sampled_from(places))
        if kind == "drop":
            del container[key]
        elif kind == "retype":
            container[key] = draw(WRONG_VALUES)
        elif kind == "unknown" and isinstance(container, dict):
            container[draw(ANY_TEXT)] = draw(WRONG_VALUES)
        elif kind == "duplicate" and isinstance(container, list):
            container.append(copy.deepcopy(container[key]))
    text = tomli_w.dumps(doc)
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 20)))
        text = text[:start] + draw(SPLICES) + text[end:]
    return text


@FUZZ
@given(mutated_texts())
def test_mutated_documents_load_or_report(text: str) -> None:
    load_outcome(PATH, text)


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    data = tomli_w.dumps(draw(valid_docs())).encode()
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(data)))
        end = draw(st.integers(start, min(len(data), start + 8)))
        junk = draw(
            st.one_of(
                st.binary(max_size=8),
                st.sampled_from(
                    [b"\xff", b"\xc3", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\xed\xa0\x80"]
                ),
            )
        )
        data = data[:start] + junk + data[end:]
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]  # truncated
    return data


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


@FUZZ
@given(data=st.one_of(mutated_bytes(), st.binary(max_size=200)))
def test_mutated_bytes_from_a_file_load_or_report(scratch: Path, data: bytes) -> None:
    path = scratch / "fuzzed.toml"
    path.write_bytes(data)
    load_outcome(path)


# ---------------------------------------------------------------------------
# Redaction: hidden text never reaches the view


@dataclasses.dataclass(frozen=True)
class Where:
    """Where a sentinel word was put, to decide independently whether it may be seen."""

    kind: str  # show-synopsis, episode-synopsis, episode-title, section, heading
    episode: int = 0
    review: int = 0
    section: int = 0
    inline: int | None = None  # the inline spoiler's index within its text, if inside one


@st.composite
def shows_with_sentinels(draw: st.DrawFn) -> tuple[ShowFile, dict[str, Where], list[str]]:
    counter = iter(range(100_000))
    where: dict[str, Where] = {}
    keys: list[str] = []

    def sentinel(place: Where) -> str:
        word = f"SENTINEL{next(counter):05d}X"
        where[word] = place
        return word

    def prose(make: Any, key: str) -> str:
        """Paragraphs of plain words and inline spoilers, each holding a sentinel."""
        paragraphs = []
        inline = 0
        for _ in range(draw(st.integers(1, 3))):
            runs = []
            for _ in range(draw(st.integers(1, 4))):
                filler = draw(st.sampled_from(["the", "a plain part", "[bold]x[/]", "漢字 🏳️‍🌈"]))
                if draw(st.booleans()):
                    opening, closing = draw(st.sampled_from([("||", "||"), (">!", "!<")]))
                    runs.append(f"{filler} {opening}{sentinel(make(inline))} hidden{closing}")
                    keys.append(f"{key}.i{inline}")
                    inline += 1
                else:
                    runs.append(f"{filler} {sentinel(make(None))}")
            paragraphs.append(" ".join(runs))
        return "\n\n".join(paragraphs)

    numbers = draw(st.lists(st.integers(1, 8), unique=True, max_size=6))
    highest = max(numbers, default=0)
    total = draw(st.none() | st.integers(max(highest, 1), 10))
    last = max(highest, total or 0)
    episodes = []
    for n in numbers:
        ep: dict[str, Any] = {"number": n}
        if draw(st.booleans()):
            ep["title"] = sentinel(Where("episode-title", episode=n))
            keys.append(f"e{n}.title")
        if draw(st.booleans()):
            ep["synopsis"] = prose(
                lambda i, n=n: Where("episode-synopsis", episode=n, inline=i), f"e{n}.synopsis"
            )
            keys.append(f"e{n}.synopsis")
        episodes.append(ep)
    show: dict[str, Any] = {"id": "fuzz", "title": "Fuzz"}
    if total is not None:
        show["episodes_total"] = total
    if draw(st.booleans()):
        show["synopsis"] = prose(lambda i: Where("show-synopsis", inline=i), "show.synopsis")
    reviews = []
    for r in range(draw(st.integers(0, 2))):
        review: dict[str, Any] = {"sections": []}
        if last and draw(st.booleans()):
            review["covers"] = draw(st.integers(1, last))
        for s in range(draw(st.integers(1, 3))):
            section: dict[str, Any] = {
                "heading": sentinel(Where("heading")),
                "body": prose(
                    lambda i, r=r, s=s: Where("section", review=r, section=s, inline=i),
                    f"r{r}.s{s}",
                ),
            }
            if last and draw(st.booleans()):
                section["spoils"] = draw(st.integers(1, last))
            if draw(st.integers(0, 3)) == 0:
                section["spoiler"] = True
            keys.append(f"r{r}.s{s}")
            review["sections"].append(section)
        reviews.append(review)
    doc = {"format": 1, "show": show, "episodes": episodes, "reviews": reviews}
    return ShowFile.model_validate(doc), where, keys


def may_see(
    place: Where, show: ShowFile, watched: set[int], revealed: set[str], o: Options
) -> bool:
    """The rules of docs/format.md, written again without looking at spoilers.py."""
    through = 0
    while through + 1 in watched:
        through += 1
    last = show.last_episode

    def open_at(level: int, key: str) -> bool:
        return o.reveal_all or through >= level or key in revealed

    if place.kind == "heading":
        return True
    if place.kind == "show-synopsis":
        return place.inline is None or open_at(max(last, 1), f"show.synopsis.i{place.inline}")
    n = place.episode
    if place.kind == "episode-title":
        return not o.hide_unwatched_titles or n in watched or open_at(n, f"e{n}.title")
    if place.kind == "episode-synopsis":
        # every synopsis after the first unwatched episode is hidden
        if not (n == 1 or open_at(n - 1, f"e{n}.synopsis")):
            return False
        return place.inline is None or open_at(n, f"e{n}.synopsis.i{place.inline}")
    assert place.kind == "section"
    review = show.reviews[place.review]
    section = review.sections[place.section]
    key = f"r{place.review}.s{place.section}"
    level = max(last, section.spoils or 0, 1) if section.spoiler else section.spoils
    if level is not None and not open_at(level, key):
        return False
    inline_level = level or review.covers or last or 1
    return place.inline is None or open_at(inline_level, f"{key}.i{place.inline}")


def strings(value: Any) -> Iterator[str]:
    """Every string anywhere in a view."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from strings(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from strings(item)


def pieces(value: Any) -> Iterator[Piece]:
    if isinstance(value, Piece):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from pieces(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from pieces(item)


@FUZZ
@given(data=st.data(), built=shows_with_sentinels())
def test_redact_never_shows_hidden_text(
    data: st.DataObject, built: tuple[ShowFile, dict[str, Where], list[str]]
) -> None:
    show, where, keys = built
    numbers = sorted({ep.number for ep in show.episodes} | {1, 2, 3})
    # watched through some N (1..N all watched) plus odd ones: the interesting progress
    prefix = st.integers(0, max(numbers)).map(lambda n: set(range(1, n + 1)))
    watched = data.draw(
        st.builds(set.union, prefix, st.sets(st.sampled_from(numbers), max_size=2)),
        label="watched",
    )
    revealed = data.draw(
        st.sets(st.sampled_from(keys)) if keys else st.just(set()), label="revealed"
    )
    options = data.draw(
        st.builds(
            Options,
            hide_unwatched_titles=st.booleans(),
            hide_unwatched_scores=st.booleans(),
            reveal_all=st.integers(0, 4).map(lambda n: n == 0),
        ),
        label="options",
    )
    view = redact(show, watched, revealed, options)
    assert view.watched_through == watched_through(watched)
    everything = "\n".join(strings(view))
    seen = 0
    for word, place in where.items():
        visible = may_see(place, show, watched, revealed, options)
        event("a sentinel hidden" if not visible else "a sentinel visible")
        assert (word in everything) is visible, (word, place, sorted(watched), sorted(revealed))
        seen += visible
    # no part of a hidden sentinel either: "S" and "X" occur nowhere else in the view
    assert everything.count("S") == everything.count("X") == seen
    assert all(not piece.text for piece in pieces(view) if piece.hidden)


def test_oracle_is_not_vacuous() -> None:
    """The same oracle, by hand: a section spoiling episode 2 with an inline spoiler."""
    show = ShowFile.model_validate(
        {
            "format": 1,
            "show": {"id": "x", "title": "X"},
            "episodes": [{"number": 1}, {"number": 2, "synopsis": "SEEN later"}],
            "reviews": [{"sections": [{"body": "open ||SECRET||", "spoils": 2}]}],
        }
    )
    text = "\n".join(strings(redact(show, {1})))
    assert "SECRET" not in text and "open" not in text and "SEEN" in text
    text = "\n".join(strings(redact(show, {1, 2})))
    assert "SECRET" in text and "open" in text
    text = "\n".join(strings(redact(show, set())))
    assert "SEEN" not in text
