"""Edit a note in the user's own editor, the app suspended meanwhile (``App.suspend``).

The editor is ``$VISUAL``, else ``$EDITOR`` (either may hold arguments, e.g. ``code -w``),
else ``nano``, else ``vi``. The note goes to a temporary file that only the user can read,
which is removed afterwards. What came back is told as an :class:`Edited`: the new text,
or why there is none (unchanged, no editor, the editor failed).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

FALLBACKS = ("nano", "vi")


@dataclass(frozen=True)
class Edited:
    """The outcome: *text* is the new note when *changed*; else *problem* says why not
    (None: the note came back unchanged)."""

    text: str | None = None
    changed: bool = False
    problem: str | None = None
    empty: bool = False
    """The note came back empty: nothing is changed (an empty note never deletes one)."""


def editor_command(env: Mapping[str, str] | None = None) -> list[str] | None:
    """The editor to run, as a command line (None: none is set and none is installed)."""
    env = os.environ if env is None else env
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError:
                words = [value]
            if words:
                return words
    for name in FALLBACKS:
        found = shutil.which(name, path=env.get("PATH"))
        if found:
            return [found]
    return None


def edit_note(app: App[object], text: str, label: str) -> Edited:
    """Open *text* in the editor with *app* suspended; the result of the edit.

    Run from the UI thread: the app draws nothing until the editor exits. Headless (a
    test's pilot) there is no terminal to hand over, and the editor runs without one.
    """
    from textual.app import SuspendNotSupported

    command = editor_command()
    if command is None:
        return Edited(problem="No editor found: set $EDITOR (or install nano or vi).")
    with tempfile.TemporaryDirectory(prefix="dramatui-note-") as folder:
        path = Path(folder) / f"{label}.txt"
        path.write_text(text, encoding="utf-8")
        os.chmod(path, 0o600)
        try:
            try:
                with app.suspend():
                    code = subprocess.call([*command, str(path)])
            except SuspendNotSupported:
                if not app.is_headless:
                    return Edited(problem="This terminal cannot hand over to an editor.")
                code = subprocess.call([*command, str(path)], stdin=subprocess.DEVNULL)
        except OSError as exc:
            return Edited(problem=f"Cannot run {command[0]}: {exc.strerror or exc}.")
        if code != 0:
            return Edited(problem=f"The editor ({command[0]}) failed (exit {code}): not saved.")
        try:
            new = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            return Edited(problem=f"Cannot read the note back: {exc}.")
    if not new.strip():
        return Edited(empty=True)
    if new.strip() == text.strip():
        return Edited()
    return Edited(text=new, changed=True)
