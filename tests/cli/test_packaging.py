"""Packaging: the bundled data ships in the wheel and is found from a checkout and a wheel;
the code passes ruff and mypy. (That the data half never imports Textual:
tests/data/test_layout.py.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dramatui.locations import bundled_data

from helpers import DATA, ROOT


def test_checkout_finds_data() -> None:
    assert bundled_data() == DATA
    assert (bundled_data() / "soundtrack-1.toml").is_file()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    (path,) = out.glob("dramatui-*.whl")
    return path


def test_wheel_contains_data_styles_and_entry_point(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "dramatui/data/soundtrack-1.toml" in names
    assert "dramatui/py.typed" in names
    assert any(n.endswith("entry_points.txt") for n in names)
    for tcss in (ROOT / "src").rglob("*.tcss"):
        assert str(tcss.relative_to(ROOT / "src")) in names


def test_installed_wheel_finds_its_data(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    env = {**os.environ, "PYTHONPATH": str(target), "XDG_DATA_HOME": str(tmp_path / "x")}
    env.pop("DRAMATUI_LIBRARY", None)
    code = "import dramatui.locations as l; print(l.__file__); print(l.bundled_data())"
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    module, data = proc.stdout.split()
    assert module.startswith(str(target))
    assert Path(data) == target / "dramatui" / "data"
    check = subprocess.run(
        [sys.executable, "-m", "dramatui", "check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout == "1 show ok\n"


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed; install the test extras: pip install -e '.[test]'")
    return found


@pytest.mark.parametrize(
    "argv",
    [
        ["ruff", "check", "src", "tests", "bench"],
        ["ruff", "format", "--check", "src", "tests", "bench"],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_static_checks(argv: list[str]) -> None:
    args = [_tool(argv[0]), *argv[1:]]
    args = [a for a in args if a != "bench" or (ROOT / "bench").is_dir()]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
