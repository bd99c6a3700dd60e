"""rtoml only where it is safe, with tomllib's results: the state file and show files."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

import pytest
import tomli_w

from dramatui.library import fast_toml
from dramatui.state import State, _read
from dramatui.state_file import parse

DEPTH = [
    ("a = 1", 0),
    ("a = [[1], [2]]", 2),
    ("[t]\n[[u.v]]\na = {b = {c = [1]}}", 3),
    ('a = "]]]]"\nb = [[[1]]]', 3),  # brackets in strings do not count, either way
    ('a = "[[[["\nb = [1]', 1),
    ("a = '''x]]''''\nb = [[1]]", 2),  # a literal string may end in up to five quotes
    ('a = """x\\"""]]"""""\nb = [[1]]', 2),
    ("# ]]]] [[[[\nb = [[1]]", 2),  # comments do not count
    ("a = 'x' # it's ]]\nb = [[1]]", 2),
    ("]]]][[[[", 4),  # a close with nothing open hides nothing
    ('a = "unterminated ]]]\nb = [[[1]]]', 3),  # a stray quote: every [ counts
    ('a = "\\\n]]]"\nb = [[[1]]]', 3),  # no line break in a basic string, even escaped
]


@pytest.mark.parametrize(("text", "depth"), DEPTH)
def test_nesting_counts_only_brackets_that_nest(text: str, depth: int) -> None:
    assert fast_toml.nesting(text) == depth


def test_a_large_state_is_shallow_and_deep_text_is_not() -> None:
    watched = {f"show-{n:05}": list(range(1, n % 40 + 1)) for n in range(3000)}
    text = tomli_w.dumps({"version": 1, "watched": watched})
    assert text.count("[") > 10 * fast_toml.FAST_MAX_NESTING
    assert fast_toml.shallow(text)
    deep = "x = " + "[" * 200 + "]" * 200
    assert not fast_toml.shallow(deep)
    hidden = 'a = "' + "]" * 500 + '"\n' + deep  # closing brackets in a string hide nothing
    assert not fast_toml.shallow(hidden)
    assert fast_toml.shallow("a = " + "[1], " * 1000 + "\n".join(["[t]"] * 500))


def _state_text(rng: random.Random) -> str:
    def show_id() -> str:
        return rng.choice(["show", "a b", "x.y", "é", 'q"uote']) + f"-{rng.randrange(10**6)}"

    data = {
        "version": 1,
        "settings": {
            "hide_unwatched_titles": rng.random() < 0.5,
            "reveal_all": rng.random() < 0.5,
            "theme": rng.choice(["nord", "textual-dark", "a ] b"]),
        },
        "watched": {
            show_id(): sorted(rng.sample(range(1, 300), rng.randrange(0, 40)))
            for _ in range(rng.randrange(0, 300))
        },
        "revealed": {
            show_id(): [f"{rng.randrange(9)}:{rng.randrange(9)}" for _ in range(3)]
            for _ in range(rng.randrange(0, 20))
        },
    }
    return tomli_w.dumps(data)


@pytest.mark.parametrize("seed", range(8))
def test_state_files_read_as_tomllib_reads_them(tmp_path: Path, seed: int) -> None:
    text = _state_text(random.Random(seed))
    path = tmp_path / "state.toml"
    path.write_text(text, encoding="utf-8")
    assert fast_toml.loads(text) == tomllib.loads(text)
    assert _read(path) == parse(tomllib.loads(text))


def test_show_fixtures_parse_as_tomllib_parses_them() -> None:
    files = sorted(Path(__file__).parents[1].glob("fixtures/**/*.toml"))
    files += sorted((Path(__file__).parents[2] / "data").glob("*.toml"))
    assert files
    for file in files:
        text = file.read_text(encoding="utf-8", errors="replace")
        try:
            expected = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, RecursionError, ValueError) as exc:
            with pytest.raises(type(exc)):
                fast_toml.loads(text)
        else:
            assert fast_toml.loads(text) == expected, file


def test_state_nested_past_rtoml_stack_is_set_aside_with_a_notice(tmp_path: Path) -> None:
    # 40,000 levels crash rtoml (a stack overflow kills the process); tomllib refuses them
    path = tmp_path / "state.toml"
    body = b'version = 1\nnote = "' + b"]" * 50_000 + b'"\nx = ' + b"[" * 40_000 + b"]" * 40_000
    path.write_bytes(body + b"\n")
    s = State.open(path)
    (notice,) = s.notices
    assert "could not be read" in notice and "moved to state.toml.corrupt-" in notice
    assert not path.exists()
