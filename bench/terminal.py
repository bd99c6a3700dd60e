"""A real terminal to time apps in: tmux on its own socket, 120x40, read by polling.

Every launch gets a fresh tmux server (``tmux -L bench<pid>-<n>``) with no user
configuration and no status line, so the pane is exactly 120x40. Times are taken with
``time.perf_counter`` around the tmux commands, identically for dramatui and the baseline,
so the per-poll cost of ``capture-pane`` (a few ms) is in both and cancels in the ratio.
"""

from __future__ import annotations

import itertools
import os
import shlex
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

COLUMNS, LINES = 120, 40
_launches = itertools.count()


def tmux_missing() -> str | None:
    """Why the terminal measures cannot run here, or None when they can."""
    if shutil.which("tmux") is None:
        return "tmux is not installed"
    return None


class Timeout(Exception):
    """The expected screen did not come in time; the message says what was on screen."""


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
        return self._tmux("capture-pane", "-p", "-t", "b", check=False)

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
        """Wait until the screen has not changed for *quiet* seconds; returns it."""
        deadline = time.perf_counter() + timeout
        last, since = self.screen(), time.perf_counter()
        while time.perf_counter() < deadline:
            time.sleep(0.05)
            now_screen = self.screen()
            if now_screen != last:
                last, since = now_screen, time.perf_counter()
            elif time.perf_counter() - since >= quiet:
                return last
        raise Timeout(f"the screen kept changing for {timeout:g} s")

    def press(self, key: str, timeout: float = 2.0) -> float:
        """Seconds from sending *key* until the screen changes."""
        before = self.screen()
        start = time.perf_counter()
        self._tmux("send-keys", "-t", "b", key)
        while True:
            screen = self.screen()
            now = time.perf_counter()
            if screen != before:
                return now - start
            if now - start > timeout:
                raise Timeout(f"the screen did not change within {timeout:g} s of {key!r}")
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
