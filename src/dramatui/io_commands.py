"""The ``import``, ``export`` and ``new`` commands: getting shows in and out.

Kept out of ``__main__`` so the CLI module stays a table of contents (it holds only their
arguments, and imports this module when one of them runs). Each ``cmd_*``
returns the exit code (0 ok, 1 the input was refused or the command failed, 2 usage)
and prints its own errors as ``dramatui: error: ...``; nothing here raises to the user.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dramatui import locations
from dramatui.files import write_atomic, write_new
from dramatui.library import LoadError, build_index, load_show, read_text
from dramatui.model import Episode, ShowFile, ShowInfo, slugify
from dramatui.safe_text import safe_line, safe_text

if TYPE_CHECKING:
    from dramatui.export import SpoilerMode
    from dramatui.state import State

MAX_NEW_EPISODES = 1000


class _Exit(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


def _run(func: Any, args: argparse.Namespace) -> int:
    try:
        code: int = func(args)
    except _Exit as exc:
        print(f"dramatui: error: {safe_line(str(exc))}", file=sys.stderr)
        return exc.code
    return code


def cmd_import(args: argparse.Namespace) -> int:
    return _run(_import, args)


def cmd_export(args: argparse.Namespace) -> int:
    return _run(_export, args)


def cmd_new(args: argparse.Namespace) -> int:
    return _run(_new, args)


HANDLERS = {"import": cmd_import, "export": cmd_export, "new": cmd_new}
"""The commands of this module, by name (``dramatui.__main__.IO_COMMANDS``)."""


# ---------------------------------------------------------------------------
# import


def _read_input(path: Path) -> bytes:
    if str(path) == "-":
        return sys.stdin.buffer.read()
    if not path.exists():
        raise _Exit(2, f"no such file: {path}")
    if path.is_dir():
        raise _Exit(2, f"{path} is a folder; give the review's text file")
    try:
        with path.open("rb") as handle:
            from dramatui.importer import MAX_REVIEW_BYTES

            return handle.read(MAX_REVIEW_BYTES + 1)
    except OSError as exc:
        raise _Exit(1, f"{path}: cannot read: {exc.strerror or exc}") from None


def _import(args: argparse.Namespace) -> int:
    # The importer and the exporter are imported when used: opening the browser never needs them.
    from dramatui.export import dump_show_toml
    from dramatui.importer import ImportRefused, decode_review, import_text

    data = _read_input(args.file)
    source = None if str(args.file) == "-" else args.file.name
    try:
        result = import_text(decode_review(data), title=args.title, source_name=source)
    except ImportRefused as exc:
        raise _Exit(1, f"{args.file}: {exc}; nothing written") from None
    if getattr(args, "explain", False):
        print(safe_line(f"{args.file}: how the text was read (nothing written)"))
        for line in result.explanation:
            print(safe_line(line))
        print(safe_line("summary: " + result.summary()))
        return 0
    show = result.show
    out = _output_path(args.output, show.id or "show")
    if args.id is not None:
        show_id = _show_id(args.id)
        show = show.model_copy(update={"show": show.show.model_copy(update={"id": show_id})})
        out = _output_path(args.output, show.id)
    else:
        replaced = out if args.force and out is not None and out.exists() else None
        taken = _library_ids(out, replaced)
        if show.id in taken:
            new_id = _free_id(show.id or "show", taken)
            result.guesses.append(
                f"the id {show.id!r} is already in your library; this show is {new_id!r} "
                "(rename it in the file, or choose one with --id)"
            )
            show = show.model_copy(update={"show": show.show.model_copy(update={"id": new_id})})
            named_after_id = args.output is None or (
                args.output != "-" and Path(args.output).expanduser().is_dir()
            )
            if out is not None and named_after_id:
                out = out.with_name(f"{new_id}.toml")
    text = dump_show_toml(
        show,
        header=f"{show.title} — imported by dramatui from {args.file.name}",
    )
    _verify(text, out)
    _refuse_a_taken_id(show.id, out)
    report = sys.stderr if out is None else sys.stdout
    _write(out, text, force=args.force)
    where = "stdout" if out is None else str(out)
    print(
        safe_line(f'Imported "{show.title}" (title from {result.title_from}) -> {where}'),
        file=report,
    )
    print(safe_line(result.summary()), file=report)
    for warning in [*result.guesses, *result.warnings]:
        print(safe_line(f"warning: {warning}"), file=report)
    return 0


def _library_ids(out: Path | None, replaced: Path | None) -> set[str]:
    """The show ids already in the library and in the folder being written to, through
    the index (ids and file names both count). *replaced*, a file about to be replaced with
    --force, does not count."""
    from dramatui.library import build_index

    folders = [p for p in locations.default_library() if p.is_dir()]
    if out is not None and out.parent.is_dir() and out.parent not in folders:
        folders.append(out.parent)
    if not folders:
        return set()
    ids: set[str] = set()
    for shown in build_index(folders, cache_dir=locations.cache_dir()).shows:
        if replaced is None or shown.path != replaced:
            ids.update((shown.id, shown.path.stem))
    return ids


def _free_id(slug: str, taken: set[str]) -> str:
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"


def _output_path(option: str | None, slug: str) -> Path | None:
    """None for stdout; a folder gets <slug>.toml inside it."""
    if option == "-":
        return None
    if option is None:
        library = locations.user_library()
        if library is None:
            raise _Exit(2, "no home folder to find your library in; give -o OUT")
        return library / f"{slug}.toml"
    path = Path(option).expanduser()
    if path.is_dir():
        return path / f"{slug}.toml"
    if not path.parent.is_dir():
        raise _Exit(2, f"no such folder: {path.parent}")
    return path


def _show_id(given: str) -> str:
    show_id = given.strip()
    if not show_id or len(show_id) > 200 or show_id != slugify(show_id):
        raise _Exit(2, "--id must be lowercase letters, digits and dashes, e.g. my-show-2")
    return show_id


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def _refuse_a_taken_id(show_id: str, out: Path | None) -> None:
    """Never write into the library a show whose id another of its shows has: the two
    would stand for one show (watch progress is kept by id)."""
    folders = locations.default_library()
    user = locations.user_library()
    if user is not None and user not in folders:
        folders.append(user)  # (listed once it exists: the file would create it)
    if out is None or not any(_inside(out, folder) for folder in folders):
        return  # stdout, or a file the library does not read
    library = [folder for folder in folders if folder.exists()]
    from dramatui.library import build_index

    for shown in build_index(library, cache_dir=locations.cache_dir()).shows:
        if shown.id == show_id and not _inside(shown.path, out):
            raise _Exit(
                1,
                f"the id {show_id!r} is already taken in your library by {shown.path}; "
                "give this show another with --id ID, or write it elsewhere with -o OUT; "
                "nothing written",
            )


def _verify(text: str, out: Path | None) -> None:
    """The file about to be written must load: it is what `dramatui check` will read."""
    try:
        load_show(out or Path("show.toml"), text)
    except LoadError as exc:  # a bug: never write a file the loader refuses
        problem = exc.problems[0].message
        raise _Exit(1, f"the result does not load ({problem}); nothing written") from None


def _write(out: Path | None, text: str, force: bool | None) -> None:
    """Write to *out* (stdout when None). ``force=None``: never replace, no --force."""
    if out is None:
        sys.stdout.write(text)
        return
    exists = f"{out} already exists; " + (
        "use --force to replace it" if force is not None else "choose another name with -o"
    )
    data = text.encode("utf-8")
    if force:
        try:
            write_atomic(out, data)
        except OSError as exc:
            raise _Exit(1, f"{out}: cannot write: {exc.strerror or exc}") from None
        return
    if out.exists() or out.is_symlink():
        raise _Exit(1, exists)
    try:
        write_new(out, data)
    except FileExistsError:
        raise _Exit(1, exists) from None
    except OSError as exc:
        raise _Exit(1, f"{out}: cannot write: {exc.strerror or exc}") from None


# ---------------------------------------------------------------------------
# export


def find_show(spec: str) -> ShowFile:
    """A show by file path, id, or title (in the default library)."""
    path = Path(spec).expanduser()
    if path.is_file():
        try:
            show, _ = load_show(path, read_text(path))
        except LoadError as exc:
            raise _Exit(1, "; ".join(str(p) for p in exc.problems)) from None
        return show
    index = build_index(locations.default_library(), cache_dir=locations.cache_dir())
    found = index.by_id(spec)
    if found is None:
        folded = " ".join(spec.split()).casefold()
        by_title = [s for s in index.shows if s.title.casefold() == folded]
        if len(by_title) > 1:
            ids = ", ".join(s.id for s in by_title)
            raise _Exit(2, f"several shows are titled {spec!r} ({ids}); give the id")
        found = by_title[0] if by_title else None
    if found is not None:
        try:
            return index.load(found.id)
        except LoadError as exc:
            raise _Exit(1, "; ".join(str(p) for p in exc.problems)) from None
    if path.suffix == ".toml" or os.sep in spec:
        raise _Exit(2, f"no such file: {spec}")
    known = ", ".join(s.id for s in index.shows[:10]) or "none"
    raise _Exit(2, f"no show with the id or title {spec!r} in the library (ids: {known})")


def _export(args: argparse.Namespace) -> int:
    from dramatui.export import Mine, dump_show_toml, to_markdown, view_for

    if args.mine:
        return _export_mine(args)
    if args.show is None:
        raise _Exit(2, "give a SHOW to export, or --mine for all your ratings and notes")
    if args.format == "csv":
        raise _Exit(2, "--format csv is for --mine (your ratings and notes)")
    show = find_show(args.show)
    mode: SpoilerMode = args.spoilers
    if args.format == "toml":
        text = dump_show_toml(show)
    else:
        watched: frozenset[int] = frozenset()
        revealed: frozenset[str] = frozenset()
        options = None
        mine = None
        if mode == "progress" or not args.no_mine:
            state = _open_state(args.state)
            if not args.no_mine:
                mine = Mine(state.ratings(show.id), state.notes(show.id))
            if mode == "progress":
                watched = state.watched(show.id)
                if state.settings.remember_reveals:
                    revealed = state.revealed(show.id)
                options = state.settings.options()
        text = to_markdown(view_for(show, mode, watched, revealed, options), mode, mine)
    out = _export_path(args.output)
    _write(out, safe_text(text) if args.format == "markdown" else text, force=args.force)
    if out is not None:
        print(safe_line(f'Exported "{show.title}" -> {out}'))
    return 0


def _open_state(explicit: str | None) -> State:
    from dramatui.state import State

    state = State.open(locations.state_file(explicit))
    for notice in state.notices:
        print(safe_line(f"dramatui: {notice}"), file=sys.stderr)
    return state


def _export_path(output: str | None) -> Path | None:
    out = None if output in (None, "-") else Path(output).expanduser()
    if out is not None and not out.parent.is_dir():
        raise _Exit(2, f"no such folder: {out.parent}")
    return out


def _export_mine(args: argparse.Namespace) -> int:
    from dramatui.export_mine import ShowName, mine_csv, mine_markdown

    if args.show is not None:
        raise _Exit(2, "--mine writes every show you rated or noted: give no SHOW")
    if args.format == "toml":
        raise _Exit(2, "--mine writes markdown or csv, not toml")
    state = _open_state(args.state)
    index = build_index(locations.default_library(), cache_dir=locations.cache_dir())
    names = {s.id: ShowName(s.title, s.facts.score_scale) for s in index.shows}
    write = mine_csv if args.format == "csv" else mine_markdown
    text = write(state.data, names)
    out = _export_path(args.output)
    _write(out, text, force=args.force)
    if out is not None:
        print(safe_line(f"Exported your ratings and notes -> {out}"))
    return 0


# ---------------------------------------------------------------------------
# new

_REVIEW_TEMPLATE = """
# A review: uncomment and fill in. Headings and headlines are always visible;
# hide spoilers with `spoils = N` (hidden until episodes 1 to N are all watched),
# `spoiler = true` (until the last episode), or inline ||like this||.
#
# [[reviews]]
# headline = "One line about the show"
# author = ""
# source = ""
# score = 8
# scores = { story = 8, acting = 9, music = 7 }
#
# [[reviews.sections]]
# heading = "First impressions"
# body = \"\"\"
# A paragraph of prose.
#
# Another paragraph.\"\"\"
#
# [[reviews.sections]]
# heading = "The middle"
# spoils = 2               # hidden until episodes 1 and 2 are both watched
# body = \"\"\"
# What happens by episode 2.\"\"\"
#
# [[reviews.sections]]
# heading = "The ending"
# spoiler = true
# body = \"\"\"
# What happens at the end.\"\"\"
"""


def new_show_text(title: str, episodes: int, show_id: str | None = None) -> str:
    """A new show file: valid, with empty episodes and a commented review section."""
    from dramatui.export import dump_show_toml

    show = ShowFile(
        format=1,
        show=ShowInfo(
            id=show_id or slugify(title),
            title=title,
            episodes_total=episodes or None,
            score_scale=10,
        ),
        episodes=[Episode(number=n) for n in range(1, episodes + 1)],
    )
    header = (
        f"{title} — a new show file. Fill in what you know, then run `dramatui check` on it.\n"
        "Optional show keys: original_title, year, country, network, genres = [...],\n"
        "synopsis (spoiler-free). score_scale is 5, 10 or 100. Each episode may have\n"
        "title, aired (a date: 2024-01-31), runtime (minutes), score and synopsis."
    )
    return dump_show_toml(show, header=header) + _REVIEW_TEMPLATE


def _new(args: argparse.Namespace) -> int:
    title = " ".join(str(args.title).split())
    if not title:
        raise _Exit(2, "the title is blank")
    if not 0 <= args.episodes <= MAX_NEW_EPISODES:
        raise _Exit(2, f"--episodes must be between 0 and {MAX_NEW_EPISODES}")
    show_id = _show_id(args.id) if args.id is not None else slugify(title)
    text = new_show_text(title, args.episodes, show_id)
    out = _output_path(args.output, show_id)
    _verify(text, out)
    _refuse_a_taken_id(show_id, out)
    _write(out, text, force=None)
    if out is not None:
        print(safe_line(f"Created {out}: edit it, then run `dramatui check {out}`"))
    return 0
