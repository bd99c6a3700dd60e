"""``dramatui add``: a show's facts and episode guide from TVmaze, and ``add --update``.

The glue between the TVmaze client (:mod:`dramatui.sources.tvmaze`, which knows no files),
the file maker (:mod:`dramatui.sources.show_toml`, which knows no network) and the user:
questions on a terminal, one line per failure, files written atomically and never over
another file or another show's id. Exit codes: 0 ok, 1 the command failed (TVmaze could not
be reached or answered wrongly, nothing to write, a choice needed without a terminal),
2 usage. Nothing is written when anything fails.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from dramatui import locations
from dramatui.files import write_atomic, write_new
from dramatui.progress_bar import ProgressBar
from dramatui.safe_text import safe_line
from dramatui.sources.show_toml import (
    NotAShow,
    SeasonFacts,
    merge,
    new_show_text,
    season_facts,
    seasons,
    source_of,
)
from dramatui.sources.tvmaze import DEFAULT_URL, TVmaze, TVmazeError
from dramatui.sources.tvmaze_models import SearchHit, Show

BOM = b"\xef\xbb\xbf"
MAX_LISTED = 10
"""Matches listed for a search (each costs a request for its episode count)."""


class AddFailed(Exception):
    """One line for the user, and the exit code."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def cmd_add(args: argparse.Namespace) -> int:
    try:
        with make_client() as client:
            if args.update:
                return update(client, args.query, sys.stdout, sys.stderr)
            return add(client, args, sys.stdout, sys.stderr, ask=_asker())
    except AddFailed as exc:
        print(f"dramatui: error: {safe_line(str(exc))}", file=sys.stderr)
        return exc.code
    except TVmazeError as exc:
        print(f"dramatui: error: {safe_line(str(exc))}", file=sys.stderr)
        return 1


def make_client(**kwargs: Any) -> TVmaze:
    """The TVmaze client: ``DRAMATUI_TVMAZE_URL`` or TVmaze, the disk cache, notices on stderr."""
    base = os.environ.get("DRAMATUI_TVMAZE_URL") or DEFAULT_URL
    if not base.startswith(("http://", "https://")):
        raise AddFailed(f"DRAMATUI_TVMAZE_URL is not an http(s) URL: {base}", 2)

    def notice(message: str) -> None:
        print(f"dramatui: {safe_line(message)}", file=sys.stderr)

    return TVmaze(base, cache_dir=locations.http_cache(), notice=notice, **kwargs)


Ask = Callable[[str], str]


def _asker() -> Ask | None:
    """``input`` when both ends are a terminal, else None (no questions asked)."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        return input
    return None


# ---------------------------------------------------------------------------
# add


def add(client: TVmaze, args: argparse.Namespace, out: TextIO, err: TextIO, ask: Ask | None) -> int:
    if args.update:
        raise AddFailed("--update takes show files or ids, not a search", 2)
    query = " ".join(args.query).strip()
    if args.tvmaze is not None:
        show_id = args.tvmaze
    elif args.imdb is not None:
        if not re.fullmatch(r"tt\d{1,12}", args.imdb):
            raise AddFailed(f"not an IMDb id: {args.imdb!r} (tt and digits, e.g. tt0944947)", 2)
        show_id = client.lookup_imdb(args.imdb).id
    elif query:
        show_id = choose_show(client, query, args.pick, out, ask)
    else:
        raise AddFailed("give words of the title to search for, --tvmaze ID or --imdb ttID", 2)

    show = client.show(show_id, specials=args.specials)
    wanted = _seasons_wanted(show, args, out, ask)
    akas = client.akas(show.id)
    files = [season_facts(show, n, specials=args.specials, akas=akas) for n in wanted]
    written = write_shows(files, args.output, out)
    for path in written:
        if path != "-":
            print(f"wrote {path}", file=out)
    print(f"Data from TVmaze ({show.url or DEFAULT_URL}), licensed CC BY-SA 4.0.", file=err)
    return 0


def describe(hit: SearchHit, episodes: int | None) -> str:
    show = hit.show
    channel = show.channel
    parts = [
        safe_line(show.name),
        str(show.premiered.year) if show.premiered else "year unknown",
        safe_line(channel.country.name)
        if channel and channel.country and channel.country.name
        else None,
        safe_line(channel.name) if channel else None,
        f"{episodes} episodes" if episodes is not None else None,
        f"TVmaze {show.id}",
    ]
    return " · ".join(p for p in parts if p)


def choose_show(client: TVmaze, query: str, pick: int | None, out: TextIO, ask: Ask | None) -> int:
    """The TVmaze id of the match the user wants (asking on a terminal)."""
    hits = client.search(query)[:MAX_LISTED]
    if not hits:
        raise AddFailed(f"TVmaze has no show matching {query!r}")
    if pick is not None:
        if not 1 <= pick <= len(hits):
            raise AddFailed(f"--pick {pick}: the search found {len(hits)} matches", 2)
        return hits[pick - 1].show.id
    if len(hits) == 1:
        return hits[0].show.id
    for i, hit in enumerate(hits, 1):
        print(f"{i:>2}. {describe(hit, _episode_count(client, hit.show.id))}", file=out)
    if ask is None:
        raise AddFailed(
            f"{len(hits)} shows match {query!r}; choose one with --pick N or --tvmaze ID"
        )
    answer = _ask_number(ask, f"Which one? [1-{len(hits)}, q to quit] ", len(hits))
    return hits[answer - 1].show.id


def _episode_count(client: TVmaze, show_id: int) -> int | None:
    try:
        show = client.show(show_id)
    except TVmazeError:
        return None
    return sum(1 for ep in show.episodes if not ep.is_special)


def _ask_number(ask: Ask, prompt: str, highest: int, extra: str = "") -> int:
    while True:
        try:
            answer = ask(prompt).strip().lower()
        except EOFError:
            answer = "q"
        if answer in ("q", "quit", ""):
            raise AddFailed("nothing chosen; nothing written")
        if extra and answer == extra:
            return 0
        if answer.isdigit() and 1 <= int(answer) <= highest:
            return int(answer)


def _seasons_wanted(
    show: Show, args: argparse.Namespace, out: TextIO, ask: Ask | None
) -> list[int]:
    found = seasons(show)
    if not found:
        raise AddFailed(f"TVmaze lists no episodes for {safe_line(show.name)!r}; nothing written")
    if args.all_seasons:
        return found
    if args.season is not None:
        if args.season not in found:
            listed = ", ".join(str(n) for n in found)
            name = safe_line(show.name)
            raise AddFailed(f"{name!r} has no season {args.season} (seasons: {listed})")
        return [args.season]
    if len(found) == 1:
        return found
    listed = ", ".join(str(n) for n in found)
    if ask is None:
        raise AddFailed(
            f"{safe_line(show.name)!r} has {len(found)} seasons ({listed}); "
            "choose with --season N or --all-seasons"
        )
    for n in found:
        count = sum(1 for ep in show.episodes if ep.season == n and not ep.is_special)
        print(f"  season {n}: {count} episodes", file=out)
    answer = _ask_number(ask, f"Which season? [{listed}, a for all, q to quit] ", max(found), "a")
    if answer == 0:
        return found
    if answer not in found:
        raise AddFailed(f"no season {answer}; nothing written")
    return [answer]


def write_shows(files: list[SeasonFacts], output: str | None, out: TextIO) -> list[str]:
    """Write every file, or none: all the checks come before the first write."""
    targets = [_target(facts, output, len(files)) for facts in files]
    taken = _ids_taken()
    texts: list[str] = []
    for facts, target in zip(files, targets, strict=True):
        show_id = target.stem if target is not None else facts.stem
        if target is not None and show_id in taken:
            raise AddFailed(
                f"a show with the id {show_id!r} is already in your library ({taken[show_id]}); "
                "use `dramatui add --update` to refresh it, or -o to write elsewhere"
            )
        if target is not None and (target.exists() or target.is_symlink()):
            raise AddFailed(f"{target} already exists; nothing written (choose another -o)")
        text = new_show_text(facts, show_id)
        _verify(text, target)
        texts.append(text)
    written: list[str] = []
    for text, target in zip(texts, targets, strict=True):
        if target is None:
            out.write(text)
            written.append("-")
            continue
        try:
            write_new(target, text.encode("utf-8"))
        except FileExistsError:
            raise AddFailed(f"{target} already exists; nothing written") from None
        except OSError as exc:
            raise AddFailed(f"{target}: cannot write: {exc.strerror or exc}") from None
        written.append(str(target))
    return written


def _target(facts: SeasonFacts, output: str | None, count: int) -> Path | None:
    if output == "-":
        if count > 1:
            raise AddFailed("-o - writes one season; give --season N", 2)
        return None
    if output is None:
        library = locations.user_library()
        if library is None:
            raise AddFailed("no home folder to find your library in; give -o OUT", 2)
        return library / f"{facts.stem}.toml"
    path = Path(output).expanduser()
    if path.is_dir() or count > 1:
        if not path.is_dir():
            raise AddFailed(f"{path}: with several seasons, -o must be a folder", 2)
        return path / f"{facts.stem}.toml"
    if not path.parent.is_dir():
        raise AddFailed(f"no such folder: {path.parent}", 2)
    return path


def _ids_taken() -> dict[str, str]:
    """Every show id in the default library, with the file that holds it."""
    from dramatui.library import build_index

    library = build_index(locations.default_library(), cache_dir=locations.cache_dir())
    return {show.id: str(show.path) for show in library.shows}


def _verify(text: str, target: Path | None) -> None:
    """What is about to be written must be a valid show file (a bug otherwise)."""
    from pydantic import ValidationError

    from dramatui.model import ShowFile

    try:
        ShowFile.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        where = target or "the show file"
        first = str(exc).splitlines()[0]
        raise AddFailed(
            f"{where} would not be a valid show file ({first}); nothing written"
        ) from None


# ---------------------------------------------------------------------------
# add --update


@dataclass
class _Tracked:
    path: Path
    text: str
    source: dict[str, Any]
    bom: bool = False
    """The file starts with a byte-order mark (kept when written back)."""


def update(
    client: TVmaze,
    shows: list[str],
    out: TextIO,
    err: TextIO,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Fetch every show again and merge; one line per show; exit 1 if any failed."""
    tracked, failed = _tracked(shows, err)
    if not tracked and not failed:
        print("no show in your library came from TVmaze; nothing to update", file=out)
        return 0
    fetched: dict[tuple[int, bool], Show | TVmazeError] = {}
    bar = progress if progress is not None else _bar(err, len(tracked))
    for done, item in enumerate(tracked, 1):
        key = (int(item.source["id"]), bool(item.source.get("specials")))
        if key not in fetched:
            try:
                fetched[key] = client.show(key[0], specials=key[1])
            except TVmazeError as exc:
                fetched[key] = exc
        answer = fetched[key]
        if isinstance(bar, ProgressBar):
            bar.clear()
        if isinstance(answer, TVmazeError):
            _say(err, f"{item.path}: {answer}; not changed")
            failed += 1
        elif not _update_one(item, answer, out, err):
            failed += 1
        if bar is not None:
            bar(done, len(tracked))
    if isinstance(bar, ProgressBar):
        bar.clear()
    return 1 if failed else 0


def _update_one(item: _Tracked, show: Show, out: TextIO, err: TextIO) -> bool:
    season = item.source.get("season")
    try:
        facts = season_facts(
            show,
            season if isinstance(season, int) else None,
            specials=bool(item.source.get("specials")),
        )
        text, changes = merge(item.text, facts)
        if not changes:
            print(f"{item.path}: up to date", file=out)
            return True
        _verify(text, item.path)
        write_atomic(item.path, (BOM if item.bom else b"") + text.encode("utf-8"))
    except (NotAShow, AddFailed) as exc:
        _say(err, f"{item.path}: {exc}; not changed")
        return False
    except OSError as exc:
        _say(err, f"{item.path}: cannot write: {exc.strerror or exc}; not changed")
        return False
    print(safe_line(f"{item.path}: " + "; ".join(changes.lines)), file=out)
    return True


def _tracked(shows: list[str], err: TextIO) -> tuple[list[_Tracked], int]:
    """The files to update (those named, else every TVmaze one in the library)."""
    failed = 0
    paths = [_named(spec) for spec in shows] if shows else list(_library_files())
    tracked: list[_Tracked] = []
    for path in paths:
        try:
            data = path.read_bytes()
            bom = data.startswith(BOM)
            text = data[len(BOM) :].decode("utf-8") if bom else data.decode("utf-8")
            source = source_of(tomllib.loads(text))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            if shows:
                _say(err, f"{path}: cannot read it ({exc}); not changed")
                failed += 1
            continue
        if source is None:
            if shows:
                _say(err, f"{path}: did not come from TVmaze ([show.source]); not changed")
                failed += 1
            continue
        tracked.append(_Tracked(path, text, source, bom))
    return tracked, failed


def _named(spec: str) -> Path:
    path = Path(spec).expanduser()
    if path.is_file():
        return path
    for candidate in _library_files():
        if candidate.stem == spec:
            return candidate
    raise AddFailed(f"no show file {spec!r} (a path, or the id of a show from TVmaze)", 2)


def _library_files() -> Iterable[Path]:
    """Show files in the user's own folders (not the bundled ones) that mention TVmaze."""
    bundled = locations.bundled_data()
    for root in locations.default_library():
        if root == bundled:
            continue
        files = [root] if root.is_file() else sorted(root.rglob("*.toml"))
        for path in files:
            try:
                with path.open("rb") as handle:
                    head = handle.read(64 * 1024)
            except OSError:
                continue
            if b"TVmaze" in head:
                yield path


def _say(err: TextIO, message: str) -> None:
    print(f"dramatui: {safe_line(message)}", file=err)


def _bar(err: TextIO, total: int) -> ProgressBar | None:
    return ProgressBar(err, "updating", "shows") if total > 1 and err.isatty() else None
