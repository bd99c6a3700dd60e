"""Where a key path like ('episodes', 2, 'score') is in TOML text: (line, column).

Used to point every problem at its place in the file. Knows nothing of the models.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any


class Locator:
    """Maps key paths like ('episodes', 2, 'score') to (line, column) in TOML text.

    A small line scanner: table headers, array-of-tables counters, ``key =`` lines and
    (one level of) inline tables. Multi-line strings are skipped. When a path is not
    found, the nearest enclosing one is used.
    """

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
    _KEY = re.compile(
        r'^\s*((?:"[^"]*"|\'[^\']*\'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|\'[^\']*\'|[A-Za-z0-9_-]+))*)\s*='
    )
    _INLINE_KEY = re.compile(r'(?:^|[{,])\s*("[^"]*"|[A-Za-z0-9_-]+)\s*=')

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._found: dict[tuple[Any, ...], tuple[int, int]] = {}

    @property
    def positions(self) -> dict[tuple[Any, ...], tuple[int, int]]:
        """Every key path found; the text is scanned on first use (most files never need it)."""
        if self._text is not None:
            text, self._text = self._text, None
            self._scan(text)
        return self._found

    def find(self, loc: tuple[Any, ...]) -> tuple[int, int]:
        positions = self.positions
        path = tuple(loc)
        while path:
            if path in positions:
                return positions[path]
            path = path[:-1]
        return (1, 1)

    def _scan(self, text: str) -> None:
        counters: dict[tuple[Any, ...], int] = {}
        current: tuple[Any, ...] = ()
        in_multi: str | None = None
        for lineno, line in enumerate(text.split("\n"), start=1):
            if in_multi:
                if _closes_multiline(line, in_multi):
                    in_multi = None
                continue
            header = self._HEADER.match(line)
            if header and not self._KEY.match(line):
                keys = _split_dotted(header.group(2))
                is_array = header.group(1) == "[["
                current = self._resolve(keys, counters, is_array)
                col = line.index(header.group(1)) + 1
                self._found.setdefault(current, (lineno, col))
                if is_array:
                    self._found.setdefault(current[:-1], (lineno, col))
                continue
            key = self._KEY.match(line)
            if key:
                keys = _split_dotted(key.group(1))
                col = len(line) - len(line.lstrip()) + 1
                path = current + tuple(keys)
                self._found.setdefault(path, (lineno, col))
                rest = line[key.end() :]
                value_col = key.end() + len(rest) - len(rest.lstrip()) + 1
                self._found.setdefault(path + ("=",), (lineno, value_col))
                self._inline(rest, path, lineno, key.end())
                opener = _opens_multiline(rest)
                if opener:
                    in_multi = opener

    def _resolve(
        self, keys: list[str], counters: dict[tuple[Any, ...], int], is_array: bool
    ) -> tuple[Any, ...]:
        path: tuple[Any, ...] = ()
        for i, key in enumerate(keys):
            path = path + (key,)
            last = i == len(keys) - 1
            if last and is_array:
                index = counters.get(path, -1) + 1
                counters[path] = index
                # a new array element resets the counters of arrays nested in it
                for other in [k for k in counters if k[: len(path)] == path and k != path]:
                    del counters[other]
                path = path + (index,)
            elif path in counters:
                path = path + (counters[path],)
        return path

    def _inline(self, rest: str, path: tuple[Any, ...], lineno: int, offset: int) -> None:
        stripped = rest.strip()
        if stripped.startswith("["):
            # array of inline tables: count the opening braces
            index = -1
            depth = 0
            for i, ch in enumerate(rest):
                if ch == "{":
                    if depth == 0:
                        index += 1
                        self._found.setdefault(path + (index,), (lineno, offset + i + 1))
                    depth += 1
                elif ch == "}":
                    depth -= 1
            return
        if stripped.startswith("{"):
            for match in self._INLINE_KEY.finditer(rest):
                name = match.group(1).strip('"')
                col = offset + match.start(1) + 1
                self._found.setdefault(path + (name,), (lineno, col))


def _split_dotted(text: str) -> list[str]:
    parts = re.findall(r'"([^"]*)"|\'([^\']*)\'|([^.\s]+)', text)
    return [_unescape(a) if "\\" in a else a or b or c for a, b, c in parts]


def _unescape(quoted: str) -> str:
    """A basic-string key's escapes (``\\u001b``) decoded, as the parser sees the key."""
    try:
        value = tomllib.loads(f'k = "{quoted}"')["k"]
    except (tomllib.TOMLDecodeError, KeyError):
        return quoted
    return value if isinstance(value, str) else quoted


def _opens_multiline(rest: str) -> str | None:
    for quote in ('"""', "'''"):
        start = rest.find(quote)
        if start >= 0 and rest.find(quote, start + 3) < 0:
            return quote
    return None


def _closes_multiline(line: str, quote: str) -> bool:
    pos = line.find(quote)
    while pos > 0 and quote == '"""' and line[pos - 1] == "\\":
        pos = line.find(quote, pos + 1)
    return pos >= 0
