"""`dramatui add` end to end against a real HTTP server on 127.0.0.1 serving the fixtures:
sockets, headers, a 429 with Retry-After, and the on-disk cache, all for real."""

from __future__ import annotations

import tomllib

import pytest

from dramatui import locations
from dramatui.__main__ import main
from dramatui.model import ShowFile

from tvmaze_fake import Answer, FakeTVmaze, fixture, serve, too_many


def test_add_from_a_real_local_server(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = FakeTVmaze(cache_control="public, max-age=3600")
    show = "/shows/90001?embed[]=episodes&embed[]=cast"
    fake.overrides[show] = [
        too_many("1"),
        Answer(
            200,
            fixture("show-90001.json"),
            {"Content-Type": "application/json", "Cache-Control": "public, max-age=3600"},
        ),
    ]
    with serve(fake) as url:
        monkeypatch.setenv("DRAMATUI_TVMAZE_URL", url)
        assert main(["add", "harbour lights", "--pick", "1"]) == 0
        out, err = capsys.readouterr()
        library = locations.user_library()
        assert library is not None
        path = library / "harbour-lights.toml"
        assert out.strip() == f"wrote {path}"
        assert "TVmaze asks to slow down (429); trying again in 1." in err
        loaded = ShowFile.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
        assert loaded.show.episodes_total == 16

        # every request named dramatui and its version, and asked for JSON
        for _target, headers in fake.requests:
            assert headers["user-agent"].startswith("dramatui/")
            assert headers["accept"] == "application/json"
        asked = fake.paths()
        assert asked[0] == "/search/shows?q=harbour lights"
        assert asked.count(show) == 2  # the 429, then the answer

        # the answers are cached on disk by their Cache-Control: a second run asks nothing
        cache = locations.http_cache()
        assert cache is not None and any(cache.iterdir())
        fake.requests.clear()
        assert main(["add", "--tvmaze", "90001", "-o", "-"]) == 0
        again = ShowFile.model_validate(tomllib.loads(capsys.readouterr().out))
        assert again == loaded
        assert fake.requests == []


def test_a_refused_connection_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("DRAMATUI_TVMAZE_URL", f"http://127.0.0.1:{port}")
    assert main(["add", "--tvmaze", "90001"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"dramatui: error: cannot reach TVmaze at http://127.0.0.1:{port} (")
    assert err.endswith("): are you online?\n") and err.count("\n") == 1
    library = locations.user_library()
    assert library is None or not library.exists()
