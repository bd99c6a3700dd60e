"""What a cold start draws first: the titles of the first show files, read without the loader.

With no index cache (a first start, a fresh cache folder, files changed since), the first
frame would have no shows until the indexing worker has imported the loader and the
models and read its first files. Instead the first files in file-name order are read
here (TOML only, through :mod:`dramatui.library.reading`, the loader's own reading) and listed
by title alone: a title is never a spoiler, and nothing else is shown until the index
has checked the file. The index's own results replace these rows as soon as they come,
so a file that does not load disappears from the list then.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path

from dramatui.library.cache import Peek
from dramatui.library.facts import IndexedShow, ShowFacts, file_id
from dramatui.library.reading import LoadError, Problem, iter_files, parse_toml, read_text
from dramatui.safe_text import safe_line

FIRST_FILES = 16
"""Files read for a cold first frame: a screenful of rows, and as many as the index reads
first (``dramatui.library.index.FIRST_CHUNK``), so its first results replace exactly these."""


def quick_look(paths: Iterable[Path], count: int = FIRST_FILES) -> Peek | None:
    """The titles of the first *count* show files under *paths*, as provisional rows.

    A file that cannot be read or parsed, or has no title to show, is left out (the
    index will say why). None when there is nothing to show.
    """
    ignored: list[Problem] = []  # the index reports them
    shows = []
    for path in itertools.islice(iter_files(paths, ignored), count):
        try:
            data = parse_toml(path, read_text(path))
        except LoadError:
            continue
        table = data.get("show")
        if not isinstance(table, dict):
            continue
        title, show_id = table.get("title"), table.get("id", file_id(path))
        if isinstance(title, str) and safe_line(title).strip() and isinstance(show_id, str):
            shows.append(IndexedShow(path, ShowFacts(id=show_id, title=title)))
    if not shows:
        return None
    shows.sort(key=lambda s: s.list_order)
    return Peek(shows, 0, provisional=True)
