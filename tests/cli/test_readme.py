"""The README stays true: its keys are real bindings, and CI runs its test command."""

from __future__ import annotations

import re
import subprocess

from textual.binding import Binding

from dramatui.app.app import DramaApp
from dramatui.app.screens.main import MainScreen
from dramatui.app.widgets.show_list import ShowList

from helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")

KEY_NAMES = {
    "]": "right_square_bracket",
    "[": "left_square_bracket",
    "/": "slash",
    "!": "exclamation_mark",
    "?": "question_mark",
    "up": "up",
    "down": "down",
}


def bound_keys() -> set[str]:
    keys: set[str] = set()
    for cls in (DramaApp, MainScreen, ShowList):
        for item in cls.BINDINGS:
            if isinstance(item, Binding):
                keys.update(k.strip() for k in item.key.split(","))
    return keys


def test_every_key_in_the_readme_is_bound() -> None:
    section = README.split("## Keys", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (.+?) \|", section, re.M)
    keys = [k for row in rows for k in re.findall(r"`([^`]+)`", row)]
    assert len(keys) >= 15
    bound = bound_keys()
    for key in keys:
        assert KEY_NAMES.get(key, key) in bound, f"README lists `{key}`, which is not bound"


def test_ci_runs_the_readme_test_command() -> None:
    block = README.split("<!-- test-command -->", 1)[1]
    command = re.search(r"```sh\n(.*?)\n```", block, re.S)
    assert command is not None
    extracted = subprocess.run(
        ["bash", ".ci/run", "--print-command"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert extracted.returncode == 0
    assert extracted.stdout == command.group(1) + "\n"
