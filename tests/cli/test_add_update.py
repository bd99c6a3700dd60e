"""`dramatui add --update`: newer facts from TVmaze merged into a file the user has written
in, without a byte of theirs moving."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import respx

from dramatui import locations
from dramatui.__main__ import main
from dramatui.model import ShowFile
from dramatui.sources.tvmaze import RateLimiter

from tvmaze_fake import FakeTVmaze, fixture, json_answer

SHOW_PATH = "/shows/90001?embed[]=episodes&embed[]=cast"

USER_EDITS = {
    # (after this line of the file add wrote) -> the lines the user added
    'network = "Example Broadcasting"': ["score_scale = 10  # I score out of ten"],
    "number = 1": ["score = 8", "# the letter scene: rewatch it"],
    "number = 2": ["score = 7.5"],
}
USER_REVIEW = '''
# My review, written by hand.
[[reviews]]
source = "My notebook"
headline = "Slow, and lovely"
score = 9

[[reviews.sections]]
heading = "So far"
body = """
Quiet.   Two spaces after a full stop, on purpose."""
'''


def old_answer() -> dict[str, object]:
    """The show as TVmaze had it a month ago: 14 episodes, some facts still missing."""
    show = json.loads(fixture("show-90001.json"))
    episodes = show["_embedded"]["episodes"] = show["_embedded"]["episodes"][:14]
    episodes[2]["runtime"] = None
    episodes[4]["name"] = "TBA"
    episodes[5]["summary"] = None
    show["genres"] = ["Drama"]
    return show


@pytest.fixture
def fake() -> Iterator[FakeTVmaze]:
    tv = FakeTVmaze()
    with respx.mock(assert_all_called=False) as router:
        router.route(host="api.tvmaze.com").mock(side_effect=tv.handler)
        yield tv


def user_file(fake: FakeTVmaze) -> tuple[Path, str]:
    """The file `add` wrote a month ago, then edited by the user: scores, comments, a review."""
    fake.overrides[SHOW_PATH] = [json_answer(old_answer())]
    assert main(["add", "--tvmaze", "90001"]) == 0
    folder = locations.user_library()
    assert folder is not None
    path = folder / "harbour-lights.toml"
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        lines.append(line)
        lines.extend(USER_EDITS.get(line, []))
    text = "\n".join(lines) + "\n" + USER_REVIEW
    path.write_bytes(text.encode("utf-8"))
    del fake.overrides[SHOW_PATH]
    return path, text


def test_update_merges_and_keeps_every_byte_the_user_wrote(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]
) -> None:
    path, before = user_file(fake)
    capsys.readouterr()

    assert main(["add", "--update"]) == 0
    out = capsys.readouterr().out
    after = path.read_text(encoding="utf-8")

    assert out.strip() == (
        f"{path}: genres changed; episodes total changed; 2 new episodes (15, 16); "
        "runtime of 1 episode (3); title of 1 episode (5); synopsis of 1 episode (6)"
    )
    # Every line of the old file is still there, in the same order, except the one
    # TVmaze changed (episode 5's title "TBA", and the totals).
    changed = {'title = "TBA"', "episodes_total = 14", 'genres = ["Drama"]'}
    kept = [line for line in before.splitlines() if line not in changed]
    after_lines = after.splitlines()
    position = 0
    for line in kept:
        position = after_lines.index(line, position) + 1
    # the user's review is byte for byte the end of the file
    assert after.endswith(USER_REVIEW)
    # the user's scores and comments are where they were: right after their episode number
    assert 'number = 1\ntitle = "The First Letter"' not in after  # unchanged layout
    assert "number = 1\nscore = 8\n# the letter scene: rewatch it\n" in after
    show = ShowFile.model_validate(tomllib.loads(after))
    assert [ep.number for ep in show.episodes] == list(range(1, 17))
    assert show.episodes[0].score == 8 and show.episodes[1].score == 7.5
    assert show.episodes[2].runtime == 62
    assert show.episodes[4].title == "Ferry Timetable"
    assert show.episodes[5].synopsis is not None
    assert show.show.episodes_total == 16
    assert show.show.score_scale == 10
    assert show.reviews[0].sections[0].body.endswith("on purpose.")
    # new episodes come after the old ones, before the review
    assert after.index("number = 16") < after.index("[[reviews]]")

    # a second update changes nothing and says so
    assert main(["add", "--update", str(path)]) == 0
    assert capsys.readouterr().out.strip() == f"{path}: up to date"
    assert path.read_text(encoding="utf-8") == after


def test_update_never_removes_what_tvmaze_no_longer_has(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]
) -> None:
    path, before = user_file(fake)
    emptier = old_answer()
    for ep in emptier["_embedded"]["episodes"]:  # type: ignore[index]
        ep["runtime"] = None
        ep["summary"] = None
    fake.overrides[SHOW_PATH] = [json_answer(emptier)]
    assert main(["add", "--update", "harbour-lights"]) == 0
    assert capsys.readouterr().out.endswith(": up to date\n")
    assert path.read_text(encoding="utf-8") == before


def test_update_failure_changes_nothing(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]
) -> None:
    path, before = user_file(fake)
    capsys.readouterr()
    fake.overrides[SHOW_PATH] = [json_answer({"id": "not a number"})]
    assert main(["add", "--update"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        f"dramatui: {path}: TVmaze's answer for show 90001 has an unexpected shape"
    )
    assert err.rstrip().endswith("not changed")
    assert path.read_text(encoding="utf-8") == before


def test_update_of_a_file_not_from_tvmaze(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text('format = 1\n[show]\ntitle = "Mine"\n', encoding="utf-8")
    assert main(["add", "--update", str(mine)]) == 1
    assert "did not come from TVmaze" in capsys.readouterr().err


def test_update_with_nothing_from_tvmaze(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["add", "--update"]) == 0
    assert "nothing to update" in capsys.readouterr().out


def test_update_of_many_seasons_asks_once_per_show(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add", "--tvmaze", "90002", "--all-seasons"]) == 0
    fake.requests.clear()
    assert main(["add", "--update"]) == 0
    out = capsys.readouterr().out
    assert out.count(": up to date") == 7
    assert fake.paths() == ["/shows/90002?embed[]=episodes&embed[]=cast"]


def test_the_rate_limiter_keeps_within_twenty_calls_in_ten_seconds() -> None:
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    limiter = RateLimiter(clock=lambda: now[0], sleep=sleep)
    sent: list[float] = []
    for _ in range(200):  # --update of 200 shows
        limiter.wait()
        limiter.record()
        sent.append(now[0])
        now[0] += 0.01  # each request takes a little time
    for i in range(len(sent) - 20):
        assert sent[i + 20] - sent[i] >= 10.0 - 1e-9
    assert sent[-1] < 91  # and no slower than it needs to be: 9 windows after the first


def test_update_progress_bar_on_a_terminal(
    fake: FakeTVmaze, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dramatui import add_command
    from dramatui.sources.tvmaze import TVmaze

    assert main(["add", "--tvmaze", "90002", "--all-seasons"]) == 0
    capsys.readouterr()
    drawn: list[tuple[int, int]] = []
    with TVmaze() as client:
        import io

        code = add_command.update(
            client, [], io.StringIO(), io.StringIO(), progress=lambda d, t: drawn.append((d, t))
        )
    assert code == 0
    assert drawn == [(n, 7) for n in range(1, 8)]


def test_update_keeps_a_byte_order_mark(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]
) -> None:
    path, before = user_file(fake)
    path.write_bytes(b"\xef\xbb\xbf" + before.encode("utf-8"))
    assert main(["add", "--update"]) == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# Facts and episode guide from TVmaze")
    assert b"number = 16" in data
