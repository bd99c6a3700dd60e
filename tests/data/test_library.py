"""Loading files and folders: good shows load, every bad file is a located problem."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from dramatui.library import MAX_FILE_BYTES, build_index
from dramatui.library.positions import Locator

WriteShow = Callable[..., Path]

GOOD = """format = 1

[show]
title = "{title}"

[[episodes]]
number = 1
score = 4
"""


def problems_of(path: Path) -> list[str]:
    return [str(p) for p in build_index([path]).problems]


def test_good_file_loads_with_id_from_stem(write_show: WriteShow) -> None:
    path = write_show(GOOD.format(title="Good"), "my-show.toml")
    lib = build_index([path])
    assert lib.problems == []
    assert [s.id for s in lib.shows] == ["my-show"]
    assert lib.load(lib.shows[0].id).episodes[0].score == 4


def test_folder_recursive_sorted_by_title(tmp_path: Path, write_show: WriteShow) -> None:
    write_show(GOOD.format(title="Zebra"), "a.toml")
    write_show(GOOD.format(title="apple"), "sub/deeper/b.toml")
    write_show(GOOD.format(title="Mango"), "sub/c.toml")
    (tmp_path / "notes.txt").write_text("not a show")
    lib = build_index([tmp_path])
    assert [s.title for s in lib.shows] == ["apple", "Mango", "Zebra"]
    assert lib.problems == []


def test_unknown_key_points_at_line_and_suggests(write_show: WriteShow) -> None:
    path = write_show('format = 1\n\n[show]\ntitle = "x"\n  yeer = 2020\n')
    assert problems_of(path) == [f"{path}:5:3: show.yeer: unknown key `yeer`; did you mean `year`?"]


def test_score_above_scale_located(write_show: WriteShow) -> None:
    text = (
        'format = 1\n[show]\ntitle = "x"\n'
        "[[episodes]]\nnumber = 1\nscore = 4\n"
        "[[episodes]]\nnumber = 2\n"
        "[[episodes]]\nnumber = 3\nscore = 6\n"
    )
    path = write_show(text)
    assert problems_of(path) == [
        f"{path}:11:1: episodes[2].score: 6 is above this show's score_scale of 5"
    ]


def test_nested_review_section_located(write_show: WriteShow) -> None:
    text = (
        'format = 1\n[show]\ntitle = "x"\n'
        '[[reviews]]\n[[reviews.sections]]\nbody = "a"\n'
        '[[reviews]]\n[[reviews.sections]]\nbody = "b"\n[[reviews.sections]]\n'
        'body = """\nmulti\nspoils = 99\n"""\nspoiler = "maybe"\n'
    )
    path = write_show(text)
    msgs = problems_of(path)
    assert len(msgs) == 1
    assert msgs[0].startswith(f"{path}:15:1: reviews[1].sections[1].spoiler: ")
    assert "true or false" in msgs[0]


def test_wrong_type_plain_words(write_show: WriteShow) -> None:
    path = write_show('format = 1\n[show]\ntitle = "x"\nyear = "twenty"\n')
    assert problems_of(path) == [f"{path}:4:1: show.year: 'twenty' should be a whole number"]


def test_missing_title_points_at_table(write_show: WriteShow) -> None:
    path = write_show("format = 1\n[show]\nyear = 2020\n")
    assert problems_of(path) == [f"{path}:2:1: show.title: is required but missing"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("format = 2\n", "1:1: format 2 is not supported; this dramatui reads format 1"),
        ("[show]\ntitle='x'\n", "1:1: `format` is missing"),
        ("", "1:1: the file is empty"),
    ],
)
def test_format_version(write_show: WriteShow, text: str, expected: str) -> None:
    path = write_show(text)
    (msg,) = problems_of(path)
    assert msg.startswith(f"{path}:{expected}")


def test_toml_syntax_error_position(write_show: WriteShow) -> None:
    path = write_show('format = 1\n[show]\ntitle = "x\n')
    (msg,) = problems_of(path)
    assert msg.startswith(f"{path}:3:")
    assert "TOML syntax error" in msg


def test_bom_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.format(title="Bom").encode())
    assert [s.title for s in build_index([path]).shows] == ["Bom"]


def test_invalid_utf8_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'format = 1\n[show]\ntitle = "Caf\xe9"\n')
    assert problems_of(path) == [
        f"{path}:3:13: byte 0xe9 is not valid UTF-8; show files must be saved as UTF-8"
    ]


def test_utf16_refused(tmp_path: Path) -> None:
    path = tmp_path / "wide.toml"
    path.write_bytes(GOOD.format(title="x").encode("utf-16"))
    assert "UTF-16" in problems_of(path)[0]


def test_oversized_file_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: cheap
    (msg,) = problems_of(path)
    assert "limited to 8 MiB" in msg


def test_fifo_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    (msg,) = problems_of(tmp_path)
    assert "not a regular file" in msg


def test_symlink_loop_and_folder_named_toml(tmp_path: Path, write_show: WriteShow) -> None:
    (tmp_path / "loop.toml").symlink_to(tmp_path / "loop.toml")
    (tmp_path / "dir.toml").mkdir()
    write_show(GOOD.format(title="Fine"), "fine.toml")
    lib = build_index([tmp_path])
    assert [s.title for s in lib.shows] == ["Fine"]
    messages = sorted(str(p) for p in lib.problems)
    assert any("dir.toml:1:1: this is a folder" in m for m in messages)
    assert any("loop.toml:1:1: cannot open: a symbolic link loop" in m for m in messages)


def test_folder_symlink_cycle_terminates(tmp_path: Path, write_show: WriteShow) -> None:
    write_show(GOOD.format(title="Once"), "a/show.toml")
    (tmp_path / "a" / "back").symlink_to(tmp_path)
    lib = build_index([tmp_path])
    assert [s.title for s in lib.shows] == ["Once"]


def test_deep_nesting_and_huge_integers(write_show: WriteShow) -> None:
    nested = write_show("format = 1\nx = " + "[" * 3000 + "]" * 3000 + "\n", "nested.toml")
    huge = write_show("format = " + "9" * 6000 + "\n", "huge.toml")
    assert "nested too deeply" in problems_of(nested)[0]
    assert "number is far too long" in problems_of(huge)[0]


def test_duplicate_ids_name_both_files(write_show: WriteShow) -> None:
    a = write_show('format = 1\n[show]\nid = "same"\ntitle = "A"\n', "a.toml")
    b = write_show('format = 1\n[show]\nid = "same"\ntitle = "B"\n', "b.toml")
    lib = build_index([a.parent])
    assert lib.shows == []
    assert len(lib.problems) == 2
    for problem in lib.problems:
        assert problem.line == 3
        assert str(a) in problem.message and str(b) in problem.message


def test_mix_of_good_and_bad_keeps_good(tmp_path: Path, write_show: WriteShow) -> None:
    write_show(GOOD.format(title="Good One"), "good.toml")
    write_show("format = [", "bad1.toml")
    write_show("format = 1\n[show]\ntitle = 3\n", "bad2.toml")
    lib = build_index([tmp_path])
    assert [s.title for s in lib.shows] == ["Good One"]
    assert sorted(p.path.name for p in lib.errors) == ["bad1.toml", "bad2.toml"]


def test_unclosed_marker_is_a_warning(write_show: WriteShow) -> None:
    path = write_show(
        'format = 1\n[show]\ntitle = "x"\n[[reviews]]\n[[reviews.sections]]\n'
        'body = "open ||secret"\n'
    )
    lib = build_index([path])
    assert len(lib.shows) == 1
    (warning,) = lib.warnings
    assert str(warning).startswith(f"{path}:6:1: warning: reviews[0].sections[0].body")
    assert "never closed" in str(warning)


def test_heading_mentioning_spoiler_only_word_warns(write_show: WriteShow) -> None:
    path = write_show(
        'format = 1\n[show]\ntitle = "x"\n[[reviews]]\n[[reviews.sections]]\n'
        'heading = "Why Minho leaves"\nbody = "It is good. ||Minho dies in the end.||"\n'
    )
    (warning,) = build_index([path]).warnings
    assert "'minho'" in warning.message and warning.line == 6


def test_locator_paths() -> None:
    text = (
        'format = 1\n[show]\ntitle = "x"\ncast = [{ name = "a" }, { name = "b" }]\n'
        "[[episodes]]\nnumber = 1\n[[episodes]]\nnumber = 2\n"
        "[[reviews]]\nscores = { story = 4, music = 5 }\n"
        "[[reviews.sections]]\nbody = '''\nkey = 1\n'''\n[[reviews.sections]]\nbody = 'y'\n"
    )
    loc = Locator(text)
    assert loc.find(("show", "title")) == (3, 1)
    assert loc.find(("show", "cast", 1, "name")) == (4, 25)
    assert loc.find(("episodes", 1, "number")) == (8, 1)
    assert loc.find(("reviews", 0, "scores", "music")) == (10, 23)
    assert loc.find(("reviews", 0, "sections", 1, "body")) == (16, 1)
    assert loc.find(("nothing",)) == (1, 1)


LEAKY = """format = 1

[show]
title = "Salt Road"

[[reviews]]
headline = "{headline}"

[[reviews.sections]]
body = "Open words about the road."

[[reviews.sections]]
body = "Min-ji learns the Salt Road Recap Review truth: Dae-ho wrote the letter."
spoiler = true
"""


def test_a_name_only_in_spoilers_shown_in_a_headline_is_a_warning(
    write_show: WriteShow,
) -> None:
    path = write_show(LEAKY.format(headline="Why Dae-ho matters"), "salt-road.toml")
    lib = build_index([path])
    assert [s.id for s in lib.shows] == ["salt-road"]  # a warning, not an error
    [problem] = lib.problems
    assert problem.warning and problem.line == 7
    assert "reviews[0].headline: always visible, but mentions 'dae-ho'" in str(problem)


def test_title_words_and_review_words_in_a_headline_are_no_leak(write_show: WriteShow) -> None:
    headline = "Salt Road – Season 1 Episode 3 Recap & Review"
    path = write_show(LEAKY.format(headline=headline), "salt-road.toml")
    assert problems_of(path) == []
