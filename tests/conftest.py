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
