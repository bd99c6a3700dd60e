"""Shared test helpers."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def write_show(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a show file into tmp_path and return its path."""

    def write(text: str, name: str = "show.toml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def _own_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own XDG folders: no test reads or writes the user's real
    library, state or cache (subprocesses inherit the environment)."""
    base = tmp_path_factory.mktemp("xdg")
    for var in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(base / var.lower()))
    for var in ("DRAMATUI_LIBRARY", "DRAMATUI_STATE"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def browser_opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The addresses the app asked a web browser to open (none is really opened)."""
    opened: list[str] = []

    def open_url(url: str, *args: object, **kwargs: object) -> bool:
        opened.append(url)
        return True  # as webbrowser.open says when a browser took the address

    monkeypatch.setattr("webbrowser.open", open_url)
    return opened
