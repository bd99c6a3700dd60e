"""``checking [#####.....] 120/1,000 files`` on a terminal, redrawn in place: the one
progress bar of the long commands (``check``, ``add --update``)."""

from __future__ import annotations

from typing import TextIO


class ProgressBar:
    """Draws ``VERB [bar] done/total NOUN`` over itself; :meth:`clear` wipes the line."""

    WIDTH = 30

    def __init__(self, stream: TextIO, verb: str, noun: str) -> None:
        self.stream = stream
        self.verb = verb
        self.noun = noun
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total < 2:
            return
        filled = self.WIDTH * done // total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.stream.write(f"\r{self.verb} [{bar}] {done:,}/{total:,} {self.noun}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
