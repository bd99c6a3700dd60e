"""Validating one show file: TOML data checked against the models, every problem kept.

Each bad file becomes a :class:`Problem` naming the file, line, column and what is wrong
in plain words; a good one becomes a show, with its warnings. Finding and reading files
(bytes to TOML data) is :mod:`dramatui.library.reading`; a whole library is read by
:mod:`dramatui.library.index`. Nothing here knows about the screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dramatui.library.facts import file_id
from dramatui.library.positions import Locator
from dramatui.library.reading import LoadError, Problem, parse_toml, read_text
from dramatui.model import FORMAT_VERSION, ConsistencyError, ShowFile, dotted
from dramatui.safe_text import safe_line, safe_text
from dramatui.spoilers import paragraphs, split_inline, unclosed_markers


def load_show(
    path: Path, text: str | None = None, *, fast: bool = True
) -> tuple[ShowFile, list[Problem]]:
    """Load one show file. Returns the show and its warnings; raises LoadError with problems.

    *fast* chooses the TOML parser (see :func:`parse_toml`); the results are the same.
    """
    if text is None:
        text = read_text(path)
    if not text.strip():
        raise LoadError(
            [Problem(path, 1, 1, "the file is empty; a show file starts with `format = 1`")]
        )
    data = parse_toml(path, text, fast=fast)
    locator = Locator(text)
    fmt = data.get("format")
    if fmt != FORMAT_VERSION:
        line, col = locator.find(("format",))
        if fmt is None:
            msg = (
                f"`format` is missing; this dramatui reads format {FORMAT_VERSION} "
                f"(add `format = {FORMAT_VERSION}` at the top)"
            )
        else:
            msg = (
                f"format {_short(fmt)} is not supported; "
                f"this dramatui reads format {FORMAT_VERSION}"
            )
        raise LoadError([Problem(path, line, col, msg)])
    show_table = data.get("show")
    if isinstance(show_table, dict) and "id" not in show_table:
        data["show"] = {**show_table, "id": file_id(path)}
    try:
        # strict: a file's `year = "2022"` or `spoiler = "yes"` is a wrong type, not
        # something to coerce (TOML has real integers, booleans and dates)
        show = ShowFile.model_validate(data, strict=True)
    except ValidationError as exc:
        raise LoadError(validation_problems(path, exc, locator)) from None
    if not safe_text(show.show.title).strip():
        # e.g. ESC[2J and spaces: not blank to the model, but nothing left to display
        line, col = locator.find(("show", "title"))
        raise LoadError([Problem(path, line, col, "show.title: nothing is left of it to display")])
    return show, show_warnings(path, show, locator)


def validation_problems(path: Path, exc: ValidationError, locator: Locator) -> list[Problem]:
    """Pydantic errors as plain-words problems at their place in the file."""
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        ctx = error.get("ctx") or {}
        inner = ctx.get("error")
        loc = tuple(error["loc"])
        if isinstance(inner, ConsistencyError):
            for sub_loc, msg in inner.problems:
                line, col = locator.find(loc + sub_loc)
                problems.append(Problem(path, line, col, f"{_dotted(loc + sub_loc)}: {msg}"))
            continue
        line, col = locator.find(loc)
        problems.append(Problem(path, line, col, f"{_dotted(loc)}: {_explain(error, loc)}"))
    return problems


def _dotted(loc: tuple[Any, ...]) -> str:
    """:func:`model.dotted`, with each key cut short: keys come from untrusted files."""
    parts = tuple(p if isinstance(p, int) else _cut(str(p)) for p in loc)
    return dotted(parts) or "(top level)"


def _cut(text: str, limit: int = 40) -> str:
    """A key or value from the file, cut short enough to quote in a message.

    Made safe on its own first: a control that opens a terminal string (e.g. U+0098)
    would otherwise swallow the rest of the message when the whole line is cleaned.
    """
    text = safe_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _known_keys(loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed in the table at *loc* (for "did you mean" hints)."""
    cls: Any = ShowFile
    for part in loc:
        if isinstance(part, int):
            continue
        field_info = cls.model_fields.get(part)
        if field_info is None:
            return []
        ann = field_info.annotation
        inner = getattr(ann, "__args__", (ann,))
        cls = next((a for a in inner if isinstance(a, type) and hasattr(a, "model_fields")), None)
        if cls is None:
            return []
    return list(cls.model_fields)


def _explain(error: Any, loc: tuple[Any, ...]) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        key = str(loc[-1])
        shown = _cut(key)
        known = _known_keys(loc[:-1])
        import difflib  # only for a misspelt key: kept off the start

        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"; did you mean `{close[0]}`?" if close else ""
        allowed = f" (allowed here: {', '.join(known)})" if known and not close else ""
        return f"unknown key `{shown}`{hint}{allowed}"
    if kind == "missing":
        return "is required but missing"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{_short(value)} is too small; it must be at least {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"{_short(value)} is too large; it must be at most {ctx.get('le', ctx.get('lt'))}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)"
    if kind == "literal_error":
        return f"{_short(value)} is not allowed; expected {ctx.get('expected')}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{_short(value)} should be a whole number"
    if kind in ("float_type", "float_parsing"):
        return f"{_short(value)} should be a number"
    if kind in ("string_type",):
        return f"{_short(value)} should be text in quotes"
    if kind in ("bool_type", "bool_parsing"):
        return f"{_short(value)} should be true or false"
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact"):
        return f"{_short(value)} should be a date like 2022-03-23"
    if kind in ("list_type",):
        return f"{_short(value)} should be a list in [brackets]"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{_short(value)} should be a table"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return str(error["msg"]).lower()


def _short(value: Any) -> str:
    try:
        text = repr(value) if isinstance(value, str) else str(value)
    except (ValueError, RecursionError):  # an int too long to print, a too-deep list
        text = f"this {type(value).__name__}"
    return text if len(text) <= 40 else text[:37] + "..."


def show_warnings(path: Path, show: ShowFile, locator: Locator) -> list[Problem]:
    """Problems that do not stop a show from loading."""
    warnings: list[Problem] = []

    def unclosed(loc: tuple[str | int, ...], text: str | None) -> None:
        if text and unclosed_markers(text):
            line, col = locator.find(loc)
            warnings.append(
                Problem(
                    path,
                    line,
                    col,
                    f"{_dotted(loc)}: an inline spoiler marker is never closed; "
                    "it hides to the end of its paragraph",
                    warning=True,
                )
            )

    unclosed(("show", "synopsis"), show.show.synopsis)
    for i, ep in enumerate(show.episodes):
        unclosed(("episodes", i, "synopsis"), ep.synopsis)
    for r, review in enumerate(show.reviews):
        for s, section in enumerate(review.sections):
            unclosed(("reviews", r, "sections", s, "body"), section.body)
    warnings.extend(_leak_warnings(path, show, locator))
    return warnings


_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")
_NAME = re.compile(r"[^\W\d_a-z][\w'’-]{3,}")
_GENERIC_WORDS = frozenset(
    {
        *("episode", "episodes", "season", "seasons", "part", "finale", "premiere"),
        *("review", "reviews", "recap", "recaps", "score", "scores", "spoiler", "spoilers"),
    }
)
"""Words of any guide or review: 'Episode 3 Recap & Review' as a headline gives nothing
away."""


def _leak_warnings(path: Path, show: ShowFile, locator: Locator) -> list[Problem]:
    """Names that appear in always-visible text but otherwise only inside spoilers.

    A capitalised word (a name, usually) that the review only ever uses inside spoiler
    text, and that also appears in a heading, headline or the show synopsis, probably
    gives the spoiler away.
    """
    hidden_names: set[str] = set()
    open_words: set[str] = set()
    for review in show.reviews:
        for section in review.sections:
            whole = section.spoiler or section.spoils is not None
            for para in paragraphs(section.body):
                for run, is_spoiler in split_inline(para):
                    if whole or is_spoiler:
                        hidden_names.update(w.lower() for w in _NAME.findall(run))
                    else:
                        open_words.update(w.lower() for w in _WORD.findall(run))
    for ep in show.episodes:
        open_words.update(w.lower() for w in _WORD.findall(ep.synopsis or ""))
    for name in (show.show.title, show.show.original_title):
        open_words.update(w.lower() for w in _WORD.findall(name or ""))  # always on screen
    only_hidden = hidden_names - open_words - _GENERIC_WORDS
    if not only_hidden:
        return []
    visible: list[tuple[tuple[str | int, ...], str | None]] = [
        (("show", "synopsis"), show.show.synopsis)
    ]
    for r, review in enumerate(show.reviews):
        visible.append((("reviews", r, "headline"), review.headline))
        for s, section in enumerate(review.sections):
            visible.append((("reviews", r, "sections", s, "heading"), section.heading))
    out: list[Problem] = []
    for loc, text in visible:
        if not text:
            continue
        clean = "".join(
            run for para in paragraphs(text) for run, sp in split_inline(para) if not sp
        )
        leaked = sorted({w.lower() for w in _WORD.findall(clean)} & only_hidden)
        if leaked:
            line, col = locator.find(loc)
            out.append(
                Problem(
                    path,
                    line,
                    col,
                    f"{_dotted(loc)}: always visible, but mentions "
                    f"{', '.join(_short(w) for w in leaked[:5])}, found elsewhere only in "
                    "spoiler text",
                    warning=True,
                )
            )
    return out


def duplicate_ids(shows: Iterable[tuple[str, Path]]) -> tuple[set[str], list[Problem]]:
    """Ids used by more than one file, and a problem at each such file's ``id``.

    *shows* are (id, path) pairs in file order; every show with a shared id is dropped.
    """
    by_id: dict[str, list[Path]] = {}
    for show_id, path in shows:
        by_id.setdefault(show_id, []).append(path)
    dropped: set[str] = set()
    problems: list[Problem] = []
    for show_id, group in by_id.items():
        if len(group) == 1:
            continue
        dropped.add(show_id)
        names = " and ".join(str(p) for p in group)
        for path in group:
            try:
                line, col = Locator(read_text(path)).find(("show", "id"))
            except LoadError:
                line, col = 1, 1
            problems.append(
                Problem(
                    path,
                    line,
                    col,
                    f"show id {_short(show_id)} is used by more than one file ({names}); "
                    "give each show its own `id`",
                )
            )
    return dropped, problems
