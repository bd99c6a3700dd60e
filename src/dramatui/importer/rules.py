"""The named layout rules of the plain-text importer.

Each rule is one regular expression with a name, a sentence of documentation and
examples; ``docs/import.md`` lists them and ``tests/data/test_import_rules.py`` tests each one.
A new layout is one more rule in one of the tables below (and one fixture).

Every pattern is written to run in linear time: no nested quantifiers, bounded
repetitions, one character class per run of separators. Rules are matched against one
line at a time (never against the whole text), so a 1 MB review costs milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ---------------------------------------------------------------------------
# Building blocks

LEAD = r"[ \t]*(?:(?:[-*•+>]|#{1,6})[ \t]+)?(?:\*\*|__)?[ \t]*"
"""What may come before a line-start rule: indentation, a bullet, a Markdown heading mark."""

NUM = r"\d{1,3}(?:[.,]\d{1,2}|½)?"
"""A score number: 7, 7.5, 7,5, 3½."""

SEPARATORS = r"[\s:=|*–—-]*"
"""Between a label and its value: spaces, colons, dashes, pipes, Markdown bold."""

LETTER_GRADES: dict[str, float] = {
    "A+": 100,
    "A": 95,
    "A-": 90,
    "B+": 87,
    "B": 83,
    "B-": 80,
    "C+": 77,
    "C": 73,
    "C-": 70,
    "D": 65,
    "F": 50,
}
"""Letter grades on a scale of 100 (docs/import.md shows this table)."""

NO_SCORE_WORDS = ("tbc", "tba", "tbd", "n/a", "na", "pending", "unrated", "none", "?")
"""Words a reviewer writes where a score will go later."""


# ---------------------------------------------------------------------------
# Prefilters: cheap tests that tell which rules could possibly match a line. Each is a
# necessary condition of the rules it guards (a keyword every match contains), so
# skipping a rule when its test fails changes nothing but the time taken.

_FOLD = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
"""The only non-ASCII characters that match an ASCII letter under re.IGNORECASE: İ ı ſ K
(tests/data/test_import_rules.py checks this against every code point)."""


def folded(line: str) -> str:
    """*line* in lower case, with the characters of _FOLD made ASCII: for keyword tests."""
    if not line.isascii() and ("İ" in line or "ı" in line or "ſ" in line or "K" in line):
        line = line.translate(_FOLD)
    return line.lower()


def has_spoiler_word(line: str) -> bool:
    """Whether a spoiler rule (start, end, prefix, aside) could match: 'spoil' is in each."""
    return "spoil" in folded(line)


def has_score_word(line: str) -> bool:
    """Whether SCORE_LABEL could match: each match holds score, rating, grade or verdict."""
    key = folded(line)
    return "score" in key or "rating" in key or "grade" in key or "verdict" in key


def has_episode_word(line: str) -> bool:
    """Whether CHAINED_HEADER could match: each match holds the word 'episode'."""
    return "episode" in folded(line)


@dataclass(frozen=True)
class Rule:
    """A named pattern of the importer, with what it recognises and examples."""

    name: str
    pattern: re.Pattern[str]
    doc: str
    examples: tuple[str, ...] = ()


def _rule(name: str, pattern: str, doc: str, *examples: str, flags: int = re.I) -> Rule:
    return Rule(name, re.compile(pattern, flags), doc, examples)


# ---------------------------------------------------------------------------
# Score values: what comes after a score label, or at the end of a guide line.
# Each yields (value, scale); scale None means "a bare number: scale to be inferred".

VALUE_RULES: tuple[Rule, ...] = (
    _rule(
        "fraction",
        rf"(?P<num>{NUM})[ \t]*(?:/|out[ \t]+of)[ \t]*(?P<den>\d{{1,3}})(?![\d.,]\d)"
        r"(?:[ \t]*stars?\b)?",
        "A number over a scale: 4/5, 7.5/10, 83/100, 4 out of 5, 3/5 stars.",
        "4/5",
        "7.5/10",
        "83 / 100",
        "4 out of 5",
        "3/5 stars",
    ),
    _rule(
        "star-glyphs",
        r"(?P<full>★{1,10})(?P<half>½|⯪)?(?P<empty>☆{0,10})|(?P<onlyhalf>½)(?P<empty2>☆{0,10})",
        "Star glyphs, out of 5 (or the number of glyphs when more): ★★★½, ★★★★☆.",
        "★★★½",
        "★★★★☆",
        "★★",
        flags=0,
    ),
    _rule(
        "stars-word",
        rf"(?P<num>{NUM})[ \t]*stars?\b",
        "A number of stars, out of 5: 4.5 stars, 3 stars, 3½ stars.",
        "4.5 stars",
        "3 star",
        "3½ stars",
    ),
    _rule(
        "letter-grade",
        r"(?P<letter>[A-DF][+-]?)(?=[ \t]*(?:$|[).,;|\]]|[ \t][-–—]))",
        "A letter grade, mapped onto a scale of 100 (see LETTER_GRADES).",
        "B+",
        "A-",
        "F",
        flags=0,
    ),
    _rule(
        "no-score",
        r"(?P<none>TBC|TBA|TBD|N/?A|pending|unrated|\?+)(?![\w/])",
        "A placeholder where the score will go: TBC, TBA, N/A, ?.",
        "TBC",
        "N/A",
        "?",
    ),
    _rule(
        "bare-number",
        rf"(?P<num>{NUM})(?![\d/%]|[ \t]*(?:stars?|out\b))",
        "A bare number, only after a score label; its scale is inferred from the others.",
        "83",
        "7.5",
    ),
)
"""Tried in order at the position after a score label."""

TRAILING_VALUE_RULES = tuple(r for r in VALUE_RULES if r.name != "bare-number")
"""At the end of a guide line without a label a bare number is not a score: 1x04 - 2 Days."""


# ---------------------------------------------------------------------------
# Score labels

SCORE_LABEL = _rule(
    "score-label",
    r"(?<![\w-])(?P<prefix>(?:overall|final|series|show|total|episode|review|my)[ \t]+)?"
    r"(?P<label>score|rating|grade|verdict)\b" + SEPARATORS,
    "A score label: Score:, Review Score –, Episode Score:, Rating:, Grade:, Overall Score:.",
    "Score: ",
    "Review Score – ",
    "Episode Score: ",
    "Overall score: ",
)

SERIES_PREFIXES = ("overall", "final", "series", "show", "total")
"""Label prefixes that make a score the review's, never an episode's."""


# ---------------------------------------------------------------------------
# Episode headers: where an entry of the guide starts. Matched at the start of a line.

_AFTER_HEADER = (
    r"(?=[ \t]*(?:$|[:.)\]|*–—-]|[\"“‘«]|(?:review[ \t]+|episode[ \t]+)?(?:score|rating|grade)\b))"
)

HEADER_RULES: tuple[Rule, ...] = (
    _rule(
        "episode-word",
        rf"^{LEAD}(?:season[ \t]*(?P<season>\d{{1,2}})[ \t]*[,:–—-]?[ \t]*)?"
        rf"(?:episode|ep\.?)[ \t]*(?P<ep>\d{{1,4}})(?![\d/]|[.,]\d)(?:\*\*|__)?{_AFTER_HEADER}",
        "Episode N, Ep. N or Season S Episode N at the start of a line, followed by a "
        "separator, a quoted title, a score label or the end of the line "
        "(so 'Episode 3 is the best' is prose).",
        "Episode 3: “The Long Night”",
        "Season 1 Episode 8 – Review Score: 7.5/10",
        "Ep. 4 - Title",
    ),
    _rule(
        "bracket-code",
        rf"^{LEAD}\[(?P<season>\d{{1,2}})\.(?P<ep>\d{{1,3}})\](?:\*\*|__)?",
        "[S.EE] numbering: [1.01] Title.",
        "[1.01] Pilot — 83/100",
    ),
    _rule(
        "x-code",
        rf"^{LEAD}(?P<season>\d{{1,2}})x(?P<ep>\d{{1,3}})(?!\w)(?:\*\*|__)?",
        "SxEE numbering: 1x04 - Title.",
        "1x04 - The Ferry",
    ),
    _rule(
        "se-code",
        rf"^{LEAD}S(?P<season>\d{{1,2}})[ \t]?E(?P<ep>\d{{1,4}})(?!\w)(?:\*\*|__)?",
        "SxxEyy numbering: S01E04 Title.",
        "S01E04: Low Tide",
    ),
)
"""Tried in order at the start of each line."""

CHAINED_HEADER = _rule(
    "chained-episode",
    r"(?<!\w)(?:season[ \t]*(?P<season>\d{1,2})[ \t]*[,:–—-]?[ \t]*)?episode[ \t]*(?P<ep>\d{1,4})"
    r"[ \t]*[-–—|:]{0,4}[ \t]*(?=(?:review[ \t]+|episode[ \t]+)?(?:score|rating|grade)\b)",
    "Episode N directly followed by a score label, anywhere in a line: the seed's "
    "'Episode 1 -| Review Score – 4/5 Episode 2 -| Review Score – 4/5 …'.",
    "Episode 2 -| Review Score – 4/5",
)

RANKED = _rule(
    "ranked",
    rf"^{LEAD}(?:#[ \t]*)?(?P<rank>\d{{1,3}})[.)][ \t]+(?P<rest>\S.*)$",
    "A ranked list entry, '12. Title (Episode 5): 5/10': the rank is the reviewer's order; "
    "the episode number must be stated on the same line (Episode 5, Ep. 5, E05).",
    "12. “Quiet Pier” (Episode 5): 5/10",
)

EPISODE_REF = _rule(
    "episode-ref",
    r"[(\[]?[ \t]*(?<!\w)(?:episode|ep\.?|e)[ \t]*(?P<ep>\d{1,4})(?!\d)[ \t]*[)\]]?",
    "An episode number stated inside a ranked entry: (Episode 5), Ep. 5, (E05).",
    "(Episode 5)",
    "Ep. 5",
    "(E05)",
)

QUOTED_TITLE = re.compile(r"[ \t]*[\"“‘«](?P<title>[^\"”’»\n]{1,200})[\"”’»]")
"""A quoted episode title after a header."""

TITLE_STOP = re.compile(r"[ \t]+[–—|-][ \t]+|:[ \t]|\.[ \t]|[ \t]\(|[ \t]*$")
"""Where an unquoted title after a header ends."""


# ---------------------------------------------------------------------------
# Whole-line rules

SCORE_PAIR = _rule(
    "score-pair",
    rf"[ \t]*(?P<label>[A-Za-z][A-Za-z/&' ]{{0,30}}?)[ \t]*[:=–—-]?[ \t]*(?P<num>{NUM})"
    r"(?:[ \t]*/[ \t]*(?P<den>\d{1,3}))?(?![\w.])[ \t]*[,;|•·]?",
    "One 'Label number' pair of a series score table; a line made only of such pairs, "
    "or a run of such lines, with an Overall (or Total/Final) pair, gives the review's "
    "score and sub-scores: 'Overall 8.5 Story 8.0 Acting/Cast 9.0 Music 7.5'.",
    "Overall 8.5",
    "Acting/Cast 9.0",
    "Rewatch Value: 6/10",
)

OVERALL_LABELS = ("overall", "total", "final", "final score", "overall score", "total score")
"""Labels in a score table that name the review's own score."""

METADATA = _rule(
    "metadata",
    r"^[ \t]*(?P<key>title|original[ \t]+title|year|country|network|platform|streaming[ \t]+on|"
    r"genres?|episodes)[ \t]*:[ \t]*(?P<value>\S[^\n]{0,200}?)[ \t]*$",
    "A 'Key: value' line at the top of the text: Title, Original title, Year, Country, "
    "Network (or Platform, Streaming on), Genre(s), Episodes.",
    "Title: Moonlit Harbor",
    "Year: 2023",
)

_SPOILER_FOR = (
    r"(?:[ \t]+(?:for|up[ \t]+to|through)[ \t]+(?:episodes?|eps?\.?)[ \t]*\d{1,4}"
    r"(?:[ \t]*(?:[-–—]|to|and)[ \t]*\d{1,4})?)?"
)

SPOILER_LINE = _rule(
    "spoiler-start",
    r"^[ \t]*[-=*#_~(\[⚠️! ]{0,12}(?:(?:major|minor|mild|heavy|big)[ \t]+)?"
    r"(?:spoilers?"
    + _SPOILER_FOR
    + r"[ \t]+(?:ahead|below|follow)|spoilers?[ \t]+(?:warning|alert)"
    + _SPOILER_FOR
    + r"|warning[ \t]*:?[ \t]*spoilers?"
    + _SPOILER_FOR
    + r"|(?:this[ \t]+(?:review|post|recap|article)[ \t]+)?(?:may[ \t]+)?contains?[ \t]+"
    r"(?:(?:major|minor|mild|heavy|some|big)[ \t]+)?spoilers?"
    + _SPOILER_FOR
    + r")[ \t]*[-=*#_~)\]!.:⚠️ ]{0,12}$",
    "A line that only says spoilers follow: SPOILERS AHEAD, (spoilers below), "
    "*** Spoiler warning ***, Spoilers for episode 6 ahead. The rest of the text, up to an "
    "end marker or a Markdown heading, becomes a spoiler section (hidden until that "
    "episode, or the whole show, is watched).",
    "SPOILERS AHEAD",
    "(spoilers below)",
    "** Major spoilers for episodes 1-6 ahead **",
    "This review may contain spoilers",
)

SPOILER_PREFIX = _rule(
    "spoiler-prefix",
    r"^[ \t]*(?:\*\*)?(?:spoilers?[ \t]+(?:warning|alert)(?:\*\*)?[ \t]*[:!–—-]"
    r"|spoilers?(?:\*\*)?[ \t]*:(?:\*\*)?)[ \t]*(?=\S)",
    "'Spoiler warning:' or 'Spoiler:' at the start of a paragraph: that paragraph and the "
    "rest, up to an end marker or a Markdown heading, become a spoiler section.",
    "Spoiler warning: the twist is",
    "Spoiler: she leaves",
)

SPOILER_INLINE = _rule(
    "spoiler-aside",
    r"[ \t]*\((?:(?:major|minor|mild|heavy)[ \t]+)?spoilers?[ \t]+(?:below|ahead|follow)\)[ \t]*$",
    "'(spoilers below)' at the end of a line: the following lines are a spoiler section.",
    "My thoughts on the ending (spoilers below)",
)

SPOILER_END = _rule(
    "spoiler-end",
    r"^[ \t]*[-=*#_~(\[ ]{0,12}(?:end[ \t]+(?:of[ \t]+)?spoilers?|spoilers?[ \t]+(?:end|over)|"
    r"/[ \t]*spoilers?|no[ \t]+more[ \t]+spoilers)[ \t]*[-=*#_~)\]!. ]{0,12}$",
    "A line that ends a spoiler region: END SPOILERS, Spoilers end, [/spoilers].",
    "END SPOILERS",
    "-- spoilers over --",
)

BBCODE_SPOILER = _rule(
    "spoiler-bbcode",
    r"\[spoilers?\](?P<body>.*?)\[/spoilers?\]",
    "Forum spoiler tags [spoiler]…[/spoiler]: become the inline marker ||…||.",
    "[spoiler]she lives[/spoiler]",
    flags=re.I | re.S,
)

NATIVE_INLINE = ("||…||", ">!…!<")
"""Inline markers dramatui already reads (Discord and Reddit style): kept as they are."""

MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(?P<text>\S.*?)[ \t#]*$")
"""A Markdown heading line."""

GUIDE_HEADING = _rule(
    "guide-heading",
    r"^(?:(?:the[ \t]+)?episode[ \t]+(?:guide|scores|ratings|reviews?|breakdown|list)|"
    r"episodes|scores|ratings|(?:episode[ \t]+)?rankings?|episode[ \t]+by[ \t]+episode)$",
    "A heading that only names the guide ('Episode Guide', 'Episode Scores'): "
    "dropped when a guide follows it, since the guide becomes structured data.",
    "Episode Guide",
    "Episode Scores",
)

TITLE_IS_A = _rule(
    "title-is-a",
    r"^(?P<title>[^\s.!?,;:][^.!?,;:\n]{0,79}?)[ \t]+(?:is|was)[ \t]+(?:a|an)[ \t]",
    "The title from the first sentence of the prose: 'Moonlit Harbor is a slow-burn "
    "mystery …' (the words before 'is a' must look like a name).",
    "Soundtrack #1 is a beautiful story",
)

TITLE_HEADING_SUFFIX = re.compile(
    r"[ \t]*(?:[-–—|:,][ \t]*)?(?:(?:a|the|my)[ \t]+)?(?:(?:full|series|season[ \t]*\d{1,2}|"
    r"drama|k-?drama|tv|show|spoiler-free|spoiler[ \t]+free)[ \t]+)*"
    r"(?:season[ \t]*\d{1,2}[ \t]+)?(?:episodes?[ \t]*\d{1,4}(?:[ \t]*[-–&][ \t]*\d{1,4})?[ \t]+)?"
    r"(?:review|recap|episode[ \t]+guide|ranking|ranked|thoughts)"
    r"(?:[ \t]*(?:&|and)[ \t]*(?:review|recap|thoughts))?[ \t]*[!.]?$",
    re.I,
)
"""'– Series Review', ': Episode Guide', '– Season 1 Episode 5 Recap & Review' after a
title in a heading line."""

WATCH_STATUS = _rule(
    "watch-status",
    r"^[ \t]*(?:completed|watching|currently[ \t]+watching|dropped|on[- \t]?hold|"
    r"plan[ \t]+to[ \t]+watch|\d{1,4}[ \t]+of[ \t]+\d{1,4}[ \t]+episodes?[ \t]+(?:seen|watched))"
    r"[ \t]*$",
    "A watch-status line under a title, as review sites print it ('Completed', '16 of 16 "
    "episodes seen'): the line above it is taken as the show's title. The status stays "
    "in the prose.",
    "Completed",
    "16 of 16 episodes seen",
)

TITLE_HEADING_PREFIX = re.compile(r"^(?:review|recap|ranking)[ \t]*[:–—-][ \t]*", re.I)
"""'Review: ' before a title in a heading line."""

YEAR_IN_TITLE = re.compile(r"[ \t]*\((?P<year>(?:19|20)\d\d)\)[ \t]*")
"""'(2023)' in a heading line."""

NAME_CONNECTORS = frozenset(
    [
        "of",
        "the",
        "a",
        "an",
        "and",
        "in",
        "on",
        "to",
        "for",
        "with",
        "at",
        "by",
        "from",
        "de",
        "la",
        "le",
        "du",
        "des",
        "my",
        "your",
        "our",
        "me",
        "you",
        "is",
        "it",
        "i",
        "x",
        "&",
        "+",
        "no",
    ]
)
"""Lower-case words allowed inside a title found by title-is-a or a heading."""

NOT_NAMES = frozenset(
    [
        "this",
        "that",
        "it",
        "there",
        "here",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "what",
        "which",
        "who",
        "these",
        "those",
        "its",
        "episode",
        "season",
        "overall",
    ]
)
"""First words that show 'X is a …' is not about the show by name."""


def is_name(text: str, max_words: int = 8) -> bool:
    """Whether *text* looks like a show's name: capitalised words, numbers, connectors."""
    words = text.split()
    if not words or len(words) > max_words:
        return False
    first = words[0]
    if not (first[0].isupper() or first[0].isdigit()) or first.lower() in NOT_NAMES:
        return False
    for word in words[1:]:
        head = word.lstrip("\"“‘'(")[:1]
        if not head:
            return False
        if not (head.isupper() or not head.isalpha() or word.lower() in NAME_CONNECTORS):
            return False
    return True
