"""The house plan, checked: the data half never imports Textual, and nothing outside
``dramatui.library`` reaches past its front door (``library/__init__.py``)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import dramatui.library

from helpers import ROOT

SRC = ROOT / "src" / "dramatui"


def data_modules() -> list[str]:
    """Every module of the program except the screen half (``dramatui.app``)."""
    names = []
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        if parts[1:2] == ("app",):
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_the_data_modules_are_found() -> None:
    names = data_modules()
    assert {"dramatui.model", "dramatui.library.index", "dramatui.importer.scan"} <= set(names)
    assert not [n for n in names if n.startswith("dramatui.app")]


def test_data_half_never_imports_textual() -> None:
    code = (
        "import sys, importlib\n"
        f"for name in {data_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def imported_modules(path: Path) -> set[str]:
    """Every module *path* imports (absolute names; ``from a import b`` gives a and a.b)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_nothing_outside_the_library_imports_its_inner_modules() -> None:
    inner = {f"dramatui.library.{p.stem}" for p in (SRC / "library").glob("*.py")}
    inner.discard("dramatui.library.__init__")
    outside = [p for p in SRC.rglob("*.py") if "library" not in p.relative_to(SRC).parts]
    outside += sorted((ROOT / "bench").glob("*.py"))
    reaching = {
        str(p.relative_to(ROOT)): sorted(imported_modules(p) & inner)
        for p in outside
        if imported_modules(p) & inner
    }
    assert reaching == {}


def test_the_front_door_gives_every_name_it_lists() -> None:
    for name in dramatui.library.__all__:
        assert getattr(dramatui.library, name) is not None


def test_no_front_door_name_is_also_a_module_name() -> None:
    """``from dramatui.library import x`` must give the name, never a module of that name."""
    modules = {p.stem for p in (SRC / "library").glob("*.py")}
    assert set(dramatui.library.__all__) & modules == set()
