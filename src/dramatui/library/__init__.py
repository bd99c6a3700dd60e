"""The show library: find, read, parse with positions, validate, index, cache, list.

The front door: the rest of the program imports these names from ``dramatui.library``
and never reaches into the modules below. Where each step happens:

- ``reading``     find show files, read each (size, UTF-8) and parse its TOML -> problems
- ``fast_toml``   TOML through rtoml when safe, tomllib otherwise (also reads the state file)
- ``positions``   a key path -> its line and column in the TOML text
- ``validation``  TOML data -> a ``ShowFile`` (pydantic), its problems and warnings
- ``facts``       what the list knows of a show (``ShowFacts``): never spoiler text
- ``index``       a whole library -> an ``Index`` (worker processes, the cache); one show by id
- ``cache``       the index cache on disk, and the peek at it that a first frame is drawn from
- ``json_records`` the cache's typed JSON reader
- ``cold_start``  a cold start's first titles, before the loader is imported
- ``listing``     the shows a screen lists while the index is built

Names are imported when first used (PEP 562): opening the browser draws its first frame
from ``peek_index`` without importing pydantic or the models, which ``load_show`` needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dramatui.library.cache import CacheStats, Peek, peek_index
    from dramatui.library.cold_start import quick_look
    from dramatui.library.facts import IndexedShow, ShowFacts, file_id
    from dramatui.library.fast_toml import loads as toml_loads
    from dramatui.library.index import (
        Index,
        IndexCancelled,
        Progress,
        build_index,
        load_indexed,
    )
    from dramatui.library.listing import Listing
    from dramatui.library.reading import (
        MAX_FILE_BYTES,
        MAX_MESSAGE_CHARS,
        LoadError,
        Problem,
        find_files,
        read_text,
    )
    from dramatui.library.validation import load_show

_HOME: dict[str, tuple[str, str]] = {
    "CacheStats": ("cache", "CacheStats"),
    "Peek": ("cache", "Peek"),
    "peek_index": ("cache", "peek_index"),
    "IndexedShow": ("facts", "IndexedShow"),
    "ShowFacts": ("facts", "ShowFacts"),
    "file_id": ("facts", "file_id"),
    "toml_loads": ("fast_toml", "loads"),
    "Index": ("index", "Index"),
    "IndexCancelled": ("index", "IndexCancelled"),
    "Progress": ("index", "Progress"),
    "build_index": ("index", "build_index"),
    "load_indexed": ("index", "load_indexed"),
    "Listing": ("listing", "Listing"),
    "quick_look": ("cold_start", "quick_look"),
    "MAX_FILE_BYTES": ("reading", "MAX_FILE_BYTES"),
    "MAX_MESSAGE_CHARS": ("reading", "MAX_MESSAGE_CHARS"),
    "LoadError": ("reading", "LoadError"),
    "Problem": ("reading", "Problem"),
    "find_files": ("reading", "find_files"),
    "read_text": ("reading", "read_text"),
    "load_show": ("validation", "load_show"),
}
"""Each name of the front door: (module, name in it)."""

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_MESSAGE_CHARS",
    "CacheStats",
    "Index",
    "IndexCancelled",
    "IndexedShow",
    "Listing",
    "LoadError",
    "Peek",
    "Problem",
    "Progress",
    "ShowFacts",
    "build_index",
    "file_id",
    "find_files",
    "load_indexed",
    "load_show",
    "peek_index",
    "quick_look",
    "read_text",
    "toml_loads",
]


def __getattr__(name: str) -> Any:
    try:
        module, attr = _HOME[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module}"), attr)
    globals()[name] = value
    return value
