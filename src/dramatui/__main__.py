"""The command line: ``dramatui [PATH...]`` opens the browser; sub-commands do the rest.

Exit codes: 0 success, 1 problems found (or the command failed on its input),
2 usage error (bad arguments, a path that does not exist), 130 interrupted.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dramatui import locations
from dramatui.format_rules import counted
from dramatui.safe_text import safe_line

if TYPE_CHECKING:
    pass

# Each command imports what it needs when it runs: opening the browser draws its first
# frame without the show models, pydantic or the loader (the index worker loads them).


class UsageError(Exception):
    """A mistake in the command line: exit code 2."""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("dramatui")
    except PackageNotFoundError:
        return "unknown"


class _VersionAction(argparse.Action):
    """``--version``, looked up only when asked for (importlib.metadata is slow to import)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        print(f"dramatui {_version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dramatui",
        description="Browse TV-show episode guides and read reviews without being spoiled.",
        epilog="With no command, `dramatui [--state FILE] [PATH...]` opens the browser "
        "(--state FILE: the watch-progress file; default: DRAMATUI_STATE, else "
        "$XDG_STATE_HOME/dramatui/state.toml). "
        "Exit codes: 0 ok, 1 problems found, 2 usage error.",
    )
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_open = sub.add_parser(
        "open",
        help="open the browser (the default command)",
        description="Open the three-pane browser on show files or folders.",
    )
    p_open.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="show files or folders (default: the bundled library, your own "
        "folder and DRAMATUI_LIBRARY)",
    )
    p_open.add_argument(
        "--state",
        metavar="FILE",
        help="the watch-progress file (default: DRAMATUI_STATE, else "
        "$XDG_STATE_HOME/dramatui/state.toml)",
    )

    p_check = sub.add_parser(
        "check",
        help="check show files and report every problem",
        description="Check show files. Prints file:line:col: message for each problem. "
        "Exit 0 when clean, 1 when any problem, 2 for a usage error.",
    )
    p_check.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    p_check.add_argument("--strict", action="store_true", help="warnings fail the check too")

    sub.add_parser(
        "schema",
        help="print the JSON Schema of show file format 1",
        description="Print the JSON Schema of show file format 1, generated from the models.",
    )
    _add_io_parsers(sub)
    _add_add_parser(sub)
    return parser


def _add_io_parsers(sub: Any) -> None:
    """Add the import, export and new sub-commands to the CLI's sub-parsers."""
    p_import = sub.add_parser(
        "import",
        help="turn a plain-text review into a show file",
        description="Read a review copied from a web page or forum (UTF-8 text) and write a "
        "show file. Default output: your library folder, named after the show. "
        "Prints what was found. See docs/import.md for the layouts recognised.",
    )
    p_import.add_argument("file", type=Path, metavar="FILE", help="the review, as plain text")
    p_import.add_argument(
        "-o", "--output", metavar="OUT", help="where to write: a file, a folder, or - for stdout"
    )
    p_import.add_argument("--title", help="the show's title, when the text does not give it")
    p_import.add_argument("--id", help="the show's id (default: from its title)")
    p_import.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p_import.add_argument(
        "--explain",
        action="store_true",
        help="print how the text was read (title, episodes, scores, spoilers, facts) and "
        "write nothing",
    )

    p_export = sub.add_parser(
        "export",
        help="write a show as Markdown or TOML",
        description="Write a show as a readable Markdown guide and review, or as TOML. "
        "Spoilers are hidden by default, exactly as on screen.",
    )
    p_export.add_argument("show", metavar="SHOW", nargs="?", help="a show id, title, or show file")
    p_export.add_argument(
        "--format",
        choices=("markdown", "toml", "csv"),
        default="markdown",
        help="markdown (default) or toml; with --mine, markdown or csv",
    )
    p_export.add_argument(
        "--mine",
        action="store_true",
        help="write all your ratings and notes (every show) instead of one show",
    )
    p_export.add_argument(
        "--no-mine",
        action="store_true",
        help="leave your ratings and notes out of a show's Markdown",
    )
    p_export.add_argument(
        "--spoilers",
        choices=("hide", "progress", "show"),
        default="hide",
        help="hide (default): as for someone who has watched nothing; progress: your "
        "watch progress; show: everything (Markdown only; TOML always has everything)",
    )
    p_export.add_argument("-o", "--output", metavar="OUT", help="a file (default: stdout)")
    p_export.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p_export.add_argument(
        "--state",
        metavar="FILE",
        help="the state file (watch progress, your ratings and notes); default: yours",
    )

    p_new = sub.add_parser(
        "new",
        help="start a new show file",
        description="Write a valid show file with N empty episodes and a commented review "
        "section, ready to edit. Never replaces an existing file.",
    )
    p_new.add_argument("title", metavar="TITLE")
    p_new.add_argument("--episodes", type=int, default=0, metavar="N", help="number of episodes")
    p_new.add_argument("--id", help="the show's id (default: from its title)")
    p_new.add_argument(
        "-o", "--output", metavar="OUT", help="a file, a folder, or - (default: your library)"
    )


def _add_add_parser(sub: Any) -> None:
    """The ``add`` sub-command (its work is in add_command, imported when it runs)."""
    parser = sub.add_parser(
        "add",
        help="add a show's facts and episode guide from TVmaze",
        description="Search TVmaze (tvmaze.com) and write the show's facts, cast and episode "
        "guide, one season per file, into your library; --update fetches again and merges, "
        "keeping every byte you wrote. Set DRAMATUI_TVMAZE_URL to use another server.",
        epilog="Show data from TVmaze (https://www.tvmaze.com), licensed CC BY-SA 4.0: every "
        "file written says so and records the TVmaze id and page. Synopses of episodes you "
        "have not reached stay hidden in the browser. Exit codes: 0 ok, 1 failed (nothing "
        "written), 2 usage error.",
    )
    parser.add_argument(
        "query",
        nargs="*",
        metavar="QUERY|SHOW",
        help="words of the show's title; with --update, show files or ids (default: every "
        "show in your library that came from TVmaze)",
    )
    pick = parser.add_mutually_exclusive_group()
    pick.add_argument("--pick", type=int, metavar="N", help="take the Nth match of the search")
    pick.add_argument("--tvmaze", type=int, metavar="ID", help="the show with this TVmaze id")
    pick.add_argument("--imdb", metavar="ttID", help="the show with this IMDb id (tt and digits)")
    pick.add_argument(
        "--update", action="store_true", help="fetch again and merge into existing show files"
    )
    season = parser.add_mutually_exclusive_group()
    season.add_argument("--season", type=int, metavar="N", help="the season to write")
    season.add_argument(
        "--all-seasons", action="store_true", help="one file per season (NAME-sN.toml)"
    )
    parser.add_argument(
        "--specials", action="store_true", help="list the season's specials after its episodes"
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="a file, a folder, or - (default: your library)"
    )


def _existing(paths: list[Path]) -> list[Path]:
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageError(f"no such file or folder: {missing[0]}")
    return paths


def cmd_check(args: argparse.Namespace) -> int:
    from dramatui.library import build_index

    paths = _existing(args.paths) or locations.default_library()
    from dramatui.progress_bar import ProgressBar

    bar = ProgressBar(sys.stderr, "checking", "files") if sys.stderr.isatty() else None
    try:
        library = build_index(
            paths,
            cache_dir=locations.cache_dir(),
            progress=None if bar is None else (lambda p: bar(p.done, p.total)),
        )
    finally:
        if bar is not None:
            bar.clear()
    out = sys.stdout
    for problem in library.problems:
        print(problem, file=out)
    errors, warnings = len(library.errors), len(library.warnings)
    files = len({p.path for p in library.errors})
    summary = counted(len(library.shows), "show") + " ok"
    if errors:
        summary += f", {counted(errors, 'problem')} in {counted(files, 'file')}"
    if warnings:
        summary += f", {counted(warnings, 'warning')}"
    print(summary, file=out)
    if errors or (args.strict and warnings):
        return 1
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from dramatui.model import json_schema

    schema = json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "dramatui show file, format 1"
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    # Start-up makes many objects that live for the whole session (modules, classes, the
    # first shows): collecting them is wasted time. DramaApp re-enables the collector
    # after its first frame, freezing what exists by then (gc.freeze). Kept for what it
    # measurably buys: bench/README.md, the "[gc untouched]" rows.
    gc.disable()
    try:
        return _open(args)
    finally:
        gc.enable()  # if the app ended before its first frame


def _open(args: argparse.Namespace) -> int:
    from dramatui.library import peek_index
    from dramatui.state import State

    paths = _existing(args.paths) or locations.default_library()
    cache_dir = locations.cache_dir()
    # a first screen at once: what the last index left, else the first files' titles
    peek = peek_index(paths, cache_dir=cache_dir)
    if peek is None:
        from dramatui.library import quick_look

        peek = quick_look(paths)
    state = State.open(locations.state_file(args.state))
    from dramatui.app.app import DramaApp  # the screen half, imported only to browse

    DramaApp(None, state, paths=paths, peek=peek, cache_dir=cache_dir).run()
    return 0


HANDLERS = {"open": cmd_open, "check": cmd_check, "schema": cmd_schema}
"""The commands run here; import, export and new are in :mod:`dramatui.io_commands`."""

IO_COMMANDS = ("import", "export", "new")
"""Commands of :mod:`dramatui.io_commands` (its ``HANDLERS``), imported only when one runs."""

COMMANDS = (*HANDLERS, *IO_COMMANDS, "add")


def handler(command: str) -> Callable[[argparse.Namespace], int]:
    """The function that runs *command*."""
    if command == "add":  # TVmaze: httpx and the rest imported only when asked for
        from dramatui.add_command import cmd_add

        return cmd_add
    if command in IO_COMMANDS:
        from dramatui import io_commands

        return io_commands.HANDLERS[command]
    return HANDLERS[command]


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (
        args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")
    ):
        args_list.insert(0, "open")
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else 2
    try:
        return handler(args.command)(args)
    except UsageError as exc:
        print(f"dramatui: error: {safe_line(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def run() -> None:
    """Console-script entry point."""
    # A terminal that cannot show a character (a Latin-1 or ASCII locale) gets "?"
    # instead of a UnicodeEncodeError traceback halfway through the output.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    sys.exit(main())


if __name__ == "__main__":
    run()
