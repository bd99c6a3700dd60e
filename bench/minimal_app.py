"""The baseline: the simplest Textual app (one Label), measured exactly like dramatui.

``python -m bench.minimal_app TEXT`` shows TEXT; every key changes the label, so a
keypress reaching the screen can be timed the same way as in dramatui.
"""

from __future__ import annotations

import sys

from textual import events
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Label


class MinimalApp(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.presses = 0

    def compose(self) -> ComposeResult:
        yield Label(Content(self.text))

    def on_key(self, event: events.Key) -> None:
        self.presses += 1
        self.query_one(Label).update(Content(f"{self.text} · {event.key} #{self.presses}"))


def main() -> None:
    MinimalApp(sys.argv[1] if len(sys.argv) > 1 else "Minimal").run()


if __name__ == "__main__":
    main()
