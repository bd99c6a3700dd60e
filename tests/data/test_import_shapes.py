"""One test per shape people write: the structure the importer reads from each fixture.

The fixtures (tests/fixtures/import/, my own words) each hold one or a few shapes of how
reviews are really copied. These tests assert what was read — title and where it came
from, episodes and their scores, the scale, what the review covers, the review's score,
the facts, and which sentences are hidden — not only that the import ran.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from dramatui.importer import ImportResult, import_text
from dramatui.model import ShowFile
from dramatui.spoilers import paragraphs, split_inline

from import_helpers import FIXTURES


def _import(name: str) -> ImportResult:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    return import_text(text, source_name=f"{name}.txt")


def hidden_and_shown(show: ShowFile) -> tuple[str, str]:
    """All hidden text (spoiler sections, inline spoilers) and all shown text."""
    hidden: list[str] = []
    shown: list[str] = []
    for review in show.reviews:
        for section in review.sections:
            if section.spoiler or section.spoils is not None:
                hidden.append(section.body)
                continue
            for para in paragraphs(section.body):
                for run, is_hidden in split_inline(para):
                    (hidden if is_hidden else shown).append(run)
    return " ".join(" ".join(hidden).split()), " ".join(" ".join(shown).split())


@dataclass
class Expect:
    title: str
    source: str
    """A word of where the title came from: heading, first sentence, file name, Title:."""
    episodes: list[tuple[int, float | None]] = field(default_factory=list)
    scale: int = 10
    score: float | None = None
    covers: int = 0
    hidden: tuple[str, ...] = ()
    """Phrases that must be hidden."""
    shown: tuple[str, ...] = ()
    """Phrases that must stay shown."""
    facts: dict[str, object] = field(default_factory=dict)
    titles: dict[int, str] = field(default_factory=dict)


SHAPES: dict[str, Expect] = {
    # -- titles -----------------------------------------------------------------
    "en-review-suffix": Expect(
        "Paper Lanterns", "heading", score=8, shown=("by Nora Field", "March 3, 2024")
    ),
    "en-review-colon-db-score": Expect(
        "Salt and Ash", "heading", score=7, shown=("MDL rating: 8.9/10",)
    ),
    "en-full-review-dash": Expect("Harbour of Stars", "heading", score=7.5),
    "en-drama-review-pipe": Expect(
        "Falling Slowly", "heading", scale=100, score=87, shown=("thekdramadesk.blog", "Share")
    ),
    "en-finale-review": Expect(
        "The Night Orchard",
        "heading",
        score=7,
        covers=12,
        hidden=("The orchard burns", "right ending"),
        shown=("This review contains spoilers for the last episode.",),
        facts={"episodes_total": 12},
    ),
    "en-now-watching": Expect("River Bells", "heading", score=8, shown=("Watching 6/16",)),
    "en-date-byline-title": Expect(
        "Winter Notes", "heading", shown=("14/02/2023", "Written by Tomas Reyes")
    ),
    "en-first-sentence": Expect("Quiet Mountain", "first sentence"),
    "the-lantern-keeper": Expect("The Lantern Keeper", "file name"),
    "en-title-label": Expect("The Velvet Lamp", "Title:", scale=5, score=4, facts={"year": 2020}),
    "en-newest-first": Expect(
        "Tuesday Market", "heading", episodes=[(1, 7), (2, 6), (3, 8), (4, 7)]
    ),
    "es-resena": Expect(
        "La casa del faro",
        "heading",
        episodes=[(1, 8), (2, 7)],
        score=8,
        hidden=("El náufrago resulta ser el hermano",),
        facts={"genres": ["Romance", "Drama"], "episodes_total": 8},
        titles={1: "La tormenta", 2: "El náufrago"},
    ),
    "ko-review": Expect(
        "바다의 노래",
        "heading",
        episodes=[(1, 8), (2, 7)],
        score=8,
        hidden=("합창단은 해체되고",),
        shown=("스포 주의!",),
        facts={"network": "KBS", "genres": ["로맨스"]},
        titles={1: "첫 연습", 2: "폭풍"},
    ),
    "ja-review": Expect(
        "月の庭",
        "heading",
        episodes=[(1, 4), (2, 3)],
        scale=5,
        score=4,
        hidden=("庭園は売られ",),
        facts={"network": "NHK"},
        titles={1: "出会い", 2: "雨の日"},
    ),
    "zh-review": Expect(
        "白色灯塔",
        "heading",
        episodes=[(1, 8), (2, 7)],
        score=8,
        hidden=("两人分手了",),
        facts={"network": "海风卫视", "genres": ["爱情"]},
    ),
    # -- scores -----------------------------------------------------------------
    "en-percent-and-of": Expect(
        "Tidewater Clinic", "heading", episodes=[(1, 85), (2, 80), (3, 90), (4, 60)], scale=100
    ),
    "en-stars-halves": Expect(
        "Blue Hour Cafe", "heading", episodes=[(1, 3.5), (2, 3), (3, 4), (4, 4.5)], scale=5
    ),
    "en-letter-grades": Expect(
        "Night Shift Library", "heading", episodes=[(1, 87), (2, 90), (3, 73)], scale=100, score=87
    ),
    "en-several-values": Expect(
        "Kite Hill", "heading", score=8, shown=("IMDb 7.6/10, audience 90%",)
    ),
    "en-numbers-not-scores": Expect(
        "Harbor Lights Diner",
        "heading",
        score=8,
        shown=("16 episodes of 60 min", "28 years old", "$4.99", "Rating: 15+", "16/16", "#3"),
    ),
    "en-mdl-block": Expect(
        "Maple Street Pharmacy",
        "heading",
        score=9,
        hidden=("The last episode made me cry",),
        shown=("Completed 16/16",),
    ),
    "es-mdl": Expect("El jardín de invierno", "heading", score=8.5),
    "fr-critique": Expect(
        "Les Lanternes du port",
        "heading",
        episodes=[(1, 75), (2, 85)],
        scale=100,
        score=80,
        hidden=("le restaurant brûle",),
        shown=("Attention, spoilers !",),
        facts={"network": "France Mer"},
    ),
    "de-kritik": Expect(
        "Die stille Küste",
        "heading",
        episodes=[(1, 8), (2, 6)],
        score=8,
        hidden=("verkauft sie die Pension",),
        facts={"network": "Nordfunk", "episodes_total": 6},
    ),
    "it-recensione": Expect(
        "Il giardino di sale",
        "heading",
        episodes=[(1, 7.5), (2, 8)],
        score=8,
        hidden=("vendono la salina",),
        facts={"genres": ["Commedia"]},
    ),
    "pt-critica": Expect(
        "Jardim de Inverno",
        "heading",
        episodes=[(1, 8), (2, 7)],
        score=9,
        hidden=("a estufa é vendida",),
        facts={"network": "TV Sol"},
    ),
    "ro-recenzie": Expect(
        "Orașul de sticlă",
        "heading",
        episodes=[(1, 8), (2, 7)],
        score=8,
        hidden=("atelierul se închide",),
        facts={"country": "Coreea de Sud"},
    ),
    "id-ulasan": Expect(
        "Rumah di Tepi Sungai",
        "heading",
        episodes=[(1, 8), (2, 7)],
        score=8,
        hidden=("warung itu dijual",),
        facts={"network": "TV Nusantara", "episodes_total": 10},
    ),
    "ru-obzor": Expect(
        "Тихая гавань",
        "heading",
        episodes=[(1, 8), (2, 7)],
        score=8,
        hidden=("маяк закрывают",),
        facts={"network": "Первый морской", "genres": ["Драма"]},
    ),
    # -- episodes ---------------------------------------------------------------
    "en-episode-shapes": Expect(
        "Lucky Strike Laundry", "heading", episodes=[(1, 7), (2, 8), (3, 6), (4, 6)]
    ),
    "en-s02-codes": Expect(
        "Midnight Bakery — Season 2", "heading", episodes=[(1, 7), (2, 8), (3, 6), (4, 9)]
    ),
    "en-season-comma-episode": Expect(
        "The Ferry Line — Season 2", "heading", episodes=[(1, 8), (2, 7), (3, 9)]
    ),
    "en-chained-midline": Expect("Low Tide Cafe", "heading", episodes=[(1, 8), (2, 7), (3, 9)]),
    "en-ranked-every-episode": Expect(
        "Moon Diary",
        "heading",
        episodes=[(n, None) for n in range(1, 7)],
        titles={4: "Paper Boats", 2: "Cold Tea"},
        hidden=("1. the one I will rewatch.",),
    ),
    "en-table": Expect(
        "Rooftop Garden",
        "heading",
        episodes=[(1, 7), (2, 8), (3, 9)],
        titles={1: "Seeds", 2: "First Rain", 3: "Harvest"},
    ),
    "en-midline-headers": Expect(
        "Tide Pool Diaries",
        "heading",
        episodes=[(1, 7), (2, 8), (3, 6)],
        titles={1: "Low Tide", 2: "The Storm Drain"},
        shown=("I kept short notes while I watched", "Episode 3 is the weakest"),
        hidden=("setting up the aquarium",),
    ),
    "ko-episode-headers": Expect("시간의 정원", "heading", episodes=[(1, 8), (2, 7), (3, 9)]),
    "ja-episode-headers": Expect(
        "海辺の食堂", "heading", episodes=[(1, 4), (2, 3), (3, 5)], scale=5
    ),
    "en-season-episode-recap": Expect(
        "Glass Kingdom — Season 2",
        "heading",
        scale=5,
        score=4,
        covers=3,
        hidden=("reads the letter his mother left him", "strongest hour"),
    ),
    "en-one-episode-page": Expect(
        "Moon Garden",
        "heading",
        score=8,
        covers=5,
        hidden=("the garden was her mother's",),
        shown=("Spoilers ahead for this episode.",),
    ),
    # -- spoilers ---------------------------------------------------------------
    "en-spoiler-sentences": Expect(
        "Crane Season",
        "heading",
        hidden=("finds the crane's nest", "cry on a train"),
        shown=("so beware of spoilers below.", "joins a club"),
    ),
    "en-spoiler-alert-colon": Expect(
        "Borrowed Time",
        "heading",
        hidden=("the loop is broken by the station master", "I loved it anyway."),
        shown=("explained well",),
    ),
    "en-unsure-mention": Expect(
        "Velvet Rooms",
        "heading",
        hidden=("second set of books", "costumes are lovely"),
        shown=("I hate spoilers, so I went in knowing nothing.",),
    ),
    "en-no-spoilers-hint": Expect(
        "Autumn Letters",
        "heading",
        hidden=("No spoilers, but the ending made me call my mother.",),
        shown=("The second half is slower than the first.", "reads the letters"),
    ),
    "en-unmarked-endings": Expect(
        "Second Spring",
        "heading",
        hidden=("finally sells the house", "her son comes back from Busan"),
        shown=("The pacing in the middle is uneven.", "soundtrack is full of old ballads"),
    ),
    "es-mid-warning": Expect(
        "La última estación",
        "heading",
        score=9,
        hidden=("El tren final se cancela",),
        shown=("a partir de aquí hay spoilers.",),
    ),
    "ko-blog-tag-warning": Expect(
        "나의 해방일지",
        "heading",
        scale=5,
        score=5,
        hidden=("미정이와 구씨는 다시 만난다",),
    ),
    "en-breadcrumb-recap-heading": Expect(
        "The Quiet Orchard",
        "heading",
        scale=5,
        score=4.5,
        hidden=("finds that he left it to a stranger", "marrying the stranger", "IMDb: 7.9/10"),
        shown=("Episode 4 is a standout.", "Home » Reviews » K-Drama", "By Hana Lee"),
        facts={"year": 2023},
    ),
    "en-forum-ranges-inline": Expect(
        "Twenty Springs",
        "heading",
        episodes=[(1, 7), (2, 7), (3, 8), (4, 9)],
        covers=4,
        hidden=("The brother was the arsonist all along",),
        shown=("Posted by u/lanternfish", "Overall I'd say 8/10."),
    ),
    "zh-episode-range": Expect("长夜微光", "heading", episodes=[(1, 7), (2, 7), (3, 8), (4, 9)]),
    "es-wont-spoil-hint": Expect(
        "Es Wont Spoil Hint",
        "file name",
        episodes=[(1, 8), (2, 7)],
        titles={1: "El faro", 2: "La tormenta"},
        hidden=("No voy a hacer spoilers, pero el final es perfecto.",),
        shown=("Una serie corta y bonita.",),
    ),
    # -- facts ------------------------------------------------------------------
    "en-facts-anywhere": Expect(
        "Cherry Hill Station",
        "heading",
        facts={
            "network": "tvN",
            "episodes_total": 16,
            "genres": ["Comedy", "Crime"],
            "year": 2022,
            "country": "South Korea",
            "original_title": "체리힐 파출소",
        },
        shown=("The jokes land",),
    ),
    "en-hash-fact-not-heading": Expect(
        "Seaside Radio", "heading", facts={"episodes_total": 10, "genres": ["Romance"]}
    ),
}


def test_at_least_forty_fixtures_of_mine_in_six_languages() -> None:
    assert len(SHAPES) >= 40
    languages = {name.split("-")[0] for name in SHAPES if len(name.split("-")[0]) == 2}
    assert {"en", "es", "pt", "fr", "de", "it", "ro", "id", "ru", "ko", "ja", "zh"} <= languages
    for name in SHAPES:
        assert (FIXTURES / f"{name}.expected.toml").exists(), name


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_shape_is_read(name: str) -> None:
    want = SHAPES[name]
    result = _import(name)
    show = result.show
    assert show.title == want.title
    assert want.source in result.title_from
    assert [(e.number, e.score) for e in show.episodes] == want.episodes
    assert show.show.score_scale == want.scale
    review = show.reviews[0]
    assert review.score == want.score
    assert review.covers == want.covers
    for number, title in want.titles.items():
        assert show.episodes[number - 1].title == title
    hidden, shown = hidden_and_shown(show)
    for phrase in want.hidden:
        assert phrase in hidden, (phrase, hidden)
        assert phrase not in shown
    for phrase in want.shown:
        assert phrase in shown, (phrase, shown)
    info = show.show.model_dump()
    for key, value in want.facts.items():
        assert info[key] == value, key


def test_facts_are_never_headings() -> None:
    show = _import("en-hash-fact-not-heading").show
    headings = [s.heading for s in show.reviews[0].sections]
    assert headings == [None, "What worked"]


def test_cast_with_roles() -> None:
    cast = _import("en-facts-anywhere").show.show.cast
    assert [(c.name, c.role) for c in cast] == [
        ("Han Ji-woo", "Officer Park"),
        ("Lee Do-yun", None),
    ]


def test_sub_scores_in_another_language_get_the_same_keys() -> None:
    for name in ("en-mdl-block", "es-mdl"):
        assert set(_import(name).show.reviews[0].scores) == {
            "story",
            "acting_cast",
            "music",
            "rewatch_value",
        }


def test_database_score_never_becomes_the_score() -> None:
    result = _import("en-review-colon-db-score")
    assert result.show.reviews[0].score == 7


def test_range_is_one_part_covering_both() -> None:
    show = _import("en-episode-shapes").show
    parts = [(s.heading, s.spoils) for s in show.reviews[0].sections]
    assert ("Episodes 3–4", 4) in parts


def test_a_spoiler_prefix_is_structure() -> None:
    result = _import("en-spoiler-alert-colon")
    assert "SPOILER ALERT: " in result.consumed


def test_unsure_warning_is_a_guess() -> None:
    result = _import("en-unsure-mention")
    assert any("mentions spoilers; what follows is hidden to be safe" in g for g in result.guesses)


def test_explain_names_the_words_of_each_unmarked_spoiler() -> None:
    result = _import("en-unmarked-endings")
    text = "\n".join(result.explanation)
    assert "because of 'In the finale'" in text
    assert "because of 'Later on'" in text
    assert "title: 'Second Spring' — from the heading line, line 1" in text
