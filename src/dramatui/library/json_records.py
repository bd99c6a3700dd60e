"""Frozen dataclasses written as JSON and read back, every value checked against its annotation.

For derived data that dramatui writes and reads again (the index cache): what is read is
checked as strictly as it was written. An object with a missing, unknown or mistyped field
raises :class:`RecordError`, so a corrupt or foreign file is refused, never trusted. The
record classes are the one place that says what a file holds; the checks come from their
annotations. No pydantic: such a file is read before the first frame.

Annotations understood: ``str``, ``int``, ``float`` (an int is taken as a float), ``bool``,
``None``, unions with ``None``, ``Literal`` of ints or strings, ``tuple[X, ...]``, fixed
``tuple[X, Y]``, and other record classes.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import operator
import types
import typing
from collections.abc import Callable
from typing import Any, Literal, TypeVar, cast

from dramatui import collector

T = TypeVar("T")
_Check = Callable[[Any], Any]


class RecordError(ValueError):
    """JSON that is not the record asked for."""


def loads(cls: type[T], data: bytes | str) -> T:
    """The *cls* record in JSON *data*; :class:`RecordError` when it is not one.

    The garbage collector is paused meanwhile (:func:`dramatui.collector.paused`).
    """
    try:
        with collector.paused():
            value = json.loads(data)
            (result,) = _checker(cast(Any, cls))([value])
    except RecordError:
        raise
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, UnicodeDecodeError
        raise RecordError(f"not JSON: {exc}") from None
    return cast(T, result)


def dumps(record: object) -> bytes:
    """*record* (and the records in it) as compact UTF-8 JSON.

    A file name that is not UTF-8 holds lone surrogates: each is written as its ``\\udcXX``
    escape, which JSON reads back as the same string.
    """
    text = json.dumps(record, default=_fields_of, ensure_ascii=False, separators=(",", ":"))
    # Outside strings JSON is ASCII, and inside one a backslash is always escaped: the
    # escape written for a surrogate is read as that escape.
    return text.encode("utf-8", "backslashreplace")


def _fields_of(record: object) -> dict[str, Any]:
    names = _names(cast(Any, type(record)))
    if not names:
        raise TypeError(f"not a record: {type(record).__name__}")
    return {name: getattr(record, name) for name in names}


@functools.cache
def _names(cls: type) -> tuple[str, ...]:
    if not dataclasses.is_dataclass(cls):
        return ()
    return tuple(f.name for f in dataclasses.fields(cls))


def _fail(expected: object, got: object) -> typing.NoReturn:
    raise RecordError(f"expected {expected}, got {got!r:.80}")


def _kinds(column: list[Any]) -> set[type]:
    return set(map(type, column))


_PLAIN: dict[Any, frozenset[type]] = {
    str: frozenset({str}),
    int: frozenset({int}),
    float: frozenset({float}),  # what json.dumps writes for a float: 7.0, never 7
    bool: frozenset({bool}),
    None: frozenset({type(None)}),
    type(None): frozenset({type(None)}),
}


def _plain(annotation: Any) -> frozenset[type] | None:
    """The exact types a JSON value may have for *annotation*, if that says it all."""
    kinds = _PLAIN.get(annotation)
    if kinds is not None:
        return kinds
    if typing.get_origin(annotation) in (types.UnionType, typing.Union):
        parts = [_plain(a) for a in typing.get_args(annotation)]
        if all(part is not None for part in parts):
            return frozenset().union(*parts)  # type: ignore[arg-type]
    return None


# Values are checked a column at a time: every value one field has across all the
# records of a file, in one list. The checks are then C loops (set(map(type, ...))), not
# a Python call per value: ~10x faster for the 10,000 entries of a cache.


@functools.cache
def _checker(annotation: Any) -> _Check:
    """A function from a list of JSON values to the values *annotation* describes.

    It raises RecordError when any of them is not such a value.
    """
    kinds = _plain(annotation)
    if kinds is not None:

        def plain(column: list[Any]) -> list[Any]:
            if not _kinds(column) <= kinds:
                _fail(annotation, _kinds(column))
            return column

        return plain
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return _record(annotation)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is Literal:
        allowed_kinds = {type(a) for a in args}

        def literal(column: list[Any]) -> list[Any]:
            if not _kinds(column) <= allowed_kinds or not set(column) <= set(args):
                _fail(annotation, column)
            return column

        return literal
    if origin in (types.UnionType, typing.Union) and type(None) in args:
        (inner,) = [a for a in args if a is not type(None)]
        return _optional(_checker(inner))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _many(_checker(args[0]))
    if origin is tuple:
        return _fixed([_checker(a) for a in args])
    raise TypeError(f"no JSON check for {annotation!r}")


def _optional(check: _Check) -> _Check:
    def optional(column: list[Any]) -> list[Any]:
        present = iter(check([v for v in column if v is not None]))
        return [None if v is None else next(present) for v in column]

    return optional


def _many(check: _Check) -> _Check:
    def many(column: list[Any]) -> list[Any]:
        if not _kinds(column) <= {list}:
            _fail("lists", _kinds(column))
        items = iter(check(list(itertools.chain.from_iterable(column))))
        return [tuple(itertools.islice(items, n)) for n in map(len, column)]

    return many


def _fixed(checks: list[_Check]) -> _Check:
    def fixed(column: list[Any]) -> list[Any]:
        if not column:
            return []
        if not _kinds(column) <= {list} or set(map(len, column)) != {len(checks)}:
            _fail(f"lists of {len(checks)}", column)
        parts = [c(list(part)) for c, part in zip(checks, zip(*column, strict=True), strict=True)]
        return list(zip(*parts, strict=True))

    return fixed


def _record(cls: type) -> _Check:
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)
    if any(f.default_factory is not dataclasses.MISSING for f in fields):
        raise TypeError(f"{cls.__name__}: default factories are not supported")
    names = [f.name for f in fields]
    defaults = [None if f.default is dataclasses.MISSING else f.default for f in fields]
    checks = [_checker(hints[name]) for name in names]
    allowed = frozenset(names)
    required = frozenset(f.name for f in fields if f.default is dataclasses.MISSING)

    def record(column: list[Any]) -> list[Any]:
        if not _kinds(column) <= {dict}:
            _fail(f"{cls.__name__} objects", _kinds(column))
        if not set().union(*column) <= allowed or not all(map(required.issubset, column)):
            _fail(f"the fields of {cls.__name__}", set().union(*column))
        values = [
            check(list(map(operator.methodcaller("get", name, default), column)))
            for name, default, check in zip(names, defaults, checks, strict=True)
        ]
        return list(map(cls, *values))

    return record
