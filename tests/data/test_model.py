"""Format 1: the rules of the models, each with a failing case."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from dramatui.model import ConsistencyError, ShowFile, slugify


def show(**parts: object) -> dict[str, object]:
    doc: dict[str, object] = {"format": 1, "show": {"title": "A Show"}}
    doc.update(parts)
    return doc


def test_minimal_show_is_valid() -> None:
    s = ShowFile.model_validate(show())
    assert s.title == "A Show"
    assert s.show.score_scale == 5
    assert s.episodes == [] and s.reviews == []


@pytest.mark.parametrize("fmt", [0, 2, "1", None])
def test_format_must_be_1(fmt: object) -> None:
    with pytest.raises(ValidationError):
        ShowFile.model_validate(show(format=fmt))


@pytest.mark.parametrize("title", ["", "   "])
def test_title_required_non_empty(title: str) -> None:
    with pytest.raises(ValidationError):
        ShowFile.model_validate({"format": 1, "show": {"title": title}})


def test_unknown_key_rejected() -> None:
    with pytest.raises(ValidationError) as info:
        ShowFile.model_validate({"format": 1, "show": {"title": "x", "titel": "y"}})
    assert info.value.errors()[0]["type"] == "extra_forbidden"


@pytest.mark.parametrize("year,ok", [(1900, True), (2100, True), (1899, False), (2101, False)])
def test_year_range(year: int, ok: bool) -> None:
    doc = {"format": 1, "show": {"title": "x", "year": year}}
    if ok:
        assert ShowFile.model_validate(doc).show.year == year
    else:
        with pytest.raises(ValidationError):
            ShowFile.model_validate(doc)


@pytest.mark.parametrize("scale,ok", [(5, True), (10, True), (100, True), (7, False)])
def test_score_scale_values(scale: int, ok: bool) -> None:
    doc = {"format": 1, "show": {"title": "x", "score_scale": scale}}
    if ok:
        ShowFile.model_validate(doc)
    else:
        with pytest.raises(ValidationError):
            ShowFile.model_validate(doc)


def test_score_above_scale_names_the_episode() -> None:
    doc = show(episodes=[{"number": 1, "score": 4}, {"number": 2, "score": 6}])
    with pytest.raises(ValidationError) as info:
        ShowFile.model_validate(doc)
    inner = info.value.errors()[0]["ctx"]["error"]
    assert isinstance(inner, ConsistencyError)
    assert inner.problems == [(("episodes", 1, "score"), "6 is above this show's score_scale of 5")]


def test_float_scores_allowed_on_scale_10() -> None:
    doc = {
        "format": 1,
        "show": {"title": "x", "score_scale": 10},
        "episodes": [{"number": 1, "score": 7.5}],
    }
    assert ShowFile.model_validate(doc).episodes[0].score == 7.5


def test_negative_score_rejected() -> None:
    with pytest.raises(ValidationError):
        ShowFile.model_validate(show(episodes=[{"number": 1, "score": -1}]))


def test_duplicate_episode_numbers_rejected() -> None:
    with pytest.raises(ValidationError) as info:
        ShowFile.model_validate(show(episodes=[{"number": 2}, {"number": 2}]))
    assert "listed twice" in str(info.value)


def test_episode_number_at_least_1() -> None:
    with pytest.raises(ValidationError):
        ShowFile.model_validate(show(episodes=[{"number": 0}]))


def test_episodes_total_at_least_highest_number() -> None:
    doc = {"format": 1, "show": {"title": "x", "episodes_total": 2}, "episodes": [{"number": 3}]}
    with pytest.raises(ValidationError) as info:
        ShowFile.model_validate(doc)
    assert "below the highest episode number, 3" in str(info.value)


@pytest.mark.parametrize(
    "url,ok",
    [
        ("https://example.org/review", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("ftp://example.org", False),
        ("https://", False),
        ("https://exa mple.org", False),
        ("https://example.org/\x7f", False),
        ("https://example.org/\x85", False),
        ("https://example.org/\u202egpj.exe", False),
        ("https://example.org/\u00a0", False),
        ("https://example.org/[@click=app.quit]q[/]", True),
    ],
)
def test_review_url_http_only(url: str, ok: bool) -> None:
    doc = show(reviews=[{"url": url}])
    if ok:
        ShowFile.model_validate(doc)
    else:
        with pytest.raises(ValidationError):
            ShowFile.model_validate(doc)


def test_sub_scores_use_the_show_scale() -> None:
    doc = show(reviews=[{"scores": {"story": 4, "music": 9}}])
    with pytest.raises(ValidationError) as info:
        ShowFile.model_validate(doc)
    assert "reviews[0].scores.music" in str(info.value)


def test_section_body_required() -> None:
    with pytest.raises(ValidationError):
        ShowFile.model_validate(show(reviews=[{"sections": [{"heading": "h"}]}]))


def test_spoils_cannot_pass_last_episode() -> None:
    doc = show(
        episodes=[{"number": 1}, {"number": 2}],
        reviews=[{"sections": [{"body": "x", "spoils": 3}]}],
    )
    with pytest.raises(ValidationError) as info:
        ShowFile.model_validate(doc)
    assert "past the show's last episode, 2" in str(info.value)


def test_covers_cannot_pass_last_episode() -> None:
    doc = show(episodes=[{"number": 1}], reviews=[{"covers": 5}])
    with pytest.raises(ValidationError):
        ShowFile.model_validate(doc)


def test_dates_are_dates() -> None:
    doc = show(episodes=[{"number": 1, "aired": dt.date(2022, 3, 23)}])
    assert ShowFile.model_validate(doc).episodes[0].aired == dt.date(2022, 3, 23)
    with pytest.raises(ValidationError):
        ShowFile.model_validate(show(episodes=[{"number": 1, "aired": "soon"}]))


def test_models_are_frozen() -> None:
    s = ShowFile.model_validate(show())
    with pytest.raises(ValidationError):
        s.show.title = "other"  # type: ignore[misc]


def test_id_defaults_to_slug_when_built_in_code() -> None:
    assert ShowFile.model_validate(show()).id == "a-show"
    assert slugify("Soundtrack #1") == "soundtrack-1"
    assert slugify("!!!") == "show"
