"""A generated corpus of broken, hostile and good show files (nothing committed as blobs).

``make_corpus(folder)`` writes the files into *folder* and returns one :class:`Case` per
file: its name relative to *folder*, whether it must load, and what the problem about it
must say. Building it takes a fraction of a second: the oversized file is sparse.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ESC = "\x1b"
BEL = "\x07"


def forbidden(ch: str) -> bool:
    """A character a terminal acts on instead of showing, or that disguises text."""
    cp = ord(ch)
    return (
        (cp < 0x20 and ch != "\n")
        or 0x7F <= cp <= 0x9F
        or 0x202A <= cp <= 0x202E
        or 0x2066 <= cp <= 0x2069
        or 0xD800 <= cp <= 0xDFFF
    )


# Hostile strings, written into TOML with escapes so the file itself stays valid TOML.
MARKUP = [
    "[bold]bold?[/bold]",
    "[/]",
    "x [/",
    "[red",
    "[@click=app.quit]q[/]",
    "[link=file:///etc/passwd]x[/link]",
]
ESCAPES = [
    f"{ESC}]52;c;SGVsbG8gY2xpcGJvYXJk{BEL}",  # OSC 52: write the clipboard
    f"{ESC}]8;;https://evil.example/{ESC}\\link{ESC}]8;;{ESC}\\",  # OSC 8 hyperlink
    f"{ESC}]0;retitled{BEL}",  # window title
    f"{ESC}[2J{ESC}[H",  # clear screen, home
    "\u202eevil\u202c",  # bidi override
    "\x9b31m",  # C1 CSI
]

DEEP_FOLDERS = 1200
"""Folder nesting of the deep good show (deeper than Python's recursion limit)."""


@dataclass(frozen=True)
class Case:
    name: str
    """The file's path relative to the corpus folder (as written by the OS: may hold any byte)."""
    good: bool
    """True: it loads as a show. False: it is reported as a problem."""
    says: str = ""
    """A fragment the problem's message must contain (bad files)."""
    line: int | None = None
    """The line the problem must point at, when it is known exactly."""
    alone_ok: bool = False
    """Not a problem when checked on its own (a duplicate show id; a folder named x.toml)."""


def toml_str(text: str) -> str:
    """A TOML basic string for any text: controls written as \\uXXXX escapes."""
    out = []
    for ch in text:
        cp = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif cp < 0x20 or 0x7F <= cp <= 0x9F or 0x2028 <= cp <= 0x206F:
            out.append(f"\\u{cp:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def show(
    title: str = "A good show", *, body: str = "Fine.", episodes: int = 2, **extra: str
) -> str:
    lines = ["format = 1", "", "[show]", f"title = {toml_str(title)}"]
    lines += [f"{k} = {v}" for k, v in extra.items()]
    for n in range(1, episodes + 1):
        lines += [
            "",
            "[[episodes]]",
            f"number = {n}",
            f"title = {toml_str(f'Ep {n}')}",
            "score = 4",
        ]
    lines += ["", "[[reviews]]", "", "[[reviews.sections]]", f"body = {toml_str(body)}"]
    return "\n".join(lines) + "\n"


def _makedirs(base: Path, relative: Path) -> None:
    """mkdir -p one level at a time (pathlib's and os's makedirs are recursive)."""
    path = base
    for part in relative.parts:
        path = path / part
        if not path.is_dir():
            path.mkdir()


def remove_tree(root: Path) -> None:
    """rm -rf without recursion (shutil.rmtree in Python 3.11 fails on the deep folders).

    Symlinks are removed, never followed.
    """
    stack = [(root, False)]
    while stack:
        path, emptied = stack.pop()
        if emptied:
            path.rmdir()
            continue
        stack.append((path, True))
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((Path(entry.path), False))
                else:
                    os.unlink(entry.path)


def make_corpus(folder: Path) -> list[Case]:
    """Write the corpus into *folder* (which must exist and be empty); return its cases."""
    cases: list[Case] = []

    def write(name: str, data: str | bytes, case: Case) -> None:
        path = folder / name
        _makedirs(folder, path.parent.relative_to(folder))
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        cases.append(case)

    def good(name: str, data: str | bytes) -> None:
        write(name, data, Case(name, True))

    def bad(name: str, data: str | bytes, says: str, line: int | None = None) -> None:
        write(name, data, Case(name, False, says, line))

    # -- good files -------------------------------------------------------------------
    good("good-minimal.toml", 'format = 1\n[show]\ntitle = "Minimal"\n')
    good("good-bom.toml", b"\xef\xbb\xbf" + show("With a byte-order mark").encode())
    good(
        "good-unicode.toml",
        show(
            "사운드트랙 #1 · 👩\u200d👩\u200d👧 · e\u0301",
            body="CJK 漢字, emoji 🏳\ufe0f\u200d🌈, combining a\u0308.",
        ),
    )
    hostile = MARKUP + ESCAPES
    good(
        "good-markup-and-escapes.toml",
        "format = 1\n[show]\n"
        f"title = {toml_str(' '.join(hostile))}\n"
        f"original_title = {toml_str(ESCAPES[0])}\n"
        f"network = {toml_str(MARKUP[4])}\n"
        f"genres = [{', '.join(toml_str(h) for h in hostile)}]\n"
        f"synopsis = {toml_str(' / '.join(hostile))}\n"
        f"cast = [{{ name = {toml_str(MARKUP[5])}, role = {toml_str(ESCAPES[1])} }}]\n"
        "\n[[episodes]]\nnumber = 1\n"
        f"title = {toml_str(MARKUP[2])}\nsynopsis = {toml_str(ESCAPES[3])}\n"
        "\n[[reviews]]\n"
        f"source = {toml_str(MARKUP[3])}\nauthor = {toml_str(ESCAPES[4])}\n"
        f"headline = {toml_str(MARKUP[1])}\n"
        f"scores = {{ {toml_str(MARKUP[0])} = 4, {toml_str(ESCAPES[2])} = 3 }}\n"
        "\n[[reviews.sections]]\n"
        f"heading = {toml_str(MARKUP[4])}\n"
        f"body = {toml_str(' '.join(hostile) + ' ||' + ' '.join(hostile) + '||')}\n",
    )
    unit = "A sentence of an ordinary review, long enough. ||hidden bit|| "
    long_body = unit * (200_000 // len(unit) + 1)  # over 200,000 characters, markers closed
    good("good-200k-body.toml", show("Long review", body=long_body))
    good("good-5000-char-word.toml", show("Long word", body="w" * 5000 + " end"))
    good("good-500-episodes.toml", show("Five hundred", episodes=500))
    deep = "/".join(["d"] * DEEP_FOLDERS)
    good(f"deep/{deep}/good-deep.toml", show("At the bottom of a deep folder"))

    # -- syntax and encoding ------------------------------------------------------------
    bad(
        "syntax-error.toml",
        'format = 1\n[show]\ntitle = "Broken\n',
        "TOML syntax error",
        line=3,
    )
    bad("syntax-garbage.toml", "format = 1\n\x00\x01\x02 = ]]][[[\n", "TOML syntax error", line=2)
    bad(
        "invalid-utf8.toml",
        b'format = 1\n[show]\ntitle = "caf\xe9"\n',
        "not valid UTF-8",
        line=3,
    )
    bad("utf16.toml", show("Sixteen").encode("utf-16"), "UTF-16")
    bad("utf16-no-bom.toml", show("Sixteen").encode("utf-16-le"), "TOML syntax error")
    bad("empty.toml", "", "empty")
    bad("whitespace-only.toml", " \n\t\n", "empty")
    bad("deep-arrays.toml", "x = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply")
    bad("deep-tables.toml", "x = " + "{a=" * 5000 + "1" + "}" * 5000 + "\n", "nested too deeply")
    bad(
        "huge-integer.toml",
        'format = 1\n[show]\ntitle = "x"\nyear = ' + "9" * 5000 + "\n",
        "too long",
    )

    # -- the model ---------------------------------------------------------------------
    bad("missing-format.toml", '[show]\ntitle = "x"\n', "`format` is missing")
    bad("future-format.toml", 'format = 2\n[show]\ntitle = "x"\n', "format 2 is not supported", 1)
    bad(
        "format-huge-string.toml",
        f"format = {toml_str('9' * 100_000)}\n",
        "is not supported",
        line=1,
    )
    bad("wrong-type.toml", 'format = 1\n[show]\ntitle = "x"\nyear = "2022"\n', "whole number", 4)
    bad(
        "wrong-type-table.toml",
        'format = 1\nshow = "not a table"\n',
        "should be a table",
        line=2,
    )
    bad(
        "unknown-key.toml",
        'format = 1\n[show]\ntitle = "x"\ntitel = "y"\n',
        "did you mean `title`?",
        line=4,
    )
    bad(
        "unknown-key-huge.toml",
        f'format = 1\n[show]\ntitle = "x"\n{toml_str("k" * 100_000)} = 1\n',
        "unknown key",
        line=4,
    )
    bad(
        "unknown-key-escapes.toml",
        f'format = 1\n[show]\ntitle = "x"\n{toml_str(ESCAPES[0] + ESCAPES[4])} = 1\n',
        "unknown key",
        line=4,
    )
    bad(
        "out-of-range.toml",
        'format = 1\n[show]\ntitle = "x"\n[[episodes]]\nnumber = 1\nscore = 6\n',
        "above this show's score_scale of 5",
        line=6,
    )
    bad("year-out-of-range.toml", 'format = 1\n[show]\ntitle = "x"\nyear = 1800\n', "at least", 4)
    bad(
        "infinite-score.toml",
        'format = 1\n[show]\ntitle = "x"\n[[episodes]]\nnumber = 1\nscore = inf\n',
        "score",
        line=6,
    )
    bad(
        "duplicate-episodes.toml",
        'format = 1\n[show]\ntitle = "x"\n'
        "[[episodes]]\nnumber = 1\n[[episodes]]\nnumber = 2\n[[episodes]]\nnumber = 1\n",
        "listed twice",
        line=9,
    )
    bad(
        "bad-url.toml",
        'format = 1\n[show]\ntitle = "x"\n[[reviews]]\nurl = "javascript:alert(1)"\n',
        "http",
        line=5,
    )
    bad(
        "blank-title.toml",
        f"format = 1\n[show]\ntitle = {toml_str(ESC + '[2J' + '   ')}\n",
        "nothing is left of it to display",
        line=3,
    )
    # A valid-TOML line that starts with "[" and runs for a megabyte: the locator's
    # table-header pattern must not go quadratic on it.
    bad(
        "long-bracket-line.toml",
        'format = 1\n[show]\ntitle = "x"\nextra = [\n[' + " " * 1_000_000 + "1],\n]\n",
        "unknown key `extra`",
        line=4,
    )
    for name in ("dup-id-a.toml", "dup-id-b.toml"):
        (folder / name).write_text('format = 1\n[show]\nid = "same"\ntitle = "Twin"\n')
    # the first in library order is kept, the second reported with both names
    cases.append(Case("dup-id-a.toml", True))
    cases.append(Case("dup-id-b.toml", False, "is already used by", line=3, alone_ok=True))

    # -- things that are not small regular files ------------------------------------------
    big = folder / "too-big.toml"
    with open(big, "wb") as handle:
        handle.truncate(9 * 1024 * 1024)  # sparse: costs nothing on disk
    cases.append(Case("too-big.toml", False, "limited to 8 MiB"))
    os.mkfifo(folder / "fifo.toml")
    cases.append(Case("fifo.toml", False, "not a regular file"))
    os.symlink("/dev/zero", folder / "zero.toml")
    cases.append(Case("zero.toml", False, "not a regular file"))
    os.symlink("loop-b.toml", folder / "loop-a.toml")
    os.symlink("loop-a.toml", folder / "loop-b.toml")
    cases.append(Case("loop-a.toml", False, "symbolic link loop"))
    cases.append(Case("loop-b.toml", False, "symbolic link loop"))
    os.symlink("does-not-exist.toml", folder / "dangling.toml")
    cases.append(Case("dangling.toml", False, "no such file"))
    (folder / "folder.toml").mkdir()
    (folder / "folder.toml" / "inside.toml").write_text(show("Never walked into"))
    # reported when met inside a folder; named on the command line it is a folder to walk
    cases.append(Case("folder.toml", False, "is a folder", alone_ok=True))
    # a folder symlinked back to its parent: walked once, not forever
    (folder / "cycle").mkdir()
    os.symlink("..", folder / "cycle" / "back")

    # -- hostile file names ----------------------------------------------------------------
    bad(f"name-{ESC}]52;c;QUJD{BEL}-{ESC}[31m.toml", "format = 3\n", "not supported", 1)
    raw_name = os.fsdecode(b"name-not-utf8-\xff\xfe.toml")
    bad(raw_name, "format = 3\n", "not supported", 1)
    return cases
