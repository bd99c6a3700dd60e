"""Show file format 1: the Pydantic models are the single source of truth.

The JSON Schema printed by ``dramatui schema``, the loader and the checker all come
from these classes. Field docstrings become schema descriptions.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from dramatui.format_rules import format_score, http_url_problem

FORMAT_VERSION = 1
"""The only show file format this version of dramatui reads and writes."""

Score = Annotated[float, Field(ge=0)]
"""A score on the show's ``score_scale``; ints and floats are both accepted."""


class ConsistencyError(ValueError):
    """Several cross-field problems, each with the path of the value at fault.

    Raised from a model validator: Pydantic keeps the exception in the error's
    context, so the loader can report each problem at its own place in the file.
    """

    def __init__(self, problems: list[tuple[tuple[str | int, ...], str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{dotted(loc)}: {msg}" for loc, msg in problems))


def dotted(loc: tuple[str | int, ...]) -> str:
    """A value's path as people read it: ``reviews[0].sections[2].body``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class _Model(BaseModel):
    # use_attribute_docstrings: the docstring under each field is its schema description.
    # defer_build: the validators are built at the first validation (a show read in a
    # worker, after the first frame is under way), not at import.
    model_config = ConfigDict(
        frozen=True, extra="forbid", defer_build=True, use_attribute_docstrings=True
    )


class CastMember(_Model):
    """One person in the cast."""

    name: str = Field(min_length=1)
    """The actor's name."""
    role: str | None = None
    """The character they play."""


class Source(_Model):
    """Where the show's facts and episode guide came from (written by ``dramatui add``)."""

    name: str = Field(min_length=1)
    """The source's name, e.g. "TVmaze"."""
    id: int | None = Field(default=None, ge=1)
    """The show's id at the source (``dramatui add --update`` fetches it again)."""
    url: str | None = None
    """The show's page at the source; http or https only."""
    licence: str | None = None
    """The licence of the data taken from the source, e.g. "CC BY-SA 4.0"."""
    season: int | None = Field(default=None, ge=0)
    """The source's season this file holds (one season per file)."""
    specials: bool = False
    """The source's specials of that season are listed after its episodes."""

    @field_validator("url")
    @classmethod
    def _http_only(cls, value: str | None) -> str | None:
        if value is not None and (problem := http_url_problem(value)):
            raise ValueError(problem)
        return value


class ShowInfo(_Model):
    """Facts about the show. Everything here is always visible, so it must not spoil."""

    id: str | None = Field(default=None, min_length=1, max_length=200)
    """Stable identifier that keys watch progress; defaults to the file name's stem."""
    title: str = Field(min_length=1)
    """The show's title."""
    original_title: str | None = None
    """The title in the original language."""
    year: int | None = Field(default=None, ge=1900, le=2100)
    """Year of first broadcast."""
    country: str | None = None
    """Country of production."""
    network: str | None = None
    """Broadcaster or streaming service."""
    genres: list[str] = Field(default_factory=list)
    """Genres, e.g. ["Romance", "Music"]."""
    episodes_total: int | None = Field(default=None, ge=1, le=10000)
    """Number of episodes in the show; at least the highest episode number listed."""
    score_scale: Literal[5, 10, 100] = 5
    """The scale of every score in this file: 5, 10 or 100."""
    synopsis: str | None = None
    """Spoiler-free synopsis of the show; always visible."""
    cast: list[CastMember] = Field(default_factory=list)
    """Main cast."""
    directors: list[str] = Field(default_factory=list)
    """Who directed the show."""
    writers: list[str] = Field(default_factory=list)
    """Who wrote the show."""
    source: Source | None = None
    """Where the facts and episodes came from, and under which licence."""

    @field_validator("title")
    @classmethod
    def _title_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the title is blank")
        return value


class Episode(_Model):
    """One episode in the guide."""

    number: int = Field(ge=1, le=10000)
    """Episode number, unique within the show, starting at 1."""
    title: str | None = None
    """Episode title."""
    aired: dt.date | None = None
    """Date of first broadcast (a TOML date, e.g. 2022-03-23)."""
    runtime: int | None = Field(default=None, ge=1, le=1000)
    """Running time in minutes."""
    score: Score | None = None
    """Score on the show's score_scale."""
    synopsis: str | None = None
    """What happens in the episode. Hidden for episodes after the first unwatched one."""


class Section(_Model):
    """A part of a review: a heading and paragraphs of prose."""

    heading: str | None = None
    """Section heading; always visible."""
    body: str
    """The prose; paragraphs are separated by a blank line.

    Inline spoilers: ||text|| or >!text!<."""
    spoils: int | None = Field(default=None, ge=1, le=10000)
    """This section spoils episodes up to this number: hidden until they are watched."""
    spoiler: bool = False
    """This section spoils the whole show: hidden until the last episode is watched."""


class Review(_Model):
    """A review of the whole series or of one episode."""

    source: str | None = None
    """Publication or site."""
    author: str | None = None
    """Who wrote the review."""
    url: str | None = None
    """Where the review was published; http or https only."""
    published: dt.date | None = None
    """Date of publication (a TOML date)."""
    headline: str | None = None
    """Headline; always visible."""
    covers: int = Field(default=0, ge=0, le=10000)
    """0 for the whole series (the default), N for episode N only."""
    score: Score | None = None
    """Overall score on the show's score_scale."""
    scores: dict[str, Score] = Field(default_factory=dict)
    """Sub-scores on the show's score_scale, e.g. { story = 4, music = 5 }."""
    sections: list[Section] = Field(default_factory=list)
    """The review's text, in order."""

    @field_validator("url")
    @classmethod
    def _http_only(cls, value: str | None) -> str | None:
        if value is None:
            return value
        problem = http_url_problem(value)
        if problem:
            raise ValueError(problem)
        return value


class ShowFile(_Model):
    """One show file: format version, show facts, episode guide and reviews."""

    format: Literal[1]
    """File format version; must be 1."""
    show: ShowInfo
    """Facts about the show."""
    episodes: list[Episode] = Field(default_factory=list)
    """The episode guide."""
    reviews: list[Review] = Field(default_factory=list)
    """Reviews, in the order they are read."""

    @property
    def id(self) -> str:
        """The show's id (the loader fills it from the file name when absent)."""
        return self.show.id or slugify(self.show.title)

    @property
    def title(self) -> str:
        return self.show.title

    @property
    def last_episode(self) -> int:
        """The number of the show's last episode (0 when nothing is known)."""
        highest = max((ep.number for ep in self.episodes), default=0)
        return max(highest, self.show.episodes_total or 0)

    @model_validator(mode="after")
    def _consistent(self) -> ShowFile:
        problems = consistency_problems(self)
        if problems:
            raise ConsistencyError(problems)
        return self


def _get(obj: Any, name: str) -> Any:
    """A field of a model, or a key of the same table read from a file (None if absent)."""
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def _number(value: Any) -> float | None:
    """A score-like number, or None for anything else (a wrong type is a field error)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _tables(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def consistency_problems(show: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """The cross-field rules, each broken one with the path of the value at fault.

    *show* is a :class:`ShowFile` or the same data as read from a file: the checker runs
    these rules on the data too when some field is wrong, so one run reports every
    problem (values of a wrong type are left to the field rules).
    """
    problems: list[tuple[tuple[str | int, ...], str]] = []
    info = _get(show, "show")
    scale = _get(info, "score_scale") if info is not None else None
    scale = scale if scale in (5, 10, 100) else (5 if scale is None else None)

    def above_scale(value: Any) -> str | None:
        number = _number(value)
        if scale is None or number is None or number <= scale:
            return None
        return f"{format_score(number)} is above this show's score_scale of {scale}"

    seen: dict[int, int] = {}
    for i, ep in enumerate(_tables(_get(show, "episodes"))):
        number = _whole(_get(ep, "number"))
        if number is not None and number >= 1:
            if number in seen:
                problems.append(
                    (
                        ("episodes", i, "number"),
                        f"episode {number} is listed twice (also episodes[{seen[number]}])",
                    )
                )
            else:
                seen[number] = i
        if (why := above_scale(_get(ep, "score"))) is not None:
            problems.append((("episodes", i, "score"), why))
    highest = max(seen, default=0)
    total = _whole(_get(info, "episodes_total")) if info is not None else None
    if total is not None and total < 1:
        total = None
    if total is not None and total < highest:
        problems.append(
            (("show", "episodes_total"), f"{total} is below the highest episode number, {highest}")
        )
    last = max(highest, total or 0)
    for r, review in enumerate(_tables(_get(show, "reviews"))):
        if (why := above_scale(_get(review, "score"))) is not None:
            problems.append((("reviews", r, "score"), why))
        scores = _get(review, "scores")
        for name, value in scores.items() if isinstance(scores, dict) else ():
            if (why := above_scale(value)) is not None:
                problems.append((("reviews", r, "scores", name), why))
        covers = _whole(_get(review, "covers"))
        if covers and last and covers > last:
            problems.append(
                (
                    ("reviews", r, "covers"),
                    f"episode {covers} is past the show's last episode, {last}",
                )
            )
        for s, section in enumerate(_tables(_get(review, "sections"))):
            spoils = _whole(_get(section, "spoils"))
            if spoils is not None and last and spoils > last:
                problems.append(
                    (
                        ("reviews", r, "sections", s, "spoils"),
                        f"episode {spoils} is past the show's last episode, {last}",
                    )
                )
    return problems


def slugify(text: str) -> str:
    """A file-name and id friendly form of a title: ``Soundtrack #1`` -> ``soundtrack-1``."""
    out = []
    dash = False
    for ch in text.lower():
        if ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-") or "show"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`ShowFile`, each field's docstring as its description."""
    return ShowFile.model_json_schema()
