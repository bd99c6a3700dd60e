"""The format documentation stays true to the models."""

from __future__ import annotations

import re
from pathlib import Path

from dramatui.library import build_index
from dramatui.model import CastMember, Episode, Review, Section, ShowFile, ShowInfo, Source

from helpers import ROOT

DOC = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")


def test_complete_example_loads_cleanly(tmp_path: Path) -> None:
    (example,) = re.findall(r"```toml\n(.*?)```", DOC, flags=re.S)
    path = tmp_path / "harbour-lights.toml"
    path.write_text(example, encoding="utf-8")
    lib = build_index([path])
    assert lib.problems == []
    show = lib.load(lib.shows[0].id)
    assert show.id == "harbour-lights"
    assert len(show.episodes) == 4 and len(show.reviews) == 2
    fields = {name for model in (ShowInfo, Episode, Review, Section) for name in model.model_fields}
    used = set(show.show.model_fields_set) | set(show.episodes[0].model_fields_set)
    used |= set(show.reviews[0].model_fields_set)
    used |= {n for s in show.reviews[0].sections for n in s.model_fields_set}
    assert fields - used == set(), "the complete example uses every field"


def test_every_field_is_documented() -> None:
    for model in (ShowFile, ShowInfo, CastMember, Source, Episode, Review, Section):
        for name in model.model_fields:
            assert f"`{name}`" in DOC, f"{model.__name__}.{name} is not in docs/format.md"


def test_architecture_names_every_module_of_the_data_half_and_the_library() -> None:
    """ARCHITECTURE.md is the map: a module added without a line there is noticed."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    src = ROOT / "src" / "dramatui"
    top = [p.name for p in src.glob("*.py") if p.name != "__init__.py"]
    inner = [p.name for p in (src / "library").glob("*.py") if p.name != "__init__.py"]
    missing = [name for name in [*top, *inner] if f"`{name}`" not in text and name not in text]
    assert missing == []
    for folder in ("library/", "importer/", "app/"):
        assert f"`{folder}`" in text
