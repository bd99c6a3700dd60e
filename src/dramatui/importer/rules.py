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
from typing import Any

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


_FOLDED: tuple[str, str] = ("", "")
"""The last line folded and its result (one tuple, replaced whole: safe across threads):
each line is tested by several prefilters."""


def folded(line: str) -> str:
    """*line* in lower case, with the characters of _FOLD made ASCII: for keyword tests."""
    global _FOLDED
    last = _FOLDED
    if line is last[0]:
        return last[1]
    key = line
    if not line.isascii() and (
        "\u0130" in line or "\u0131" in line or "\u017f" in line or "\u212a" in line
    ):
        key = line.translate(_FOLD)
    key = key.lower()
    _FOLDED = (line, key)
    return key


SPOILER_KEYS = (
    "spoil",
    "스포",
    "ネタバレ",
    "剧透",
    "劇透",
    "спойл",
    "有雷",
    "防雷",
    "無雷",
    "无雷",
    "沒雷",
    "没雷",
    "雷文",
    "divulg",
)
"""Keys of a spoiler word in every language the importer reads (lower case)."""


_SPOILER_SEEN: tuple[str, bool] = ("", False)
"""The last line tested and the answer (each line is tested more than once)."""


def has_spoiler_word(line: str) -> bool:
    """Whether a spoiler rule (start, end, prefix, aside, warning) could match."""
    global _SPOILER_SEEN
    last = _SPOILER_SEEN
    if line is last[0]:
        return last[1]
    key = folded(line)
    found = "spoil" in key or (not key.isascii() and any(k in key for k in SPOILER_KEYS))
    _SPOILER_SEEN = (line, found)
    return found


def trie_pattern(words: list[str]) -> str:
    """One regular expression for a set of literal words, shaped as a trie ('fin(?:al(?:e)?
    |e)?'): the regex engine then tests each place in the text a letter at a time, far
    faster than trying every word there. The longest word wins."""
    trie: dict[str, dict[str, Any]] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if "" in node:
            return "(?:" + "|".join(branches) + ")?"
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(trie)


_SCORE_KEYS_ASCII = (
    "scor", "rating", "grade", "verdict", "overall", "punt", "calific", "nota", "note",
    "valora", "veredi", "avalia", "pontua", "classifica", "evalua", "wertung", "fazit",
    "punkte", "urteil", "voto", "valutazione", "giudizio", "punctaj", "nilai", "skor",
    "valuation",
)  # fmt: skip
_SCORE_KEYS_OTHER = (
    "évaluation", "notă", "оценк", "рейтинг", "балл", "итог", "вердикт", "평점", "점수",
    "별점", "총점", "평가", "評価", "点数", "スコア", "採点", "评分", "評分", "分数", "分數",
    "打分", "总分", "總分", "评价", "評價", "avaliação", "pontuação", "classificação",
    "calificación", "puntuación", "valoración",
)  # fmt: skip
"""Every score label contains one of these (lower case): a cheap test before SCORE_LABEL.
Plain substring tests: on a long line far cheaper than any regular expression."""


_SCORE_KEYS_SHORT = re.compile(trie_pattern([*_SCORE_KEYS_ASCII, *_SCORE_KEYS_OTHER]))
"""The same keys as one pattern: quicker than the substring tests on a short line."""


def has_score_word(line: str) -> bool:
    """Whether SCORE_LABEL could match: each match holds one of the score keys."""
    key = folded(line)
    if len(key) < 160:
        return _SCORE_KEYS_SHORT.search(key) is not None
    for k in _SCORE_KEYS_ASCII:
        if k in key:
            return True
    if key.isascii() or not ("ă" in key or _NON_LATIN.search(key)):
        return False  # the accented Latin keys hold an ASCII key: 'avaliação' 'avalia'
    return any(k in key for k in _SCORE_KEYS_OTHER)


_NON_LATIN = re.compile("[\u0400-\u04ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


EPISODE_WORDS = (
    "episode|episodes|episodio|episodios|episódio|episódios|épisode|épisodes|episodul|"
    "episoadele|episod|episoade|folge|folgen|capítulo|capitulo|capítulos|серия|серии|эпизод"
)
"""The word 'episode' in the languages the importer reads (a regex alternation)."""

_EPISODE_KEYS = re.compile("episod|épisod|folge|capítul|capitul|сери|эпизод")


def has_episode_word(line: str) -> bool:
    """Whether CHAINED_HEADER could match: each match holds a word for 'episode'."""
    key = folded(line)
    if "episod" in key:
        return True
    return (
        _EPISODE_KEYS.search(key) is not None
        if len(key) < 400
        else any(k in key for k in ("épisod", "folge", "capítul", "capitul", "сери", "эпизод"))
    )


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

NOT_A_SCORE_UNIT = (
    r"(?![ \t]*(?:episodes?\b|eps?\b|min\b|mins\b|minutes?\b|hours?\b|hrs?\b|h\b|years?\b|"
    r"yrs?\b|yo\b|seasons?\b|parts?\b|days?\b|weeks?\b|months?\b|people\b|times\b|"
    r"episodios|episódios|épisodes|folgen|episodi\b|episoade|серий|серии|минут|лет|"
    r"[€$£¥₩원분세歳岁話话集회화钟鐘]|분|시간|년|年|集|usd|eur|won\b|dollars?|euros?))"
)
"""What never follows a score: a unit (episodes, minutes, years, a currency, an age)."""

STAR_WORDS = (
    r"(?:stars?|estrellas?|estrelas?|étoiles?|sterne?|stelle|stele|bintang|"
    r"звёзд[а-я]*|звезд[а-я]*|★|⭐\ufe0f?)"
)
"""'stars' in the languages the importer reads, or a star glyph after a number."""

OUT_OF = r"(?:/|out[ \t]+of|of|sur|de|von|su|din|dari|из|em|de[ \t]+un[ \t]+total[ \t]+de)"
"""Between a value and its scale: 4/5, 4 out of 5, 4 sur 5, 4 von 5, 4 из 5."""

SCALE_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 100})
"""The scales a fraction may be on; '12/16' (a watch count) and '16/9' are not scores."""

VALUE_RULES: tuple[Rule, ...] = (
    _rule(
        "fraction",
        rf"(?P<num>{NUM})[ \t]*(?P<of>{OUT_OF})[ \t]*(?P<den>\d{{1,3}})(?![\d.,]\d|\w)"
        rf"(?:[ \t]*{STAR_WORDS})?(?![ \t]*(?:episodes?|eps?|seen|watched)\b(?![ \t]*\d))",
        "A number over a scale: 4/5, 7.5/10, 7 / 10, 83/100, 4 out of 5, 4 of 5, 16 sur 20, "
        "3/5 stars; the scale must be one of 2-10, 20 or 100 and no unit may follow "
        "(12/16 episodes is a watch count).",
        "4/5",
        "7.5/10",
        "83 / 100",
        "4 out of 5",
        "4 of 5",
        "16 sur 20",
        "3/5 stars",
    ),
    _rule(
        "percent",
        r"(?P<num>\d{1,3}(?:[.,]\d{1,2})?)[ \t]*%",
        "A percentage, on a scale of 100: 85%, 92,5 %.",
        "85%",
        "92,5 %",
    ),
    _rule(
        "star-glyphs",
        r"(?P<full>(?:[★✭✮✯]|⭐\ufe0f?){1,10})[ \t]?(?P<half>½|⯪|⯨|1/2|\.5)?(?P<empty>[☆✩]{0,10})"
        r"|(?P<onlyhalf>½|⯪|⯨)(?P<empty2>[☆✩]{0,10})",
        "Star glyphs, out of 5 (or the number of glyphs when more): ★★★½, ★★★★☆, ⭐⭐⭐⭐, ★★★1/2.",
        "★★★½",
        "★★★★☆",
        "★★",
        "⭐⭐⭐⭐",
        "★★★1/2",
        flags=0,
    ),
    _rule(
        "stars-word",
        rf"(?P<num>{NUM})[ \t]*{STAR_WORDS}(?![ \t]*(?:/|out\b|of\b))",
        "A number of stars, out of 5: 4.5 stars, 3 stars, 3½ stars, 4 estrellas, 3.5★.",
        "4.5 stars",
        "3 star",
        "3½ stars",
        "4 estrellas",
        "3.5★",
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
        rf"(?P<num>{NUM})(?![\d/%+]|[ \t]*(?:{STAR_WORDS}|out\b|of\b))(?:[ \t]*(?:점|点|分|pts?\b|"
        rf"points?\b|puntos|pontos|punkte|punti|баллов|балла|балл))?" + NOT_A_SCORE_UNIT,
        "A bare number, only after a score label (8, 8점, 8 points); its scale is inferred "
        "from the others. Never a number with a unit (16 episodes, 60 min, 28 years, $5) or "
        "an age rating (15+).",
        "83",
        "7.5",
        "8점",
    ),
)
"""Tried in order at the position after a score label."""

TRAILING_VALUE_RULES = tuple(r for r in VALUE_RULES if r.name != "bare-number")
"""At the end of a guide line without a label a bare number is not a score: 1x04 - 2 Days."""


# ---------------------------------------------------------------------------
# Score labels


def top_level(alternation: str) -> list[str]:
    """The alternatives of a pattern, split at the '|' outside any group."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(alternation):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(alternation[start:i])
            start = i + 1
    out.append(alternation[start:])
    return out


def expand(pattern: str) -> list[str]:
    """Every literal phrase a word-list pattern stands for. Such patterns use only
    '(?:a|b)' groups, '[ab]' classes and '?' after a letter, a class or a group
    ('ends? up' -> 'end up', 'ends up'; 'puntuaci[óo]n' -> both spellings)."""
    units: list[list[str]] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("(?:", i):
            depth, j = 0, i
            while True:
                if pattern[j] == "(":
                    depth += 1
                elif pattern[j] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            choices = [phrase for part in top_level(pattern[i + 3 : j]) for phrase in expand(part)]
            i = j + 1
        elif pattern[i] == "[":
            j = pattern.index("]", i)
            choices = list(pattern[i + 1 : j])
            i = j + 1
        elif pattern[i] == "\\":
            choices = [pattern[i + 1]]
            i += 2
        else:
            choices = [pattern[i]]
            i += 1
        if i < len(pattern) and pattern[i] == "?":
            choices.append("")
            i += 1
        units.append(choices)
    phrases = [""]
    for choices in units:
        phrases = [head + tail for head in phrases for tail in choices]
    return phrases


_LATIN_LABELS = (
    r"score|rating|grade|verdict|overall|"
    r"puntuaci[óo]n|calificaci[óo]n|nota|valoraci[óo]n|veredicto|puntaje|"
    r"avalia[çc][ãa]o|pontua[çc][ãa]o|veredito|classifica[çc][ãa]o|"
    r"note|[ée]valuation|"
    r"bewertung|wertung|gesamtwertung|gesamtnote|fazit|punkte|urteil|"
    r"voto|punteggio|valutazione|giudizio|verdetto|"
    r"not[ăa]|scor|punctaj|evaluare|calificativ|"
    r"nilai|skor|penilaian|"
    r"оценка|рейтинг|балл|баллы|итог|вердикт"
)
_CJK_LABELS = (
    r"평점|점수|별점|총점|평가|評価|点数|スコア|採点|総合評価|总评分|評分|评分|分数|分數|打分|总分|總分|"
    r"评价|評價"
)
_LABEL_PREFIX = (
    r"overall|final|series|show|total|episode|review|reviewer'?s|my|our|personal|the|"
    r"mi|nuestra|minha|nossa|ma|mon|notre|meine|mein|unsere|il[ \t]+mio|mio|mia|nostro|"
    r"nostra|mea|noastr[ăa]|итоговая|общая|моя|наша|личная|총|나의|내|개인|私の|個人的|"
    r"总|總|个人|個人|我的"
)
_LABEL_POST = (
    r"final|finale|final[ăa]|finala|general[ăa]?|g[ée]n[ée]rale?|geral|global(?:e)?|"
    r"total(?:e)?|akhir|keseluruhan|pribadi|saya|personnelle|personale|complessivo"
)

SCORE_LABEL = _rule(
    "score-label",
    r"(?<![\w-])(?P<prefix>(?:(?:" + _LABEL_PREFIX + r")[ \t]*){0,2})"
    r"(?P<label>(?:" + _LATIN_LABELS + r")(?![\w])|(?:" + _CJK_LABELS + r")(?:은|는|이)?)"
    r"(?P<post>[ \t]+(?:" + _LABEL_POST + r")(?![\w]))?" + r"[\s:=|*–—：→-]*",
    "A score label, in English or the other languages the importer reads: Score:, Review "
    "Score –, Episode Score:, Rating:, Grade:, Verdict:, Overall score:, My rating:, "
    "Puntuación:, Nota final:, Note :, Bewertung:, Voto:, Notă:, Nilai:, Оценка:, 평점:, "
    "評価:, 评分:.",
    "Score: ",
    "Review Score – ",
    "Episode Score: ",
    "Overall score: ",
    "Nota final: ",
    "Оценка: ",
    "평점: ",
    "评分：",
)


def _words(pattern: str) -> list[str]:
    return [p.lower() for alternative in top_level(pattern) for p in expand(alternative)]


LABEL_TAIL = re.compile(
    r"(?:은|는|이)?(?P<post>[ \t]+(?:" + _LABEL_POST + r")(?![\w]))?[\s:=|*–—：→-]*", re.I
)
"""What follows a label word found by LABEL_HITS: a particle, 'final', separators."""
LABEL_HITS = re.compile(
    r"(?:"
    + trie_pattern(_words(_LATIN_LABELS))
    + r")(?![\w])|(?:"
    + trie_pattern(_words(_CJK_LABELS))
    + ")"
)
"""Every label word, in lower-cased text, as one trie-shaped pattern: one fast pass."""
LABEL_PREFIX_WORDS = frozenset(_words(_LABEL_PREFIX.replace(r"[ \t]+", " ")))
"""The words that may stand before a label (up to two of them): Overall, My, Episode …"""


SERIES_PREFIXES = ("overall", "final", "series", "show", "total")
"""Label prefixes that make a score the review's, never an episode's."""

SERIES_WORDS = frozenset(
    [
        "overall",
        "final",
        "series",
        "show",
        "total",
        "finale",
        "finală",
        "finala",
        "general",
        "generală",
        "générale",
        "generale",
        "geral",
        "global",
        "globale",
        "totale",
        "akhir",
        "keseluruhan",
        "complessivo",
        "итоговая",
        "общая",
        "итог",
        "gesamtwertung",
        "gesamtnote",
        "fazit",
        "verdict",
        "veredicto",
        "veredito",
        "verdetto",
        "вердикт",
        "총",
        "총점",
        "总",
        "總",
        "總分",
        "总分",
        "総合評価",
        "总评分",
    ]
)
"""Words of a label (before, in or after it) that make a score the review's own."""

OTHER_SCORE = re.compile(
    r"(?:mdl|mydramalist|imdb|douban|豆瓣|asianwiki|viki|netflix|rotten|tomatometer|metacritic|"
    r"letterboxd|tmdb|kinopoisk|кинопоиск|naver|네이버|watcha|왓챠|filmarks|audiences?|"
    r"viewers?'?|users?'?|community|public|average|avg\.?|critics'?|nielsen|agb|tnms|"
    r"viewership|시청률|視聴率|收视率|收視率|peak|age|content|parental|sitewide|site)"
    r"(?:'s)?[ \t:]*(?:users?'?[ \t]*)?$",
    re.I,
)
"""Just before a label or value: the score is a database's, an audience's or a viewership
figure, not the reviewer's (it stays in the text)."""
OTHER_SCORE_WORDS = frozenset(
    [
        "mdl",
        "mydramalist",
        "imdb",
        "douban",
        "豆瓣",
        "asianwiki",
        "viki",
        "netflix",
        "rotten",
        "tomatoes",
        "tomatometer",
        "metacritic",
        "letterboxd",
        "tmdb",
        "kinopoisk",
        "кинопоиск",
        "naver",
        "네이버",
        "watcha",
        "왓챠",
        "filmarks",
        "audience",
        "audiences",
        "viewer",
        "viewers",
        "user",
        "users",
        "community",
        "public",
        "average",
        "avg",
        "critic",
        "critics",
        "nielsen",
        "agb",
        "tnms",
        "viewership",
        "시청률",
        "視聴率",
        "收视率",
        "收視率",
        "peak",
        "age",
        "content",
        "parental",
        "sitewide",
        "site",
    ]
)
"""The words of OTHER_SCORE: the last words before a score are looked up here first."""

# ---------------------------------------------------------------------------
# Episode headers: where an entry of the guide starts. Matched at the start of a line.

_AFTER_HEADER = (
    r"(?=[ \t]*(?:$|[:.)\]|*–—\-：]|[\"“‘«「『《]|(?:review[ \t]+|episode[ \t]+)?"
    r"(?:score|rating|grade|puntuaci|nota\b|note\b|bewertung|voto\b|nilai|оценка)))"
)

SEASON_WORDS = r"(?:season|series|temporada|saison|staffel|stagione|sezonul|sezon|musim|сезон)"
"""The word 'season' in the languages the importer reads."""

_RANGE = (
    r"(?:[ \t]*(?:[-–—~&+]|to|and|y|e|et|und|și|si|dan|и|bis|a|à|até)[ \t]*"
    r"(?:(?:ep\.?|e)[ \t]*)?(?P<ep2>\d{1,4})(?![\d/%]|[.,]\d))?"
)
"""The end of a range of episodes: 'Episodes 1–2', 'Ep 3 & 4', 'Episodios 5 y 6'."""

KANJI_DIGITS = "〇一二三四五六七八九"
_KANJI = r"[〇零一二两兩三四五六七八九十百]{1,5}"


def kanji_number(text: str) -> int:
    """'12' or '十二' -> 12 (the Chinese numerals episode headers use, up to 999)."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = {"零": 0, "两": 2, "兩": 2}.get(ch, KANJI_DIGITS.find(ch))
    return total + current


HEADER_RULES: tuple[Rule, ...] = (
    _rule(
        "episode-word",
        rf"^{LEAD}(?:{SEASON_WORDS}[ \t]*(?P<season>\d{{1,2}})[ \t]*[,:–—-]?[ \t]*)?"
        rf"(?:{EPISODE_WORDS}|eps?\.?)[ \t]*(?>(?P<ep>\d{{1,4}}){_RANGE})(?![\d/%]|[.,]\d)"
        rf"(?:\*\*|__)?{_AFTER_HEADER}",
        "Episode N, Ep. N, Episodes N–M or Season S, Episode N (also Episodio, Épisode, Folge, "
        "Episodul, Серия …) at the start of a line, followed by a separator, a quoted title, "
        "a score label or the end of the line (so 'Episode 3 is the best' is prose). A range "
        "is one part covering both episodes.",
        "Episode 3: “The Long Night”",
        "Season 1 Episode 8 – Review Score: 7.5/10",
        "Season 2, Episode 4: Low Tide",
        "Ep. 4 - Title",
        "Episodes 1–2: Opening week",
        "Episodio 5: La carta",
    ),
    _rule(
        "e-code",
        rf"^{LEAD}E(?>(?P<ep>\d{{1,4}}){_RANGE})(?!\w)(?:\*\*|__)?{_AFTER_HEADER}",
        "E01 numbering at the start of a line, followed by a separator: E01 – Title.",
        "E01 – The Letter",
        "E03-E04: Two at once",
    ),
    _rule(
        "bracket-code",
        rf"^{LEAD}\[(?P<season>\d{{1,2}})\.(?P<ep>\d{{1,3}})\](?:\*\*|__)?",
        "[S.EE] numbering: [1.01] Title.",
        "[1.01] Pilot — 83/100",
    ),
    _rule(
        "x-code",
        rf"^{LEAD}(?P<season>\d{{1,2}})x(?P<ep>\d{{1,3}})(?:[ \t]*[-–&][ \t]*(?:\d{{1,2}}x)?"
        rf"(?P<ep2>\d{{1,3}})(?![\d/]))?(?!\w)(?:\*\*|__)?",
        "SxEE numbering: 1x04 - Title; 1x04-05 is a range.",
        "1x04 - The Ferry",
    ),
    _rule(
        "se-code",
        rf"^{LEAD}S(?P<season>\d{{1,2}})[ \t]?E(?P<ep>\d{{1,4}})"
        rf"(?:[ \t]*[-–&][ \t]*(?:S\d{{1,2}})?E(?P<ep2>\d{{1,4}}))?(?!\w)(?:\*\*|__)?",
        "SxxEyy numbering: S01E04 Title; S01E04-E05 is a range.",
        "S01E04: Low Tide",
        "S02E01-E02 – Back again",
    ),
    _rule(
        "cjk-episode",
        rf"^{LEAD}(?:제[ \t]*(?P<ep>\d{{1,4}})(?:[ \t]*[-~–][ \t]*(?P<ep2>\d{{1,4}}))?"
        r"[ \t]*(?:화|회)"
        rf"|(?P<epk>\d{{1,4}})(?:[ \t]*[-~–][ \t]*(?P<ep2k>\d{{1,4}}))?[ \t]*(?:화|회)"
        rf"|第[ \t]*(?P<epc>\d{{1,4}}|{_KANJI})"
        rf"(?:[ \t]*[-~–至到][ \t]*(?P<ep2c>\d{{1,4}}|{_KANJI}))?"
        rf"[ \t]*(?:話|话|集|回)"
        rf"|(?P<epr>\d{{1,4}})(?:-?(?:я|ая))?[ \t]+(?:серия|эпизод))(?![가-힣\w])",
        "Korean, Japanese, Chinese and Russian episode headers: 1화, 제1회, 第1話, 第十二集, "
        "第3回, 3 серия; a range 1-2화 is one part covering both.",
        "1화 – 첫 만남",
        "제3회",
        "第1話「出会い」",
        "第十二集",
        "3 серия",
    ),
)
"""Tried in order at the start of each line."""


def header_numbers(match: re.Match[str]) -> tuple[int, int | None]:
    """The episode number a header rule matched, and the end of its range (or None)."""
    groups = match.groupdict()
    for first, last in (("ep", "ep2"), ("epk", "ep2k"), ("epc", "ep2c"), ("epr", None)):
        if groups.get(first):
            number = kanji_number(groups[first])
            end = groups.get(last) if last else None
            end_number = kanji_number(end) if end else None
            if end_number is not None and not number < end_number <= number + 50:
                end_number = None
            return number, end_number
    raise ValueError("no episode number in the match")  # pragma: no cover


CHAINED_HEADER = _rule(
    "chained-episode",
    r"(?<!\w)(?:season[ \t]*(?P<season>\d{1,2})[ \t]*[,:–—-]?[ \t]*)?(?:" + EPISODE_WORDS + r")"
    r"[ \t]*(?P<ep>\d{1,4})[ \t]*[-–—|:]{0,4}[ \t]*"
    r"(?=(?:review[ \t]+|episode[ \t]+)?(?:score|rating|grade|puntuaci[óo]n|nota|note|bewertung|"
    r"voto|nilai|оценка)\b)",
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
    r"[(\[]?[ \t]*(?:(?<!\w)(?:" + EPISODE_WORDS + r"|ep\.?|e)[ \t]*(?P<ep>\d{1,4})(?!\d)"
    r"|(?<!\w)S\d{1,2}[ \t]?E(?P<eps>\d{1,4})(?!\w)|(?<!\w)\d{1,2}x(?P<epx>\d{1,3})(?!\w)"
    r"|(?<![\w.])(?P<epk>\d{1,4})[ \t]*(?:화|회)(?![가-힣])"
    r"|第[ \t]*(?P<epc>\d{1,4})[ \t]*(?:話|话|集|回))"
    r"[ \t]*[)\]]?",
    "An episode number stated inside a ranked entry: (Episode 5), Ep. 5, (E05), S01E05, "
    "1x05, 5화, 第5話.",
    "(Episode 5)",
    "Ep. 5",
    "(E05)",
    "S01E05",
    "第5話",
)


def ref_number(match: re.Match[str]) -> int:
    """The episode number an EPISODE_REF match states."""
    for name in ("ep", "eps", "epx", "epk", "epc"):
        if match[name]:
            return int(match[name])
    raise ValueError("no episode number in the match")  # pragma: no cover


QUOTED_TITLE = re.compile(r"[ \t]*[\"“‘«「『《](?P<title>[^\"”’»」』》\n]{1,200})[\"”’»」』》]")
"""A quoted episode title after a header."""

TITLE_STOP = re.compile(r"[ \t]+[–—|-][ \t]+|:[ \t]|\.[ \t]|[ \t]\(|[ \t]*$")
"""Where an unquoted title after a header ends."""


# ---------------------------------------------------------------------------
# Whole-line rules

SCORE_PAIR = _rule(
    "score-pair",
    rf"[ \t]*(?P<label>[^\W\d_](?:[^\W\d_]|[/&'’ .-]){{0,30}}?)[ \t]*[:=–—：-]?[ \t]*(?P<num>{NUM})"
    r"(?:[ \t]*/[ \t]*(?P<den>\d{1,3}))?(?![\w.])[ \t]*[,;|•·]?",
    "One 'Label number' pair of a series score table; a line made only of such pairs, "
    "or a run of such lines, with an Overall (or Total/Final, or the same word in another "
    "language) pair, gives the review's score and sub-scores, as MyDramaList prints them: "
    "'Overall 8.5 Story 8.0 Acting/Cast 9.0 Music 7.5', 'Général 8.0', 'Gesamt 7.5'.",
    "Overall 8.5",
    "Acting/Cast 9.0",
    "Rewatch Value: 6/10",
    "Música 7.5",
)

OVERALL_LABELS = frozenset(
    [
        "overall",
        "total",
        "final",
        "final score",
        "overall score",
        "total score",
        "overall rating",
        "general",
        "général",
        "geral",
        "gesamt",
        "gesamtwertung",
        "complessivo",
        "generale",
        "keseluruhan",
        "общее",
        "общая",
        "общий",
        "итог",
        "итого",
        "총점",
        "종합",
        "전체",
        "総合",
        "全体",
        "总体",
        "總體",
        "总分",
        "總分",
        "综合",
        "綜合",
    ]
)
"""Labels in a score table that name the review's own score."""

SUB_SCORE_KEYS: dict[str, str] = {}
"""Sub-score labels of MyDramaList-style tables (lower case) -> the show file's key."""
for _key, _labels in {
    "story": "story|historia|história|histoire|geschichte|handlung|storia|poveste|cerita|"
    "сюжет|история|스토리|줄거리|ストーリー|故事|剧情|劇情",
    "acting_cast": "acting/cast|acting|cast|actuación/elenco|actuación|elenco|atuação/elenco|"
    "atuação|jeu d'acteur/casting|jeu d’acteur/casting|jeu d'acteur|casting|"
    "schauspiel/besetzung|schauspiel|besetzung|recitazione/cast|recitazione|"
    "actorie/distribuție|actorie|akting/pemeran|akting|pemeran|актёрская игра|"
    "актерская игра|актёры|актеры|연기/캐스팅|연기|演技/キャスト|演技|演技/演员|演技/演員",
    "music": "music|música|musique|musik|musica|muzică|muzica|музыка|음악|音楽|音乐|音樂",
    "rewatch_value": "rewatch value|rewatch|valor de repetición|valor de rever|"
    "valor de reassistir|revoir|valeur de revisionnage|wiederholungswert|wiederschauwert|"
    "valore di rewatch|rivedibilità|valoare de revizionare|nilai tonton ulang|пересмотр|"
    "ценность пересмотра|재시청|재시청 가치|再視聴|再視聴価値|重看价值|重温价值|重溫價值",
}.items():
    for _label in _labels.split("|"):
        SUB_SCORE_KEYS[_label] = _key

FACT_KEYS: dict[str, str] = {}
"""Fact label (lower case) -> the fact it gives: title, original title, year, country,
network, genres, episodes, cast, aired."""
for _fact, _labels in {
    "title": "title|título|titre|titel|titolo|titlu|judul|название|제목|タイトル|标题|標題|"
    "剧名|劇名",
    "original title": "original title|native title|título original|titre original|originaltitel|"
    "titolo originale|titlu original|judul asli|оригинальное название|원제|原題|原名|原标题",
    "year": "year|año|ano|année|jahr|anno|an|tahun|год|연도|年份|年",
    "country": "country|country of origin|país|pays|land|paese|țară|tara|negara|страна|국가|"
    "制作国|国|国家|國家|地区|國家/地區|国家/地区",
    "network": "network|networks|channel|broadcaster|platform|streaming on|streaming|"
    "where to watch|"
    "original network|cadena|canal|emisora|emissora|plataforma|chaîne|diffuseur|plateforme|"
    "sender|rete|canale|piattaforma|rețea|retea|jaringan|stasiun tv|stasiun|канал|"
    "платформа|방송사|방송국|채널|플랫폼|放送局|配信|电视台|電視台|播出平台|平台",
    "genres": "genre|genres|género|géneros|gênero|gêneros|genere|generi|gen|жанр|жанры|장르|"
    "ジャンル|类型|類型|类别",
    "episodes": "episodes|no. of episodes|number of episodes|episode count|episodios|"
    "nº de episodios|número de episodios|episódios|número de episódios|épisodes|"
    "nombre d'épisodes|folgen|episoden|anzahl der folgen|episodi|numero di episodi|episoade|"
    "număr de episoade|jumlah episode|серии|количество серий|эпизоды|회차|에피소드|"
    "부작|話数|集数|集數",
    "cast": "cast|main cast|starring|reparto|elenco|distribution|casting|besetzung|"
    "darsteller|cast principale|distribuție|distributie|pemeran|в ролях|актёры|актеры|"
    "출연|출연진|キャスト|出演|主演|演员|演員",
    "aired": "aired|air date|air dates|airing|airing dates|release date|released|premiere|"
    "emisión|fecha de emisión|transmisión|exibição|estreia|diffusion|ausstrahlung|"
    "erstausstrahlung|in onda|trasmissione|difuzare|tayang|показ|дата выхода|방영|방송 기간|"
    "放送|放送期間|播出|首播|播出时间|播出時間",
}.items():
    for _label in _labels.split("|"):
        FACT_KEYS.setdefault(_label, _fact)

METADATA = _rule(
    "metadata",
    r"^[ \t]*(?:#{1,6}[ \t]*|[-*•][ \t]+)?(?:\*\*|__)?(?P<key>[^:：\n*_]{1,40}?)"
    r"(?:\*\*|__)?[ \t]*[:：](?:\*\*|__)?[ \t]*(?P<value>\S[^\n]{0,300}?)[ \t]*$",
    "A fact line, anywhere in the text, in English or the other languages the importer "
    "reads: Title, Original title, Year, Country, Network (Channel, Platform, Streaming "
    "on), Genre(s), Episodes (No. of episodes), Cast, Aired — even after a Markdown '#'. "
    "The label before the colon must be one of FACT_KEYS.",
    "Title: Moonlit Harbor",
    "Year: 2023",
    "No. of episodes: 16",
    "## Network: tvN",
    "Género: Romance",
    "방송사: JTBC",
)


def fact_of(line: str) -> tuple[str, str] | None:
    """The fact a 'Label: value' line gives, as (fact, value), or None."""
    colon = line.find(":", 0, 64)
    if colon < 0:
        colon = line.find("：", 0, 64)
        if colon < 0:
            return None
    label = line[:colon].strip(" \t#*_-•").lower()
    fact = FACT_KEYS.get(" ".join(label.split()))
    if fact is None:
        return None
    match = METADATA.pattern.match(line)
    return (fact, match["value"]) if match is not None else None


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

SPOILER_WORD = re.compile(
    r"(?<![\w-])(?:spoil(?:er(?:s|y|e|ele)?|ing|s)?|espóiler\w*|divulgâch\w*)(?![\w-])|"
    r"(?<![\w-])spoiler-?\w*|спойлер\w*|спойлить|스포(?:일러)?|ネタバレ|剧透|劇透|有雷|雷文|防雷",
    re.I,
)
"""A word for 'spoiler' (or 'to spoil'), in the languages the importer reads. Not
'spoiled' or 'spoilt' (a spoiled heir is a character, not a warning)."""

_WONT_SPOIL = (
    # "I won't spoil" in the other languages (a space stands for any run of spaces)
    r"\bno (?:voy a |vamos a )?(?:hacer|dar|contar) (?:ningún |ning[uú]n )?spoil\w*|"
    r"\bno har[ée] spoil\w*|\bn[ãa]o (?:vou |vamos )?(?:dar|fazer|contar) (?:nenhum )?spoil\w*|"
    r"\bne (?:vais |vas |va )?pas spoil\w*|\bje ne spoile\w*|\bnicht spoilern|"
    r"\bwerde nicht spoilern|\bnon (?:farò|faccio|voglio fare|faremo) spoiler\w*|"
    r"\bnu (?:dau|fac|o să dau) spoiler\w*|\btidak (?:akan )?(?:memberi |kasih )?spoiler\w*|"
    r"не (?:буду )?спойлерить|не буду спойлер\w*|스포(?:일러)? ?(?:안|하지 ?않)"
).replace(" ", r"[ \t]+")

SPOILER_NEGATION = re.compile(
    r"(?:" + _WONT_SPOIL + r"|\bno(?:n)?[- \t]?spoil\w*|spoiler[- \t]?free|spoilerfrei|"
    r"\bwithout[ \t]+(?:any[ \t]+)?spoil\w*|"
    r"\bwon'?t[ \t]+spoil|\bwon’t[ \t]+spoil|\bwill[ \t]+not[ \t]+spoil|\bnot[ \t]+(?:going|"
    r"gonna)[ \t]+"
    r"(?:to[ \t]+)?spoil|\bnot[ \t]+to[ \t]+spoil|\bdon'?t[ \t]+(?:want|wanna)[ \t]+to[ \t]+spoil|"
    r"\bdon’t[ \t]+(?:want|wanna)[ \t]+to[ \t]+spoil|\bavoid(?:ing)?[ \t]+spoil\w*|"
    r"\bfree[ \t]+(?:of|from)[ \t]+spoil\w*|\bsin[ \t]+(?:hacer[ \t]+)?spoil\w*|"
    r"\bsem[ \t]+spoil\w*|"
    r"\bsans[ \t]+spoil\w*|\bpas[ \t]+de[ \t]+spoil\w*|\bohne[ \t]+spoiler\w*|"
    r"\bkeine[ \t]+spoiler\w*|"
    r"\bsenza[ \t]+spoiler\w*|\bniente[ \t]+spoiler\w*|\bnessuno[ \t]+spoiler\w*|"
    r"\bf[ăa]r[ăa][ \t]+spoiler\w*|"
    r"\btanpa[ \t]+spoiler\w*|\bbebas[ \t]+spoiler\w*|без[ \t]+спойлер\w*|спойлеров[ \t]+нет|"
    r"스포(?:일러)?[ \t]*(?:없|x\b)|노[ \t]*스포|무[ \t]*스포|"
    r"ネタバレ(?:なし|無し|無|しない|ありません|しません)|"
    r"(?:无|無|不|零|没有|沒有)[ \t]*(?:剧透|劇透|雷))",
    re.I,
)
"""A sentence that says there are no spoilers, or that the writer will not spoil: not a
warning, but a sign that a hint may follow."""


_NEGATION_KEYS = (
    "no", "free", "frei", "without", "won", "not", "don", "avoid", "sin", "sem", "sans",
    "não", "nao", "ne", "nicht", "nu", "tidak", "не", "안", "하지",
    "pas", "ohne", "keine", "senza", "niente", "nessun", "fără", "fara", "tanpa", "bebas",
    "без", "нет", "없", "x", "노", "무", "なし", "無", "しない", "ありません", "しません",
    "无", "不", "零", "没有", "沒有",
)  # fmt: skip
"""Every negation of SPOILER_NEGATION holds one of these (lower case): a quick test."""


def is_negated(text: str, start: int, end: int) -> bool:
    """Whether the spoiler word at ``text[start:end]`` is part of 'no spoilers', 'I won't
    spoil', … (looked for in a short window around the word, not in the whole text)."""
    lo = max(0, start - 40)
    window = text[lo : end + 16].lower()
    if not any(key in window for key in _NEGATION_KEYS):
        return False
    for negation in SPOILER_NEGATION.finditer(text, lo, min(len(text), end + 16)):
        if negation.start() <= start and negation.end() >= end - 1:
            return True
    return False


SPOILER_CUE = re.compile(
    r"ahead|below|follow|alert|warning|beware|contains?|heavy|major|discuss|talk|"
    r"advertencia|alerta|aviso|contiene|contém|attention|contient|achtung|enthält|attenzione|"
    r"contiene|aten[țt]ie|con[țt]ine|peringatan|mengandung|внимание|осторожно|содержит|"
    r"주의|있음|포함|注意|あり|含む|预警|預警|警告|慎入|有雷|abajo|abaixo|ci-dessous|unten|sotto|"
    r"mai[ \t]+jos|di[ \t]+bawah|ниже|아래|以下|下記|from[ \t]+here|a[ \t]+partir|à[ \t]+partir|"
    r"ab[ \t]+hier|da[ \t]+qui|de[ \t]+aici|dari[ \t]+sini|далее",
    re.I,
)
"""Words that make a sentence with a spoiler word a clear warning (else the importer is
unsure, hides what follows all the same, and says so)."""

SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)\]]*[ \t]+(?=[^a-z])|(?<=[。！？])[ \t]*")
"""Where a sentence ends inside a line: after . ! ? … and a space, or after 。！？."""

RECAP_HEADING = re.compile(
    r"^(?:episode[ \t]*\d{1,4}[ \t]*)?[:–—-]?[ \t]*(?:the[ \t]+)?(?:recap|plot[ \t]+recap|"
    r"plot[ \t]+summary|episode[ \t]+summary|summary|what[ \t]+happened|resumen|resumo|récap\w*|"
    r"résumé|zusammenfassung|handlung|riassunto|rezumat|ringkasan|пересказ|краткое[ \t]+содержание|"
    r"줄거리|요약|あらすじ|剧情|劇情|回顾|回顧)\b",
    re.I,
)
"""A heading over a recap of what happened: what follows it is hidden, like a warning."""

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
    r"^(?P<title>[^\s.!?,;:][^.!?,;:\n]{0,79}?)[ \t]*(?:\((?:19|20)\d\d\)[ \t]*)?"
    r"(?:[ \t](?:is|was)[ \t]+(?:a|an|the|one)[ \t]|,[ \t]+(?:a|an|the)[ \t]"
    r"|[ \t](?:es|era|é|est|ist|war|è|este|adalah|merupakan|—|–)[ \t]+"
    r"(?:un|una|uma|um|une|ein|eine|einer|o|la|el|le|der|die|das|sebuah|salah|drama|serial)[ \t])",
    "The title from the first sentence of the prose: 'Moonlit Harbor is a slow-burn "
    "mystery …', 'Moonlit Harbor (2021) is the …', 'Moonlit Harbor, a 2021 drama …', "
    "'Moonlit Harbor es una …' (the words before must look like a name).",
    "Soundtrack #1 is a beautiful story",
    "Moonlit Harbor, a 2021 drama about",
    "Puerto de Luna es una serie",
)

TITLE_TAGS = re.compile(
    r"^[ \t]*[【\[][^】\]\n]{1,30}[】\]][ \t]*|[ \t]*[(\[【][^)\]】\n]{0,30}"
    r"(?:spoil|스포|ネタバレ|剧透|劇透|спойл)[^)\]】\n]{0,30}[)\]】][ \t]*$",
    re.I,
)
"""A tag before a title ('【드라마 리뷰】', '[Review]') or a spoiler note after it ('(스포
있음)', '[spoiler-free]', '(no spoilers)'): not part of the title."""

TITLE_QUOTES = re.compile(r"[『「《〈](?P<title>[^』」》〉\n]{1,80})[』」》〉]")
"""A title in the quotes of Korean, Japanese and Chinese writing: 『…』 「…」 《…》 〈…〉."""

_REVIEW_WORDS = (
    r"review|reviews|recap|recaps|ranking|ranked|thoughts|discussion|"
    r"first[ \t]+impressions|impressions|"
    r"verdict|reseña|resena|crítica|critica|análise|analise|critique|avis|kritik|rezension|"
    r"recensione|recenzie|recenzia|ulasan|обзор|рецензия|отзыв|리뷰|후기|감상|감상평|"
    r"レビュー|感想|评论|評論|影评|剧评|劇評|观后感|觀後感"
)

TITLE_HEADING_SUFFIX = re.compile(
    r"[ \t]*(?:[-–—|:,][ \t]*)?(?:(?:a|the|my|our)[ \t]+)?(?:(?:full|series|season[ \t]*\d{1,2}|"
    r"drama|k-?drama|c-?drama|j-?drama|tv|show|spoiler-free|spoiler[ \t]+free|finale|final|"
    r"mid-?season|quick|short|honest|non-spoiler|weekly|daily|episode-by-episode)[ \t]+)*"
    r"(?:season[ \t]*\d{1,2}[ \t]+)?(?:(?:episodes?|"
    r"ep\.?)[ \t]*\d{1,4}(?:[ \t]*[-–&][ \t]*\d{1,4})?[ \t]+)?"
    r"(?:(?:" + _REVIEW_WORDS + r"|episode[ \t]+guide)"
    r"(?:[ \t]*(?:&|and|\+)[ \t]*(?:review|recap|thoughts|ranking))?"
    r"|every[ \t]+episode[ \t]+ranked|all[ \t]+episodes[ \t]+ranked|episodes[ \t]+ranked"
    r"|ranked[ \t]+from[ \t]+(?:best|worst)[ \t]+to[ \t]+(?:best|worst))[ \t]*[!.]?$",
    re.I,
)
"""'– Series Review', ': Episode Guide', '– Season 1 Episode 5 Recap & Review', ': every
episode ranked', ' 리뷰' after a title in a heading line."""

_STATUS_WORDS = (
    r"completed|finished|watching|currently[ \t]+watching|dropped|on[- \t]?hold|"
    r"plan[ \t]+to[ \t]+watch|watched|visto|terminado|completado|assistido|terminé|vu|"
    r"abgeschlossen|gesehen|completato|vizionat|selesai|просмотрено|시청[ \t]*완료|완료|"
    r"視聴済み|完走|看完|已看完"
)
_COUNT = r"\d{1,4}[ \t]*(?:/|of|de|sur|von|di|din|dari|из)[ \t]*\d{1,4}"
WATCH_STATUS = _rule(
    "watch-status",
    r"^[ \t]*(?:(?:(?:status|my[ \t]+status|progress)[ \t]*:?[ \t]*)?(?:" + _STATUS_WORDS + r")"
    r"(?:[ \t]*[:(]?[ \t]*" + _COUNT + r"(?:[ \t]+(?:episodes?|eps?\.?))?[ \t]*\)?)?"
    r"|(?:(?:progress|episodes[ \t]+(?:seen|watched))[ \t]*:?[ \t]*)"
    + _COUNT
    + r"|\(?"
    + _COUNT
    + r"[ \t]+(?:episodes?|eps?\.?)(?:[ \t]+(?:seen|watched))?\)?"
    r"|" + _COUNT + r"[ \t]+(?:seen|watched))[ \t]*$",
    "A watch-status line as review sites print it, with or without a count ('Completed', "
    "'Completed 16/16', '16 of 16 episodes seen', 'Status: Watching (3/12)'): never a "
    "title and never a score; the line above it is taken as the show's title. The status "
    "stays in the prose.",
    "Completed",
    "16 of 16 episodes seen",
    "Completed 16/16",
    "Status: Watching (3/12)",
)

TITLE_HEADING_PREFIX = re.compile(
    r"^(?:(?i:(?:[\w'’.&+/-]+[ \t]+){0,3}?(?:" + _REVIEW_WORDS + r"|now[ \t]+watching|watching|"
    r"column|spotlight|rewind|drama[ \t]+diary|binge|pick)"
    r"(?:(?:[ \t]+(?:of|de|da|do|di|del|della|von|du|des|la|for))[ \t]+|[ \t]*[:|–—-]+[ \t]*))"
    r"|[A-Z0-9][A-Z0-9 &'’.-]{1,30}[ \t]*[|:][ \t]*)",
)
"""'Review: ', 'DRAMA REVIEW | ', 'Finale Review: ', 'Now watching: ', 'Review of ' before a
title in a heading line: a tag or a column's name and a separator."""

NOISE_LINE = re.compile(
    r"^[ \t]*(?:(?:posted|written|published|updated|reviewed)[ \t]+(?:by|on)\b.*"
    r"|by[ \t]+[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}(?:[ \t]*[,|•·-].*)?"
    r"|(?:author|reviewer|autor|auteur|autore|penulis|автор|작성자|글쓴이|著者|作者)[ \t]*[:：].*"
    r"|share(?:[ \t]+(?:this|on)\b.*)?|tweet|pin(?:[ \t]+it)?|facebook|twitter|reddit|email|print|"
    r"comments?|\d+[ \t]+comments?|leave[ \t]+a[ \t]+(?:comment|reply)|read[ \t]+more|"
    r"(?:\d{1,2}[ \t]+)?min(?:ute)?s?[ \t]+read|reading[ \t]+time.*|home[ \t]*[>»/›].*|"
    r"tags?[ \t]*:.*|categor(?:y|ies)[ \t]*:.*|advertisement|sponsored|"
    r"(?:www\.)?[\w-]+\.(?:com|net|org|blog|io|co|kr|jp|tv|me|info|de|fr|es|it|ro|id|ru|cn)"
    r"(?:/\S*)?"
    r"|[\w-]+[ \t]*(?:blog|magazine|mag|news|reviews)"
    r"|(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}.*|\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d\d.*"
    r"|(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?[ \t]+)?(?:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|sept|oct|nov|dec)[a-z]*\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?,?[ \t]+(?:19|20)\d\d.*"
    r"|\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|"
    r"nov|dec)[a-z]*\.?,?[ \t]+(?:19|20)\d\d.*"
    r"|(?:19|20)\d\d[ \t]*년.*|(?:19|20)\d\d[ \t]*年.*)[ \t]*$",
    re.I,
)
"""A line that is never the title: a byline, a date, 'Posted by …', 'Share', a site's
address or name ('dramanotes.blog', 'Seoul Reviews'), '5 min read', a breadcrumb."""

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
