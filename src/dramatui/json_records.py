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
import json
import types
import typing
from collections.abc import Callable
from typing import Any, Literal, TypeVar, cast

T = TypeVar("T")
_Check = Callable[[Any], Any]


class RecordError(ValueError):
    """JSON that is not the record asked for."""


def loads(cls: type[T], data: bytes | str) -> T:
    """The *cls* record in JSON *data*; :class:`RecordError` when it is not one."""
    try:
        value = json.loads(data)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, UnicodeDecodeError
        raise RecordError(f"not JSON: {exc}") from None
    result: T = _checker(cast(Any, cls))(value)
    return result


def dumps(record: object) -> bytes:
    """*record* (and the records in it) as compact JSON.

    ASCII only: a file name that is not UTF-8 (lone surrogates) is written as ``\\udcXX``
    escapes and read back as the same string.
    """
    return json.dumps(record, default=_fields_of, separators=(",", ":")).encode()


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


def _fail(expected: str, value: Any) -> typing.NoReturn:
    raise RecordError(f"expected {expected}, got {type(value).__name__}")


def _exact(kind: type) -> _Check:
    def check(value: Any) -> Any:
        if type(value) is not kind:
            _fail(kind.__name__, value)
        return value

    return check


def _float(value: Any) -> float:
    if type(value) is float:
        return value
    if type(value) is int:
        return float(value)
    _fail("a number", value)


def _none(value: Any) -> None:
    if value is not None:
        _fail("null", value)


@functools.cache
def _checker(annotation: Any) -> _Check:
    """A function that returns the value *annotation* describes, or raises RecordError."""
    if annotation in (str, int, bool):
        return _exact(annotation)
    if annotation is float:
        return _float
    if annotation is None or annotation is type(None):
        return _none
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return _record(annotation)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is Literal:
        allowed = {(type(a), a) for a in args}

        def literal(value: Any) -> Any:
            if (type(value), value) not in allowed:
                raise RecordError(f"expected one of {args}, got {value!r:.40}")
            return value

        return literal
    if origin in (types.UnionType, typing.Union) and type(None) in args:
        (inner,) = [a for a in args if a is not type(None)]
        check = _checker(inner)
        return lambda value: None if value is None else check(value)
    if origin is tuple:
        return _tuple(args)
    raise TypeError(f"no JSON check for {annotation!r}")


def _tuple(args: tuple[Any, ...]) -> _Check:
    if len(args) == 2 and args[1] is Ellipsis:
        item = args[0]
        if item in (str, int):

            def plain(value: Any) -> tuple[Any, ...]:
                if type(value) is not list or not all(type(v) is item for v in value):
                    _fail(f"a list of {item.__name__}", value)
                return tuple(value)

            return plain
        check = _checker(item)

        def many(value: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                _fail("a list", value)
            return tuple(check(v) for v in value)

        return many
    checks = [_checker(a) for a in args]

    def fixed(value: Any) -> tuple[Any, ...]:
        if type(value) is not list or len(value) != len(checks):
            _fail(f"a list of {len(checks)}", value)
        return tuple(check(v) for check, v in zip(checks, value, strict=True))

    return fixed


def _record(cls: type) -> _Check:
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)
    checks = {f.name: _checker(hints[f.name]) for f in fields}
    required = frozenset(
        f.name
        for f in fields
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )

    def record(value: Any) -> Any:
        if type(value) is not dict:
            _fail(f"a {cls.__name__} object", value)
        if not required <= value.keys():
            raise RecordError(f"{cls.__name__}: missing {sorted(required - value.keys())}")
        checked = {}
        for name, item in value.items():
            check = checks.get(name)
            if check is None:
                raise RecordError(f"{cls.__name__}: unknown field {name!r:.40}")
            checked[name] = check(item)
        return cls(**checked)

    return record
