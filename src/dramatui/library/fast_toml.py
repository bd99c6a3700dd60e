"""TOML through ``rtoml`` (Rust, ~10x faster) when that is safe, else ``tomllib``.

``tomllib`` stays the reference: anything ``rtoml`` refuses is parsed again by
``tomllib``, so every error is ``tomllib``'s, at ``tomllib``'s place. ``rtoml`` is pinned
below 0.14 (that release reads TOML 1.1). No pydantic here: the state file is read
through this before the first frame.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_rtoml_loads: Callable[[str], dict[str, Any]] | None
try:
    from rtoml import loads as _rtoml_loads
except ImportError:  # pragma: no cover - rtoml has wheels for the usual platforms
    _rtoml_loads = None

FAST_MAX_NESTING = 128
"""Text whose arrays and inline tables could nest deeper than this is parsed by tomllib only.

rtoml has no depth limit: a file of 30,000 nested ``[`` overflows the stack and kills
the process (a few hundred do on a small thread stack), where tomllib raises an error.
"""

_SKIP = re.compile(
    r"(?=[\"'#])(?:"  # (a quick test before trying each alternative)
    r'"""(?:[^"\\]|\\.|"(?!""))*"""(?:""|")?'  # multi-line basic string (may end in 5 ")
    r"|'''(?:[^']|'(?!''))*'''(?:''|')?"  # multi-line literal string
    r'|"(?:[^"\\\n]|\\[^\n])*"'  # basic string: one line, \ escapes one character
    r"|'[^'\n]*'"  # literal string
    r"|#[^\n]*"  # comment
    r"|(?P<stray>[\"']).*)",  # a quote that starts no string (not TOML): the rest
    re.S,
)
"""Strings (keys too) and comments, which can hold brackets that do not nest."""

_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def nesting(text: str) -> int:
    """How deep arrays, inline tables and table headers nest in *text*, at most.

    Brackets in strings and comments do not count. A quote that starts no string (text
    that is not valid TOML) gives the count of every ``[`` and ``{``: an upper bound,
    whatever a parser makes of the rest. A ``]`` with nothing open counts for nothing,
    so it cannot hide what follows. Linear in the length of *text*.
    """
    # Strings and comments go; a stray quote stays. (With none at all, as in a state file
    # of episode numbers, the slow scan is skipped.)
    quoted = '"' in text or "'" in text or "#" in text
    rest = _SKIP.sub(r"\g<stray>", text) if quoted else text
    if '"' in rest or "'" in rest:
        return text.count("[") + text.count("{")
    depth = deepest = 0
    for char in _NOT_BRACKET.sub("", rest):
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif depth:
            depth -= 1
    return deepest


_HEADER_LINE = re.compile(r"^[ \t]*(?:(\[\[)[^\[\]\n]*\]\]|\[[^\[\]\n]*\])[ \t]*(?:#.*)?$", re.M)


def shallow(text: str) -> bool:
    """True when nothing in *text* can nest deeper than :data:`FAST_MAX_NESTING`.

    Two upper bounds first, in microseconds: every ``[`` and ``{``; then those not on
    table header lines (``[a]``, ``[[a.b]]``, which open and close on their line). Text
    with more brackets than that (a state file, a show with many episodes) is measured
    by :func:`nesting`.
    """
    brackets = text.count("[") + text.count("{")
    if brackets <= FAST_MAX_NESTING:
        return True
    for match in _HEADER_LINE.finditer(text):
        brackets -= 2 if match.group(1) else 1
    if brackets <= FAST_MAX_NESTING:
        return True
    return nesting(text) <= FAST_MAX_NESTING


def loads(text: str, *, fast: bool = True) -> dict[str, Any]:
    """``tomllib.loads(text)``, through rtoml first when *fast* and the text is shallow.

    Raises what ``tomllib.loads`` raises (``TOMLDecodeError``, ``RecursionError``,
    ``ValueError`` for a number too long).
    """
    if fast and _rtoml_loads is not None and shallow(text):
        try:
            return _rtoml_loads(text)
        except Exception:
            pass
    import tomllib  # only when rtoml cannot be trusted or refused: ~3 ms kept off the start

    return tomllib.loads(text)


def is_syntax_error(exc: BaseException) -> bool:
    """Whether *exc*, raised by :func:`loads`, is ``tomllib``'s error for text not TOML."""
    import tomllib  # (only on an error)

    return isinstance(exc, tomllib.TOMLDecodeError)
