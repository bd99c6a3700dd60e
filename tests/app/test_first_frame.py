"""What `dramatui PATH` loads before its first frame: no pydantic, no models, no loader.

The first frame is drawn from the index cache's head file (or, with no cache, from the
first files read cheaply); the loader and the models are imported by the workers that
run after it. Each case runs the real command line in a fresh interpreter, headless, and
looks at ``sys.modules`` the moment the first frame is out.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dramatui.library import build_index

from app_support import OTHER, TWIST
from app_support import write as write_file

FIRST_FRAME = """
import json, sys
from textual.app import App
from dramatui.__main__ import main
from dramatui.app.app import DramaApp
from dramatui.app.screens.indexing import IndexingScreen
from dramatui.app.widgets.show_list import ShowList

seen = {}

def first_frame_out(self):  # what the screen starts once its first frame is drawn
    heavy = ("pydantic", "dramatui.model", "dramatui.library.validation", "dramatui.library.index",
             "dramatui.io_commands", "dramatui.export", "dramatui.importer")
    seen["loaded"] = sorted(name for name in heavy if name in sys.modules)
    show_list = self.query_one(ShowList)
    seen["rows"] = [show_list.prompt_at(n).plain for n in range(show_list.option_count)]
    self.app.exit()

IndexingScreen.HOOK = first_frame_out
DramaApp.run = lambda self, **kw: App.run(self, headless=True, size=(120, 40))
code = main(sys.argv[1:])
print(json.dumps({"code": code, **seen}))
"""


def first_frame(tmp_path: Path, shows: Path, hook: str = "_build_index") -> dict[str, object]:
    state = tmp_path / "state.toml"
    state.write_text(
        "version = 1\n[settings]\nhide_unwatched_scores = true\n[watched]\ntwist = [1, 2]\n",
        encoding="utf-8",
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "DRAMATUI_LIBRARY": ""}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            FIRST_FRAME.replace("HOOK", hook),
            str(shows),
            "--state",
            str(state),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 0
    return result


@pytest.fixture
def shows(tmp_path: Path) -> Path:
    folder = tmp_path / "shows"
    write_file(folder, "twist.toml", TWIST)
    write_file(folder, "other.toml", OTHER)
    return folder


def test_warm_start_draws_the_cached_shows_without_pydantic(tmp_path: Path, shows: Path) -> None:
    build_index([shows], cache_dir=tmp_path / "cache" / "dramatui")
    seen = first_frame(tmp_path, shows)
    assert seen["loaded"] == []
    rows = seen["rows"]
    assert isinstance(rows, list) and len(rows) == 2
    assert rows[0].startswith("Another Show") and rows[1].startswith("The Twist")
    assert "2/3 watched" in rows[1]


def test_cold_start_draws_the_first_titles_without_pydantic(tmp_path: Path, shows: Path) -> None:
    seen = first_frame(tmp_path, shows)
    assert seen["loaded"] == []
    # titles only, read from the files: nothing else until the index has checked them
    assert seen["rows"] == ["Another Show\n ", "The Twist\n "]


def test_a_corrupt_cache_is_not_trusted_at_start(tmp_path: Path, shows: Path) -> None:
    cache = tmp_path / "cache" / "dramatui"
    build_index([shows], cache_dir=cache)
    (head,) = cache.glob("*.head.json")
    data = json.loads(head.read_text(encoding="utf-8"))
    data["entries"][0]["facts"]["year"] = "twenty"  # the wrong type: the head is refused
    head.write_text(json.dumps(data), encoding="utf-8")
    seen = first_frame(tmp_path, shows)
    assert seen["loaded"] == []
    # nothing from the head file (its facts would say "2/3 watched"): titles from the files
    assert seen["rows"] == ["Another Show\n ", "The Twist\n "]
