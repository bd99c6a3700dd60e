"""The shapes of TVmaze's answers, as Pydantic models: what dramatui reads, nothing more.

Unknown fields are ignored (TVmaze adds fields over time); a field dramatui reads that
has the wrong type makes the whole answer "of the wrong shape". Dates TVmaze does not
know are ``""`` or null and become None. The ``rating`` TVmaze carries is not read: it
is TVmaze users' average, not the reviewer's score.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)


def _date(value: object) -> object:
    """``""`` and null are "not known"; anything else must be an ISO date."""
    if value is None or value == "":
        return None
    return value


class Country(_Answer):
    name: str | None = None
    code: str | None = None


class Channel(_Answer):
    """A network (broadcaster) or a web channel (streaming service)."""

    name: str
    country: Country | None = None


class Externals(_Answer):
    imdb: str | None = None


class Person(_Answer):
    name: str


class Character(_Answer):
    name: str | None = None


class Credit(_Answer):
    """One entry of a show's cast: a person playing a character."""

    person: Person
    character: Character | None = None


class Episode(_Answer):
    id: int
    name: str | None = None
    season: int = Field(ge=0)
    number: int | None = Field(default=None, ge=0)
    """None for a special."""
    type: str = "regular"
    """``regular``, ``significant_special`` or ``insignificant_special``."""
    airdate: dt.date | None = None
    runtime: int | None = None
    summary: str | None = None

    _airdate = field_validator("airdate", mode="before")(_date)

    @property
    def is_special(self) -> bool:
        return self.number is None or self.type != "regular"


class Embedded(_Answer):
    episodes: list[Episode] = Field(default_factory=list)
    cast: list[Credit] = Field(default_factory=list)


class Show(_Answer):
    id: int
    url: str | None = None
    name: str
    type: str | None = None
    language: str | None = None
    genres: list[str] = Field(default_factory=list)
    status: str | None = None
    premiered: dt.date | None = None
    ended: dt.date | None = None
    network: Channel | None = None
    web_channel: Channel | None = Field(default=None, alias="webChannel")
    externals: Externals | None = None
    summary: str | None = None
    embedded: Embedded | None = Field(default=None, alias="_embedded")

    _dates = field_validator("premiered", "ended", mode="before")(_date)

    @property
    def channel(self) -> Channel | None:
        """The network, else the web channel."""
        return self.network or self.web_channel

    @property
    def episodes(self) -> list[Episode]:
        return self.embedded.episodes if self.embedded else []

    @property
    def cast(self) -> list[Credit]:
        return self.embedded.cast if self.embedded else []


class SearchHit(_Answer):
    """One match of ``/search/shows``."""

    score: float | None = None
    show: Show


class Aka(_Answer):
    """Another name of a show; ``country`` null means the show's original country."""

    name: str
    country: Country | None = None
