"""`dramatui add`: from TVmaze's answers (our JSON fixtures through httpx's mock transport,
respx) to show files; every failure one line, an exit code, and nothing written."""

from __future__ import annotations

import datetime as dt
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import respx

from dramatui import locations
from dramatui.__main__ import main
from dramatui.model import ShowFile

from tvmaze_fake import API, Answer, FakeTVmaze, fixture, json_answer, too_many


@pytest.fixture
def fake() -> Iterator[FakeTVmaze]:
    tv = FakeTVmaze()
    with respx.mock(assert_all_called=False) as router:
        router.route(host="api.tvmaze.com").mock(side_effect=tv.handler)
        yield tv


@pytest.fixture
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits asked for (a retry after 429), without waiting."""
    waits: list[float] = []
    monkeypatch.setattr(time, "sleep", waits.append)
    return waits


def library() -> Path:
    folder = locations.user_library()
    assert folder is not None
    return folder


def written() -> list[str]:
    folder = library()
    return sorted(p.name for p in folder.rglob("*")) if folder.exists() else []


def load(path: Path) -> ShowFile:
    return ShowFile.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["add", *args])
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------------------
# What is written


def test_one_season_kdrama_by_tvmaze_id(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["--tvmaze", "90001"], capsys)
    assert code == 0, err
    path = library() / "harbour-lights.toml"
    assert f"wrote {path}" in out
    assert "CC BY-SA 4.0" in err
    show = load(path)
    info = show.show
    assert info.id == "harbour-lights"
    assert info.title == "Harbour Lights"
    assert info.original_title == "항구의 불빛"
    assert (info.year, info.country) == (2023, "Korea, Republic of")
    assert info.network == "Example Broadcasting"
    assert info.genres == ["Drama", "Romance"]
    assert info.episodes_total == 16
    cast = [(c.name, c.role) for c in info.cast]
    assert cast[:2] == [("Kim Ha-neul", "Seo-yeon"), ("Park Joon", "Min-ho")]
    # HTML summary -> plain paragraphs: tags and entities gone, paragraphs kept
    assert info.synopsis == (
        "Harbour Lights follows a ferry pilot and a lighthouse keeper who trade letters "
        "across one winter.\n\nBased on a webtoon – adapted for TV."
    )
    assert [ep.number for ep in show.episodes] == list(range(1, 17))
    first = show.episodes[0]
    assert (first.title, first.aired) == ("The First Letter", dt.date(2023, 1, 6))
    assert first.runtime == 62
    assert first.synopsis == "Episode 1: the letters go on & the winter deepens.\n\nSeo-yeon waits."
    # TVmaze's rating is not the reviewer's score
    assert all(ep.score is None for ep in show.episodes)
    text = path.read_text(encoding="utf-8")
    assert "8.1" not in text and "7.9" not in text and "score =" not in text
    # the source and the attribution are in the file
    assert info.source is not None
    assert (info.source.name, info.source.id, info.source.season) == ("TVmaze", 90001, 1)
    assert info.source.url == "https://www.tvmaze.com/shows/90001/harbour-lights"
    assert info.source.licence == "CC BY-SA 4.0"
    assert text.startswith(
        "# Facts and episode guide from TVmaze (https://www.tvmaze.com/shows/90001"
    )
    # one request for the show with episodes and cast, one for its other names
    assert fake.paths() == [
        "/shows/90001?embed[]=episodes&embed[]=cast",
        "/shows/90001/akas",
    ]


def test_the_written_file_passes_check(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--tvmaze", "90001"], capsys)[0] == 0
    assert main(["check", "--strict", str(library())]) == 0


def test_search_with_one_match_writes_it(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(["Harbour", "Lights", "2023"], capsys)
    assert code == 0
    assert written() == ["harbour-lights.toml"]
    assert fake.paths()[0] == "/search/shows?q=Harbour Lights 2023"


def test_several_matches_without_a_terminal_lists_them_and_writes_nothing(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["harbour lights"], capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        " 1. Harbour Lights · 2023 · Korea, Republic of · Example Broadcasting · 16 episodes"
        " · TVmaze 90001"
    )
    assert lines[1].startswith(" 2. Harbour Lights · 1998 · United Kingdom · Example One · ")
    assert lines[1].endswith("TVmaze 90004")
    assert lines[2].startswith(" 3. Harbour Lights After Dark · year unknown · Example Stream")
    assert err.strip() == (
        "dramatui: error: 3 shows match 'harbour lights'; choose one with --pick N or --tvmaze ID"
    )
    assert written() == []


def test_pick_chooses_a_match(fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["harbour lights", "--pick", "1"], capsys)
    assert code == 0, err
    assert written() == ["harbour-lights.toml"]


def test_pick_out_of_range_is_a_usage_error(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["harbour lights", "--pick", "7"], capsys)
    assert code == 2
    assert "--pick 7: the search found 3 matches" in err
    assert written() == []


def test_on_a_terminal_it_asks_which_one(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["9", "1"])  # out of range: asked again
    prompts: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("dramatui.add_command._asker", lambda: ask)
    code, _, err = run(["harbour lights"], capsys)
    assert code == 0, err
    assert prompts == ["Which one? [1-3, q to quit] "] * 2
    assert written() == ["harbour-lights.toml"]


def test_imdb_lookup_follows_the_redirect(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["--imdb", "tt9000001"], capsys)
    assert code == 0, err
    assert written() == ["harbour-lights.toml"]
    assert fake.paths()[:2] == ["/lookup/shows?imdb=tt9000001", "/shows/90001"]


def test_imdb_id_not_found(fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["--imdb", "tt0000404"], capsys)
    assert (code, err) == (1, "dramatui: error: TVmaze has no IMDb id tt0000404 (404)\n")


def test_bad_imdb_id_is_a_usage_error(fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["--imdb", "0944947"], capsys)
    assert code == 2
    assert "not an IMDb id" in err
    assert fake.requests == []


def test_no_match(fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["zzz"], capsys)
    assert (code, err) == (1, "dramatui: error: TVmaze has no show matching 'zzz'\n")


# ---------------------------------------------------------------------------
# Seasons and specials


def test_several_seasons_without_a_terminal_need_a_choice(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["--tvmaze", "90002"], capsys)
    assert code == 1
    assert err == (
        "dramatui: error: 'The Long Night' has 7 seasons (1, 2, 3, 4, 5, 6, 7); "
        "choose with --season N or --all-seasons\n"
    )
    assert written() == []


def test_one_season_of_many(fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["--tvmaze", "90002", "--season", "7"], capsys)
    assert code == 0, err
    show = load(library() / "the-long-night-s7.toml")
    assert show.show.id == "the-long-night-s7"
    assert show.show.title == "The Long Night — Season 7"
    assert show.show.year == 2014
    assert [ep.number for ep in show.episodes] == list(range(1, 11))
    assert show.episodes[0].title == "Night 7.1"
    assert show.show.source is not None and show.show.source.season == 7
    assert not any("Special" in (ep.title or "") for ep in show.episodes)


def test_all_seasons_one_file_each(fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--tvmaze", "90002", "--all-seasons"], capsys)
    assert code == 0
    assert written() == [f"the-long-night-s{n}.toml" for n in range(1, 8)]
    assert out.count("wrote ") == 7


def test_specials_listed_after_the_seasons_episodes(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["--tvmaze", "90002", "--season", "2", "--specials"], capsys)
    assert code == 0, err
    show = load(library() / "the-long-night-s2.toml")
    assert len(show.episodes) == 13
    assert show.episodes[-1].number == 13
    assert show.episodes[-1].title == "Special: Behind the Night 2"
    assert show.show.source is not None and show.show.source.specials
    assert "/shows/90002/episodes?specials=1" in fake.paths()


def test_no_such_season(fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["--tvmaze", "90002", "--season", "9"], capsys)
    assert code == 1
    assert "'The Long Night' has no season 9 (seasons: 1, 2, 3, 4, 5, 6, 7)" in err
    assert written() == []


def test_missing_dates_and_runtimes(fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["--tvmaze", "90003"], capsys)
    assert code == 0, err
    show = load(library() / "quiet-valley.toml")
    one, two, three = show.episodes
    assert (one.aired, one.runtime) == (dt.date(2025, 4, 2), 48)
    assert (two.title, two.aired, two.runtime, two.synopsis) == ("TBA", None, None, None)
    assert (three.title, three.synopsis) == (None, None)
    assert show.show.year == 2025  # from the first episode: the show has no premiere date
    assert show.show.network == "Example Stream" and show.show.country is None


# ---------------------------------------------------------------------------
# Never overwrite, never a second show with the same id


def test_never_overwrites_a_file(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "mine.toml"
    target.write_text("mine", encoding="utf-8")
    code, _, err = run(["--tvmaze", "90001", "-o", str(target)], capsys)
    assert code == 1
    assert "already exists; nothing written" in err
    assert target.read_text(encoding="utf-8") == "mine"


def test_an_id_already_in_the_library_is_refused(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(["--tvmaze", "90001"], capsys)[0] == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code, _, err = run(["--tvmaze", "90001", "-o", str(elsewhere)], capsys)
    assert code == 1
    assert "a show with the id 'harbour-lights' is already in your library" in err
    assert "dramatui add --update" in err
    assert list(elsewhere.iterdir()) == []


def test_output_to_a_named_file_and_to_stdout(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, _ = run(["--tvmaze", "90003", "-o", str(tmp_path / "valley.toml")], capsys)
    assert code == 0
    assert load(tmp_path / "valley.toml").show.id == "valley"
    code, out, _ = run(["--tvmaze", "90003", "-o", "-"], capsys)
    assert code == 0
    assert ShowFile.model_validate(tomllib.loads(out)).show.title == "Quiet Valley"


# ---------------------------------------------------------------------------
# Every failure: one line, an exit code, nothing written


def fail(fake: FakeTVmaze, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code, _, err = run(list(args or ["--tvmaze", "90001"]), capsys)
    assert written() == []
    assert len(err.splitlines()) == 1, err
    return code, err.strip()


def test_show_not_found(fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]) -> None:
    assert fail(fake, capsys, "--tvmaze", "12345") == (
        1,
        "dramatui: error: TVmaze has no show 12345 (404)",
    )


def test_server_error(fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]) -> None:
    fake.overrides["/shows/90001?embed[]=episodes&embed[]=cast"] = [Answer(503, b"down")]
    assert fail(fake, capsys) == (
        1,
        "dramatui: error: TVmaze failed to answer for show 90001 (503 Service Unavailable); "
        "try again later",
    )


def test_not_json(fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]) -> None:
    fake.overrides["/shows/90001?embed[]=episodes&embed[]=cast"] = [
        Answer(200, fixture("not-json.txt"), {"Content-Type": "text/html"})
    ]
    assert fail(fake, capsys) == (1, "dramatui: error: TVmaze's answer for show 90001 is not JSON")


def test_wrong_shape(fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = fail(fake, capsys, "--tvmaze", "90007")
    assert code == 1
    assert err.startswith(
        "dramatui: error: TVmaze's answer for show 90007 has an unexpected shape "
        "(at _embedded.episodes:"
    )


def test_wrong_shape_of_a_search(fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]) -> None:
    fake.overrides["/search/shows?q=x"] = [json_answer({"shows": []})]
    code, err = fail(fake, capsys, "x")
    assert code == 1
    assert "TVmaze's answer for the search has an unexpected shape" in err


def test_too_large(fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]) -> None:
    body = b"[" + b" " * (8 * 1024 * 1024) + b"]"
    fake.overrides["/search/shows?q=big"] = [Answer(200, body)]
    assert fail(fake, capsys, "big") == (
        1,
        "dramatui: error: TVmaze's answer for the search is larger than 8 MiB; refused",
    )


def test_no_episodes(fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]) -> None:
    assert fail(fake, capsys, "--tvmaze", "90006") == (
        1,
        "dramatui: error: TVmaze lists no episodes for 'Empty Show'; nothing written",
    )


def test_rate_limited_then_answered(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str], slept: list[float]
) -> None:
    path = "/shows/90001?embed[]=episodes&embed[]=cast"
    fake.overrides[path] = [too_many("2"), too_many(None), Answer(200, fixture("show-90001.json"))]
    code, _, err = run(["--tvmaze", "90001"], capsys)
    assert code == 0
    notes = err.splitlines()[:2]
    assert notes[0].startswith("dramatui: TVmaze asks to slow down (429); trying again in 2.")
    assert notes[0].endswith("s (try 2 of 4)")
    assert "(try 3 of 4)" in notes[1]
    assert 2.0 <= slept[0] <= 2.5  # Retry-After, plus jitter
    assert 2.0 <= slept[1] <= 3.0  # no Retry-After: backoff 2 s on the second try, plus jitter
    assert written() == ["harbour-lights.toml"]


def test_rate_limited_after_every_try(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str], slept: list[float]
) -> None:
    fake.overrides["/shows/90001?embed[]=episodes&embed[]=cast"] = [too_many("1")]
    code, _, err = run(["--tvmaze", "90001"], capsys)
    assert code == 1
    assert err.splitlines()[-1] == (
        "dramatui: error: TVmaze is still refusing requests (429, too many) after 4 tries; "
        "wait a minute and try again"
    )
    assert len(slept) == 3
    assert written() == []


def test_no_network(capsys: pytest.CaptureFixture[str]) -> None:
    fake_error = httpx.ConnectError("[Errno 101] Network is unreachable")
    with respx.mock() as router:
        router.route().mock(side_effect=fake_error)
        code, err = fail(FakeTVmaze(), capsys)
    assert code == 1
    assert err == (
        "dramatui: error: cannot reach TVmaze at https://api.tvmaze.com "
        "([Errno 101] Network is unreachable): are you online?"
    )


def test_dns_failure(capsys: pytest.CaptureFixture[str]) -> None:
    with respx.mock() as router:
        router.route().mock(side_effect=httpx.ConnectError("[Errno -2] Name or service not known"))
        code, err = fail(FakeTVmaze(), capsys)
    assert (code, err) == (
        1,
        "dramatui: error: cannot find api.tvmaze.com (DNS lookup failed): are you online?",
    )


def test_timeout(capsys: pytest.CaptureFixture[str]) -> None:
    with respx.mock() as router:
        router.route().mock(side_effect=httpx.ReadTimeout("timed out"))
        code, err = fail(FakeTVmaze(), capsys)
    assert (code, err) == (
        1,
        "dramatui: error: TVmaze did not answer within 15 s (https://api.tvmaze.com); "
        "try again later",
    )


def test_markup_and_escape_sequences_in_every_field_are_made_harmless(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]
) -> None:
    """Escape sequences and control characters are removed (the one sanitiser); markup is
    kept as the plain text it is (the screen draws it as text)."""
    code, out, err = run(["--tvmaze", "90008"], capsys)
    assert code == 0, err
    path = library() / "escaped-bold-red-show.toml"
    text = path.read_text(encoding="utf-8")
    for bad in ("\x1b", "\x07", "\x9b", "\x00", "\\u001b", "\\u0007", "\\u0000"):
        assert bad not in text and bad not in out and bad not in err
    show = load(path)
    assert show.show.title == "Escaped [bold red]Show[/]"
    assert show.show.genres == ["Drama"]
    assert show.show.network == "Network"
    assert show.show.synopsis == "Summary with a link and [link=https://x]markup[/link]."
    assert show.episodes[0].title == "One [i]x[/i]"
    assert show.episodes[0].synopsis == "Clear screen"
    assert [(c.name, c.role) for c in show.show.cast] == [("Actor", "Role")]


def test_the_client_sends_a_user_agent_with_our_version(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]
) -> None:
    from importlib.metadata import version

    assert run(["--tvmaze", "90003"], capsys)[0] == 0
    agent = fake.requests[0][1]["user-agent"]
    assert agent.startswith(f"dramatui/{version('dramatui')} ")


def test_help_names_the_source_and_its_licence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["add", "--help"]) == 0
    out = capsys.readouterr().out
    assert "TVmaze" in out and "CC BY-SA 4.0" in out and "--update" in out


def test_nothing_to_search_for_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([], capsys)
    assert code == 2
    assert "give words of the title to search for" in err


def test_api_url_from_the_environment_must_be_http(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DRAMATUI_TVMAZE_URL", "file:///etc")
    code, _, err = run(["--tvmaze", "1"], capsys)
    assert code == 2
    assert "DRAMATUI_TVMAZE_URL is not an http(s) URL" in err


def test_api_default(fake: FakeTVmaze) -> None:
    assert API == "https://api.tvmaze.com"


def test_on_a_terminal_it_asks_which_season(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["2"])
    monkeypatch.setattr("dramatui.add_command._asker", lambda: lambda _prompt: next(answers))
    code, out, err = run(["--tvmaze", "90002"], capsys)
    assert code == 0, err
    assert "  season 7: 10 episodes" in out
    assert written() == ["the-long-night-s2.toml"]


def test_on_a_terminal_a_for_all_seasons_and_q_for_none(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("dramatui.add_command._asker", lambda: lambda _prompt: "q")
    code, _, err = run(["--tvmaze", "90002"], capsys)
    assert (code, err) == (1, "dramatui: error: nothing chosen; nothing written\n")
    assert written() == []
    monkeypatch.setattr("dramatui.add_command._asker", lambda: lambda _prompt: "a")
    assert run(["--tvmaze", "90002"], capsys)[0] == 0
    assert len(written()) == 7


def test_answers_without_caching_headers_are_asked_for_again(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--tvmaze", "90003", "-o", "-"], capsys)[0] == 0
    assert run(["--tvmaze", "90003", "-o", "-"], capsys)[0] == 0
    assert fake.paths().count("/shows/90003?embed[]=episodes&embed[]=cast") == 2


def test_answers_with_caching_headers_are_not(
    fake: FakeTVmaze, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.cache_control = "max-age=600"
    assert run(["--tvmaze", "90003", "-o", "-"], capsys)[0] == 0
    assert run(["--tvmaze", "90003", "-o", "-"], capsys)[0] == 0
    assert fake.paths().count("/shows/90003?embed[]=episodes&embed[]=cast") == 1


def test_an_unusable_cache_folder_is_said_and_skipped(
    fake: FakeTVmaze,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    code, _, err = run(["--tvmaze", "90003"], capsys)
    assert code == 0
    assert err.startswith(f"dramatui: cannot keep an HTTP cache in {blocker}/dramatui/http (")
    assert written() == ["quiet-valley.toml"]


def test_the_update_progress_bar_draws_on_a_terminal_only() -> None:
    import io

    from dramatui.add_command import _bar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert _bar(io.StringIO(), 200) is None
    stream = Terminal()
    bar = _bar(stream, 200)
    assert bar is not None
    bar(50, 200)
    assert stream.getvalue() == "\rupdating [#######.......................] 50/200 shows"
    bar.clear()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_retry_after_as_seconds_or_an_http_date() -> None:
    import datetime as dt
    import email.utils

    from dramatui.sources.tvmaze import _retry_after

    assert _retry_after("3") == 3.0
    assert _retry_after("") is None
    assert _retry_after("soon") is None
    assert _retry_after("nan") is None
    assert _retry_after("-5") == 0.0
    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=20)
    waited = _retry_after(email.utils.format_datetime(later, usegmt=True))
    assert waited is not None and 18 <= waited <= 20
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: no wait
