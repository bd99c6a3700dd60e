"""A real terminal to time apps in: tmux on its own socket, 120x40, read by polling.

Every launch gets a fresh tmux server (``tmux -L bench<pid>-<n>``) with no user
configuration and no status line, so the pane is exactly 120x40. Times are taken with
``time.perf_counter`` around the tmux commands, identically for dramatui and the baseline,
so the per-poll cost of ``capture-pane`` (a few ms) is in both and cancels in the ratio.

The screen is read with colours and attributes (``capture-pane -p -e``): a keypress counts
as seen at the first change of what a person sees, a highlight that moved included. The
time until the key's new *text* is on screen (the same capture without its escapes) is
taken too, from the same polls.
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

COLUMNS, LINES = 120, 40
_launches = itertools.count()


def tmux_missing() -> str | None:
    """Why the terminal measures cannot run here, or None when they can."""
    if shutil.which("tmux") is None:
        return "tmux is not installed"
    return None


class Timeout(Exception):
    """The expected screen did not come in time; the message says what was on screen."""


_ESCAPE = re.compile(r"\x1b(?:\[[0-9;:?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def plain(screen: str) -> str:
    """A ``capture-pane -e`` screen without its escapes: the text alone, as ``-p`` gives it.

    Trailing blanks are dropped from each line (a coloured blank at a line's end is kept
    by ``-e``; it is not text).
    """
    return "\n".join(line.rstrip() for line in _ESCAPE.sub("", screen).split("\n"))


class Keypress(NamedTuple):
    """Seconds from sending a key until the screen first changed (colours included), and
    until its text changed (None: no new text within the time limit)."""

    first: float
    text: float | None


class Pane:
    """One command running in a fresh 120x40 tmux pane."""

    def __init__(
        self, argv: Sequence[str], env: Mapping[str, str] | None = None, cwd: Path | None = None
    ) -> None:
        self.socket = f"bench{os.getpid()}-{next(_launches)}"
        self.argv = list(argv)
        self.env = dict(env or {})
        self.cwd = cwd
        self._conf = tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False)  # noqa: SIM115
        self._conf.write("set -g status off\nset -g escape-time 0\nset -g remain-on-exit on\n")
        self._conf.close()
        self.started = 0.0

    def _tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", self._conf.name, *args],
            capture_output=True,
            text=True,
            timeout=10,
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"tmux {args[0]}: {done.stderr.strip()}")
        return done.stdout

    def start(self) -> float:
        """Launch; returns the perf_counter time just before the launch."""
        assigns = [f"{k}={v}" for k, v in self.env.items()]
        command = "exec env " + " ".join(shlex.quote(a) for a in [*assigns, *self.argv])
        args = ["new-session", "-d", "-s", "b", "-x", str(COLUMNS), "-y", str(LINES)]
        if self.cwd is not None:
            args += ["-c", str(self.cwd)]
        self.started = time.perf_counter()
        self._tmux(*args, command)
        return self.started

    def screen(self) -> str:
        """The pane's text (no colours)."""
        return self._tmux("capture-pane", "-p", "-t", "b", check=False)

    def styled_screen(self) -> str:
        """The pane with its colours and attributes, as SGR escapes."""
        return self._tmux("capture-pane", "-p", "-e", "-t", "b", check=False)

    def pid(self) -> int:
        return int(self._tmux("display-message", "-p", "-t", "b", "#{pane_pid}").strip())

    def exited(self) -> bool:
        dead = self._tmux("display-message", "-p", "-t", "b", "#{pane_dead}", check=False)
        return dead.strip() != "0"

    def wait_for(self, text: str, timeout: float) -> float:
        """Seconds from start() until *text* is on screen."""
        deadline = self.started + timeout
        for poll in itertools.count():
            screen = self.screen()
            now = time.perf_counter()
            if text in screen:
                return now - self.started
            if now > deadline:
                raise Timeout(f"{text!r} not on screen after {timeout:g} s; {_tail(screen)}")
            if poll % 25 == 24 and self.exited():
                raise Timeout(f"the program exited without showing {text!r}; {_tail(screen)}")
            time.sleep(0.002)
        raise AssertionError("unreachable")

    def settle(self, quiet: float = 0.5, timeout: float = 60.0) -> str:
        """Wait until the screen (colours included) has not changed for *quiet* seconds;
        returns its text."""
        deadline = time.perf_counter() + timeout
        last, since = self.styled_screen(), time.perf_counter()
        while time.perf_counter() < deadline:
            time.sleep(0.05)
            now_screen = self.styled_screen()
            if now_screen != last:
                last, since = now_screen, time.perf_counter()
            elif time.perf_counter() - since >= quiet:
                return plain(last)
        raise Timeout(f"the screen kept changing for {timeout:g} s")

    def press(self, key: str, timeout: float = 2.0) -> Keypress:
        """Send *key*; time the first change of the screen (colours and attributes
        included) and the first change of its text.

        Raises Timeout when nothing changed within *timeout*; ``text`` is None when the
        screen changed but its text did not within *timeout*.
        """
        before = self.styled_screen()
        before_text = plain(before)
        start = time.perf_counter()
        self._tmux("send-keys", "-t", "b", key)
        first: float | None = None
        while True:
            screen = self.styled_screen()
            now = time.perf_counter()
            if first is None and screen != before:
                first = now - start
            if first is not None and plain(screen) != before_text:
                return Keypress(first, now - start)
            if now - start > timeout:
                if first is None:
                    raise Timeout(f"the screen did not change within {timeout:g} s of {key!r}")
                return Keypress(first, None)
            time.sleep(0.001)

    def peak_rss(self) -> int:
        """Peak resident memory (VmHWM) of the pane's process, in bytes."""
        status = Path(f"/proc/{self.pid()}/status").read_text(encoding="utf-8")
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
        raise RuntimeError("no VmHWM in /proc status")

    def close(self) -> None:
        socket = self._tmux("display-message", "-p", "#{socket_path}", check=False).strip()
        self._tmux("kill-server", check=False)
        Path(self._conf.name).unlink(missing_ok=True)
        if socket:
            Path(socket).unlink(missing_ok=True)

    def __enter__(self) -> Pane:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _tail(screen: str) -> str:
    lines = [line.strip() for line in screen.splitlines() if line.strip()]
    shown = " | ".join(lines[-3:])[:200]
    return f"screen: {shown}" if shown else "the screen is blank"
