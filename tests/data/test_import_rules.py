"""Each named rule of the importer, on its own: what it takes and what it leaves as prose."""

from __future__ import annotations

import time

import pytest

from dramatui.importer import ImportRefused, decode_review, import_text, readable_name
from dramatui.importer.rules import (
    BBCODE_SPOILER,
    CHAINED_HEADER,
    EPISODE_REF,
    GUIDE_HEADING,
    HEADER_RULES,
    LETTER_GRADES,
    METADATA,
    RANKED,
    SCORE_LABEL,
    SCORE_PAIR,
    SPOILER_END,
    SPOILER_INLINE,
    SPOILER_LINE,
    SPOILER_PREFIX,
    TITLE_IS_A,
    VALUE_RULES,
    WATCH_STATUS,
    Rule,
    is_name,
)
from dramatui.importer.scores import labelled_scores, trailing_score, value_at

from import_helpers import body_words, words

ALL_RULES: list[Rule] = [
    *VALUE_RULES,
    *HEADER_RULES,
    SCORE_LABEL,
    CHAINED_HEADER,
    RANKED,
    EPISODE_REF,
    SCORE_PAIR,
    METADATA,
    SPOILER_LINE,
    SPOILER_PREFIX,
    SPOILER_INLINE,
    SPOILER_END,
    BBCODE_SPOILER,
    GUIDE_HEADING,
    TITLE_IS_A,
    WATCH_STATUS,
]


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.name)
def test_every_rule_is_documented_and_matches_its_examples(rule: Rule) -> None:
    assert rule.doc and rule.examples
    for example in rule.examples:
        assert rule.pattern.search(example), (rule.name, example)


def test_rule_names_are_unique() -> None:
    names = [r.name for r in ALL_RULES]
    assert len(names) == len(set(names))


# -- values -------------------------------------------------------------------


def _value(text: str) -> tuple[float | None, int | None, str]:
    got = value_at(text, 0)
    assert got is not None, text
    return got[0].value, got[0].scale, got[0].rule


@pytest.mark.parametrize(
    ("text", "value", "scale", "rule"),
    [
        ("4/5", 4, 5, "fraction"),
        ("7.5/10", 7.5, 10, "fraction"),
        ("7,5 / 10", 7.5, 10, "fraction"),
        ("83/100", 83, 100, "fraction"),
        ("4 out of 5", 4, 5, "fraction"),
        ("3/5 stars", 3, 5, "fraction"),
        ("★★★½", 3.5, 5, "star-glyphs"),
        ("★★★★☆", 4, 5, "star-glyphs"),
        ("4.5 stars", 4.5, 5, "stars-word"),
        ("3½ stars", 3.5, 5, "stars-word"),
        ("B+", 87, 100, "letter-grade"),
        ("F", 50, 100, "letter-grade"),
        ("TBC", None, None, "no-score"),
        ("N/A", None, None, "no-score"),
        ("83", 83, None, "bare-number"),
    ],
)
def test_value_rules(text: str, value: float | None, scale: int | None, rule: str) -> None:
    assert _value(text) == (value, scale, rule)


def test_letter_grade_table_is_the_documented_one() -> None:
    assert LETTER_GRADES == {
        "A+": 100, "A": 95, "A-": 90, "B+": 87, "B": 83, "B-": 80,
        "C+": 77, "C": 73, "C-": 70, "D": 65, "F": 50,
    }  # fmt: skip


@pytest.mark.parametrize("text", ["16/9", "A great episode", "six stars"])
def test_not_values(text: str) -> None:
    assert value_at(text, 0) is None


def test_score_label_needs_a_value_right_after_it() -> None:
    assert [f.value.value for f in labelled_scores("Review Score – 4/5")] == [4]
    assert [f.value.value for f in labelled_scores("Episode Score: 83")] == [83]
    assert labelled_scores("the score was 8/10 for me") == []
    assert labelled_scores("a rating of 9/10") == []
    overall = labelled_scores("Overall score: 7.5/10")
    assert overall[0].series and overall[0].value.value == 7.5


def test_trailing_score_ends_the_line() -> None:
    found = trailing_score("[1.01] The Hive — 83/100", 6)
    assert found is not None and found.value.value == 83
    assert trailing_score("1x04 - 2 Days", 4) is None  # bare numbers need a label
    assert trailing_score("S01E04 - Plan B", 6) is None  # a bare letter needs a separator
    grade = trailing_score("S01E04 - Plan B - B", 6)
    assert grade is not None and grade.value.value == 83
    assert trailing_score("Episode 2: 4/5 of the cast shine", 9) is None


# -- headers ------------------------------------------------------------------


def _header(line: str) -> tuple[str, int | None, int] | None:
    for rule in HEADER_RULES:
        match = rule.pattern.match(line)
        if match:
            season = int(match["season"]) if match["season"] else None
            return rule.name, season, int(match["ep"])
    return None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Episode 3: “Lanterns” — Score: 7/10", ("episode-word", None, 3)),
        ("Season 1 Episode 8 – Review Score: 7.5/10", ("episode-word", 1, 8)),
        ("- Ep. 4 - Title", ("episode-word", None, 4)),
        ("## Episode 12", ("episode-word", None, 12)),
        ("[1.01] Pilot", ("bracket-code", 1, 1)),
        ("1x04 - The Ferry", ("x-code", 1, 4)),
        ("S01E04: Low Tide", ("se-code", 1, 4)),
        ("s2e10 Finale", ("se-code", 2, 10)),
    ],
)
def test_header_rules(line: str, expected: tuple[str, int | None, int]) -> None:
    assert _header(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Episode 3 is the best of the lot.",
        "Episodes 1-4 are slow.",
        "The 16 episodes fly by.",
        "1080p is the best quality.",
        "Series 2 was worse.",
    ],
)
def test_prose_is_not_a_header(line: str) -> None:
    assert _header(line) is None


def test_chained_header_only_before_a_score_label() -> None:
    line = "Episode 1 -| Review Score – 4/5 Episode 2 -| Review Score – 4/5 Episode 3 is great"
    assert [m["ep"] for m in CHAINED_HEADER.pattern.finditer(line)] == ["1", "2"]


def test_ranked_entry_needs_an_episode_number() -> None:
    show = import_text(
        "Harbor Lights is a drama.\n\n2. Storm (Episode 4): 8/10\n1. Bonus Feature: 9/10\n"
    )
    assert [(e.number, e.title, e.score) for e in show.show.episodes] == [(4, "Storm", 8)]
    assert "Bonus Feature" in " ".join(body_words(show.show))
    assert any("states no episode number" in w for w in show.warnings)


# -- scores in prose ------------------------------------------------------------


def test_numbers_in_prose_are_not_scores() -> None:
    text = (
        "Quiet Tides is a drama in 16 episodes. It is one of the better dramas of 2022. "
        "Episode 3 is the best, and 4/5 of the cast are superb.\n"
    )
    result = import_text(text)
    assert result.show.episodes == []
    assert result.show.reviews[0].score is None
    assert body_words(result.show) == words(text)


def test_tbc_gives_an_episode_without_score_and_a_warning() -> None:
    result = import_text(
        "Title: Quiet Tides\n\nEpisode 1 -| Review Score – 4/5 Episode 2 -| Review Score – TBC\n"
    )
    assert [(e.number, e.score) for e in result.show.episodes] == [(1, 4), (2, None)]
    assert result.warnings == ["line 3: episode 2: the score is 'TBC'; imported without a score"]


def test_duplicates_and_out_of_order_are_reported() -> None:
    result = import_text(
        "Title: Quiet Tides\n\nEpisode 2: Score: 7/10\nEpisode 1: Score: 6/10\n"
        "Episode 2: Score: 7/10\nEpisode 1: Score: 8/10\n"
    )
    assert [(e.number, e.score) for e in result.show.episodes] == [(1, 6), (2, 7)]
    text = "\n".join(result.warnings)
    assert "episode 2 is listed again; merged" in text
    assert "episode 1 is listed again with another score (8 after 6); kept the first" in text
    assert "out of order" in text


def test_series_sub_scores() -> None:
    result = import_text(
        "# Quiet Tides\n\nOverall 8.5 Story 8.0 Acting/Cast 9.0 Music 7.5 Rewatch Value 6.0\n"
    )
    review = result.show.reviews[0]
    assert review.score == 8.5
    assert review.scores == {"story": 8, "acting_cast": 9, "music": 7.5, "rewatch_value": 6}
    assert result.show.show.score_scale == 10


def test_native_scale_kept_and_mixed_scales_converted() -> None:
    five = import_text("Title: A\n\nEpisode 1: Score: 3/5\nEpisode 2: Score: 4/5\n")
    assert five.show.show.score_scale == 5
    assert [e.score for e in five.show.episodes] == [3, 4]
    mixed = import_text("Title: A\n\nEpisode 1: Score: 3/5\nEpisode 2: Score: 7/10\n")
    assert mixed.show.show.score_scale == 10
    assert [e.score for e in mixed.show.episodes] == [6, 7]
    assert any("different scales" in w for w in mixed.warnings)
    bare = import_text("Title: A\n\nS01E01\nEpisode Score: 83\nS01E02\nEpisode Score: 91\n")
    assert bare.show.show.score_scale == 100


# -- spoilers -------------------------------------------------------------------


@pytest.mark.parametrize(
    "mark",
    ["SPOILERS AHEAD", "(spoilers below)", "*** Spoiler warning ***", "Major spoilers follow!"],
)
def test_spoiler_lines_start_a_spoiler_section(mark: str) -> None:
    result = import_text(f"# Quiet Tides\n\nOpen words here.\n\n{mark}\nThe twist.\n")
    sections = result.show.reviews[0].sections
    assert [(s.body, s.spoiler) for s in sections] == [
        ("Open words here.", False),
        ("The twist.", True),
    ]


def test_spoiler_region_ends_at_end_mark() -> None:
    result = import_text(
        "# Quiet Tides\n\nSpoiler warning: the twist.\nEND SPOILERS\nSafe again.\n"
    )
    sections = result.show.reviews[0].sections
    assert [(s.body, s.spoiler) for s in sections] == [("the twist.", True), ("Safe again.", False)]


def test_spoiler_line_for_an_episode_spoils_that_episode() -> None:
    result = import_text(
        "# Quiet Tides\n\nEpisode 1: Score: 7/10\nEpisode 2: Score: 8/10\nEpisode 3: Score: 6/10\n"
        "\nSpoilers for episode 2 ahead\nShe leaves.\n"
    )
    last = result.show.reviews[0].sections[-1]
    assert (last.body, last.spoils, last.spoiler) == ("She leaves.", 2, False)


def test_inline_spoiler_marks() -> None:
    result = import_text(
        "# Quiet Tides\n\nA [spoiler]hidden[/spoiler] b >!reddit!< c ||discord|| d.\n"
    )
    body = result.show.reviews[0].sections[0].body
    assert body == "A ||hidden|| b >!reddit!< c ||discord|| d."
    assert result.inline_spoilers == 3


def test_spoiler_tag_across_paragraphs_is_closed_and_reopened() -> None:
    result = import_text("# Quiet Tides\n\nOne [spoiler]two\n\nthree[/spoiler] four\n")
    assert result.show.reviews[0].sections[0].body == "One ||two||\n\n||three|| four"


def test_no_spoilers_here_is_not_a_mark() -> None:
    result = import_text("# Quiet Tides\n\nNo spoilers here but it ends well.\n")
    assert not result.show.reviews[0].sections[0].spoiler


# -- titles ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "where"),
    [
        ("Title: Quiet Tides\n\nGood show.\n", "Quiet Tides", "the 'Title:' line"),
        ("# Quiet Tides\n\nGood show.\n", "Quiet Tides", "the heading line"),
        ("Quiet Tides (2020) – Series Review\n\nGood.\n", "Quiet Tides", "the heading line"),
        ("Review: Quiet Tides\n\nGood.\n", "Quiet Tides", "the heading line"),
        ("Quiet Tides is a slow drama.\n", "Quiet Tides", "the first sentence"),
        ("Crash Landing on You is a classic.\n", "Crash Landing on You", "the first sentence"),
    ],
)
def test_title_sources(text: str, title: str, where: str) -> None:
    result = import_text(text)
    assert (result.show.title, result.title_from) == (title, where)


def test_heading_year_becomes_the_year() -> None:
    assert import_text("# Quiet Tides (2020)\n\nGood.\n").show.show.year == 2020


@pytest.mark.parametrize("name", ["This drama", "It", "The show", "Episode 3", "the quiet one"])
def test_not_names(name: str) -> None:
    assert not is_name(name)


def test_title_order_option_then_text_then_file_name() -> None:
    text = "Episode 1 -| Review Score – 4/5 This drama is a delight.\n"
    result = import_text(text)  # never refused: a placeholder title, and a guess says so
    assert result.show.title == "Imported review"
    assert any("give --title" in g for g in result.guesses)
    named = import_text(text, source_name="quiet-tides.txt")
    assert named.show.title == "Quiet Tides" and "file name" in named.title_from
    result = import_text(text, title="Quiet Tides", source_name="other.txt")
    assert result.show.title == "Quiet Tides" and result.title_from == "the --title option"
    titled = import_text("# Low Water\n\n" + text, source_name="quiet-tides.txt")
    assert titled.show.title == "Low Water" and titled.title_from == "the heading line"


@pytest.mark.parametrize(
    "name", ["my-mister.txt", "my_mister_review.md", "My Mister.txt", "0042-my-mister.txt"]
)
def test_file_name_made_readable(name: str) -> None:
    assert readable_name(name) == "My Mister"


@pytest.mark.parametrize("name", ["000_6b532b67f73d1517.txt", "12345.txt", "-.txt"])
def test_file_name_without_words_gives_no_title(name: str) -> None:
    assert readable_name(name) is None


def test_prose_without_guide_or_score_is_one_review() -> None:
    text = "just some words about nothing in particular.\n"
    result = import_text(text, title="Given")
    assert result.show.title == "Given" and result.show.episodes == []
    assert [s.body for s in result.show.reviews[0].sections] == [text.strip()]


@pytest.mark.parametrize("text", ["12 34 56\n", "!!! ??? ...", "a", "8/10 ★★★", "x 7"])
def test_text_without_words_is_refused(text: str) -> None:
    with pytest.raises(ImportRefused, match="no words"):
        import_text(text)


# -- bytes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\r\n\t ", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"Episode 1 \xff\xfe Score", "not UTF-8"),
        ("Quiet Tides".encode("utf-16"), "UTF-16"),
        (bytes(range(1, 32)) * 50, "binary"),
    ],
)
def test_bad_bytes_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(ImportRefused, match=message):
        decode_review(data)


def test_controls_and_escapes_are_removed() -> None:
    result = import_text("# Quiet \x1b[31mTides\x07\n\nGood\u202e show.\n")
    assert result.show.title == "Quiet Tides"
    assert result.show.reviews[0].sections[0].body == "Good show."


# -- size -----------------------------------------------------------------------


def big_review(size: int = 1_000_000) -> tuple[str, int]:
    """A ~1 MB review: the seed's layout on one long line, then many paragraphs."""
    guide = " ".join(f"Episode {n} -| Review Score – {n % 5 + 1}/5" for n in range(1, 41))
    paragraph = (
        "Moonlit Harbor is a slow drama. The 16 episodes take their time, Episode 3 is the "
        "best, 4/5 of the cast shine, and ||the ferry sinks|| late on. "
    )
    parts = [f"{guide} Moonlit Harbor is a slow drama about a harbour town."]
    length = len(parts[0])
    count = 0
    while length < size:
        parts.append(paragraph * 5)
        length += len(parts[-1]) + 2
        count += 1
    return "\n\n".join(parts), count


def test_one_megabyte_imports_correctly() -> None:
    text, paragraphs = big_review()
    assert len(text.encode()) >= 1_000_000
    result = import_text(text)
    show = result.show
    assert show.title == "Moonlit Harbor"
    assert [(e.number, e.score) for e in show.episodes] == [(n, n % 5 + 1) for n in range(1, 41)]
    prose = text[text.index("Moonlit Harbor is a slow drama about") :]
    assert body_words(show) == words(prose)
    assert len(show.reviews[0].sections[0].body.split("\n\n")) == paragraphs + 1


def test_one_long_line_is_linear() -> None:
    """A single 1 MB line of prose numbers and labels must not backtrack."""
    line = ("Episode 3 is the best, score 8 or 9 of 10, 4/5 of the cast — " * 16000)[:1_000_000]
    start = time.perf_counter()
    result = import_text("# Quiet Tides\n\n" + line)
    elapsed = time.perf_counter() - start
    assert result.show.episodes == []
    assert elapsed < 10  # a generous bound against catastrophic backtracking, not a benchmark


# -- found in reviews copied from real sites ------------------------------------


@pytest.mark.parametrize(
    "paragraph",
    [
        "||The captain sells the ferry.||",
        "[spoiler]The captain sells the ferry.[/spoiler]",
        "[SPOILER] The captain sells the ferry. [/SPOILER]",
        ">!The captain sells the ferry.!<",
    ],
)
def test_a_paragraph_that_is_all_spoiler_stays_marked(paragraph: str) -> None:
    """The separators trimmed from paragraph ends ('-|') must never eat a '||' marker."""
    result = import_text(f"# Quiet Tides\n\nOpen words.\n\n{paragraph}\n\nMore open words.\n")
    body = result.show.reviews[0].sections[0].body
    middle = body.split("\n\n")[1]
    assert middle.startswith(("||", ">!")) and middle.endswith(("||", "!<"))
    assert result.inline_spoilers == 1


def test_separators_at_paragraph_ends_are_still_dropped() -> None:
    result = import_text("# Quiet Tides\n\n-| Open words -|\n")
    assert result.show.reviews[0].sections[0].body == "Open words"


@pytest.mark.parametrize(
    "line", ["This review may contain spoilers", "Contains major spoilers!", "may contain spoilers"]
)
def test_may_contain_spoilers_starts_a_spoiler_section(line: str) -> None:
    result = import_text(f"# Quiet Tides\n\nOpen words here.\n\n{line}\n\nThe twist.\n")
    sections = result.show.reviews[0].sections
    assert [(s.body, s.spoiler) for s in sections] == [
        ("Open words here.", False),
        ("The twist.", True),
    ]


def test_spoiler_colon_prefix_hides_the_paragraph() -> None:
    result = import_text("# Quiet Tides\n\nOpen words.\n\nSpoiler: she leaves town.\n")
    sections = result.show.reviews[0].sections
    assert [(s.body, s.spoiler) for s in sections] == [
        ("Open words.", False),
        ("she leaves town.", True),
    ]


def test_spoiler_free_is_not_a_spoiler_prefix() -> None:
    result = import_text("# Quiet Tides\n\nSpoiler-free: it is lovely.\n")
    assert not any(s.spoiler for s in result.show.reviews[0].sections)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Quiet Tides\nCompleted\n\nOverall 8.0\n\nLovely.\n", "Quiet Tides"),
        ("Quiet Tides\n3 of 16 episodes seen\n\nLovely.\n", "Quiet Tides"),
        ("Quiet Tides – Season 1 Episode 3 Recap & Review\n\nLovely.\n", "Quiet Tides"),
        ("Quiet Tides: Episode 3 Recap\n\nLovely.\n", "Quiet Tides"),
    ],
)
def test_site_title_layouts(text: str, title: str) -> None:
    result = import_text(text)
    assert (result.show.title, result.title_from) == (title, "the heading line")


def test_bold_and_year_in_a_forum_title_line() -> None:
    text = "**Quiet Tides (2018)** — finished it last night, some thoughts\n\nLovely.\n"
    result = import_text(text)
    assert (result.show.title, result.show.show.year) == ("Quiet Tides", 2018)
    assert result.show.reviews[0].headline == (
        "Quiet Tides (2018) — finished it last night, some thoughts"
    )


def test_no_break_and_zero_width_spaces_from_web_pages() -> None:
    text = "Title:\u00a0Quiet\u00a0Tides\n\nEpisode\u00a01 \u2014 8/10\n\nA\u200b lovely show.\n"
    result = import_text(text)
    assert result.show.title == "Quiet Tides"
    assert [(e.number, e.score) for e in result.show.episodes] == [(1, 8)]
    assert result.show.reviews[0].sections[-1].body == "A lovely show."


def test_a_recap_of_one_episode_covers_that_episode() -> None:
    result = import_text("Quiet Tides – Season 1 Episode 3 Recap\n\nShe ||leaves||.\n")
    assert result.show.reviews[0].covers == 3
    several = import_text("Quiet Tides – Episodes 3-4 Recap\n\nShe ||leaves||.\n")
    assert several.show.reviews[0].covers == 0
