"""Score values as reviewers write them, and scale handling.

A :class:`Value` is what one value rule of :mod:`.rules` recognised: a number and the
scale it is on (None for a bare number whose scale is inferred from the others).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from dramatui.importer.rules import (
    LABEL_HITS,
    LABEL_PREFIX_WORDS,
    LABEL_TAIL,
    LETTER_GRADES,
    OTHER_SCORE,
    OTHER_SCORE_WORDS,
    SCALE_DENOMINATORS,
    SCORE_LABEL,
    SERIES_WORDS,
    TRAILING_VALUE_RULES,
    VALUE_RULES,
    Rule,
    folded,
    has_score_word,
)

SCALES = (5, 10, 100)
"""The scales a show file can use."""


@dataclass(frozen=True)
class Value:
    """A recognised score value."""

    value: float | None
    """None for a placeholder like TBC."""
    scale: int | None
    """5, 10, 100 or another denominator; None when a bare number (inferred later)."""
    rule: str
    """The name of the value rule that matched."""
    raw: str
    """The text as written."""


@dataclass(frozen=True)
class Found:
    """A score found in a line: where, its label, its value."""

    start: int
    end: int
    value: Value
    series: bool
    """The label says it is the series' score (Overall score:, Final rating:)."""
    labelled: bool


def number(text: str) -> float:
    """'7,5' -> 7.5, '3½' -> 3.5."""
    half = text.endswith("½")
    base = float(text.rstrip("½").replace(",", ".") or 0)
    return base + 0.5 if half else base


def _value(rule: Rule, match: re.Match[str]) -> Value | None:
    raw = match.group(0)
    name = rule.name
    if name == "fraction":
        num, den = number(match["num"]), int(match["den"])
        if den not in SCALE_DENOMINATORS or num > den:
            return None
        return Value(num, den, name, raw)
    if name == "percent":
        value = number(match["num"])
        return Value(value, 100, name, raw) if value <= 100 else None
    if name == "star-glyphs":
        if match["onlyhalf"]:
            empty = len(match["empty2"] or "")
            return Value(0.5, max(5, 1 + empty), name, raw)
        full = len(match["full"].replace("\ufe0f", ""))
        empty = len(match["empty"] or "")
        half = 0.5 if match["half"] else 0.0
        total = full + empty + (1 if half else 0)
        return Value(full + half, 5 if total <= 5 else 10 if total <= 10 else 100, name, raw)
    if name == "stars-word":
        value = number(match["num"])
        return Value(value, 5, name, raw) if value <= 5 else None
    if name == "letter-grade":
        return Value(LETTER_GRADES[match["letter"]], 100, name, raw)
    if name == "no-score":
        return Value(None, None, name, raw)
    if name == "bare-number":
        value = number(match["num"])
        return Value(value, None, name, raw) if value <= 100 else None
    return None  # pragma: no cover - every rule is handled above


_RULES_BY_START: dict[str, tuple[str, ...]] = {}
"""Which value rules can start with a character (the others cannot match there)."""
for _ch in "0123456789":
    _RULES_BY_START[_ch] = ("fraction", "percent", "stars-word", "bare-number")
for _ch in "★✭✮✯⭐½⯪⯨":
    _RULES_BY_START[_ch] = ("star-glyphs",)
for _ch in "ABCDF":
    _RULES_BY_START[_ch] = ("letter-grade",)
for _ch in "TNPUnpu?":
    _RULES_BY_START[_ch] = (*_RULES_BY_START.get(_ch, ()), "no-score")


def value_at(line: str, pos: int, rules: Iterable[Rule] = VALUE_RULES) -> tuple[Value, int] | None:
    """The score value that starts at *pos* in *line*, and where it ends."""
    names = _RULES_BY_START.get(line[pos : pos + 1])
    if names is None:
        return None
    for rule in rules:
        if rule.name not in names:
            continue
        match = rule.pattern.match(line, pos)
        if match:
            value = _value(rule, match)
            if value is not None:
                return value, match.end()
            if rule.name == "fraction":
                return None  # 16/9 is not a score, and not a bare 16 either
    return None


def is_other_score(line: str, start: int) -> bool:
    """Whether the words just before *start* say a score is not the reviewer's (MDL, IMDb,
    audience, viewership ratings, an age rating)."""
    before = line[max(0, start - 32) : start]
    for word in before.split()[-3:]:
        word = word.strip(_PUNCTUATION).lower()
        if word in OTHER_SCORE_WORDS or word.rstrip("s'’") in OTHER_SCORE_WORDS:
            return OTHER_SCORE.search(before) is not None
    return False


_PUNCTUATION = "\"'“”‘’()[]{}:;,.!?|*–—-"


def labelled_scores(line: str, start: int = 0, end: int | None = None) -> list[Found]:
    """Every 'Label: value' score in ``line[start:end]`` (Score: 7/10, Rating – ★★★).

    A score whose label says it is a database's or an audience's (MDL rating:, IMDb
    score:, Viewership rating:) is left out: it stays in the text.
    """
    stop = len(line) if end is None else end
    found: list[Found] = []
    if not has_score_word(line):
        return found
    key = folded(line)
    if len(key) != len(line):  # rare letters that change length in lower case: the slow way
        return _labelled_slowly(line, start, stop)
    for hit in LABEL_HITS.finditer(key, start, stop):
        at = hit.start()
        if at and (key[at - 1].isalnum() or key[at - 1] in "_-") and key[at].isascii():
            continue  # inside a word
        match = LABEL_TAIL.match(line, hit.end())
        if match is None:  # pragma: no cover - the tail pattern matches the empty string
            continue
        got = value_at(line, match.end())
        if got is None or got[1] > stop:
            continue
        words, begin = _prefix_words(line, key, at, start)
        if is_other_score(line, begin):
            continue
        words.add(hit.group(0))
        if match["post"]:
            words.add(match["post"].strip().lower())
        series = bool(words & SERIES_WORDS)
        found.append(Found(begin, got[1], got[0], series, True))
    return found


def _prefix_words(line: str, key: str, at: int, start: int) -> tuple[set[str], int]:
    """The prefix words (Overall, My, Episode …, at most two) just before a label at *at*,
    and where the label with its prefix begins."""
    words: set[str] = set()
    begin = at
    for _ in range(2):
        j = begin
        while j > start and line[j - 1] in " \t":
            j -= 1
        k = j
        while k > start and (line[k - 1].isalnum() or line[k - 1] in "'’"):
            k -= 1
        word = key[k:j]
        if k == j or word not in LABEL_PREFIX_WORDS:
            break
        if k and (line[k - 1].isalnum() or line[k - 1] in "_-"):
            break
        words.add(word)
        begin = k
    return words, begin


def _labelled_slowly(line: str, start: int, stop: int) -> list[Found]:
    found: list[Found] = []
    for match in SCORE_LABEL.pattern.finditer(line, start, stop):
        got = value_at(line, match.end())
        if got is None or got[1] > stop or is_other_score(line, match.start()):
            continue
        words = set((match["prefix"] or "").lower().split())
        words.add(match["label"].lower().rstrip("은는이"))
        if match["post"]:
            words.add(match["post"].strip().lower())
        found.append(Found(match.start(), got[1], got[0], bool(words & SERIES_WORDS), True))
    return found


_VALUE_START = frozenset("0123456789★☆✩✭✮✯⭐½⯪⯨ABCDFTNPUnpu?")
"""Characters a value can start with: a cheap test before the value rules run."""
_LONGEST_TRAILING = 48
"""No trailing value with its lead is longer: only the end of a long line is searched."""
_TRAILING_TAIL = " \t).!"
"""What may follow a trailing value (the characters of _TRAILING_END)."""
_VALUE_LAST = re.compile(
    r"(?:\d|%|[★☆✩✭✮✯⭐½⯪⯨?]|\ufe0f|[A-DF][+-]?|(?i:stars?|estrellas?|estrelas?|étoiles?|sterne?|"
    r"stelle|stele|bintang|звёзд[а-я]*|звезд[а-я]*|TBC|TBA|TBD|N/?A|pending|unrated))\Z"
)
"""How every trailing value ends (fraction, stars, glyphs, letter grade, placeholder): a
line whose end (after _TRAILING_TAIL) does not match this has no trailing score."""
_TRAILING_LEAD = re.compile(r"[ \t]*(?:[:=|–—-][ \t]*|\([ \t]*)?")
_TRAILING_END = re.compile(r"[ \t]*\)?[ \t]*[.!]?[^\w★☆✩✭✮✯⭐½⯪⯨?%]{0,12}$")
_VALUE_CHARS = frozenset("★☆✩✭✮✯⭐½⯪⯨?%+-\ufe0f")


_WORD_ENDINGS = (
    "star", "stars", "estrella", "estrellas", "estrela", "estrelas", "étoile", "étoiles",
    "stern", "sterne", "stelle", "stele", "bintang", "tbc", "tba", "tbd", "n/a", "na",
    "pending", "unrated", "звёзд", "звезд", "звезды", "звёзды", "звезда", "звёзда",
)  # fmt: skip
"""How a trailing value written in words ends ('4 stars', 'TBC'): a quick test."""


def value_core_end(line: str) -> int:
    """Where *line* ends once closing brackets, full stops and emoji after a value are
    dropped: 'Score: 8/10 🔥' ends after '8/10'."""
    end = len(line)
    floor = max(0, end - 12)
    while end > floor:
        ch = line[end - 1]
        if ch.isalnum() or ch in _VALUE_CHARS:
            break
        end -= 1
    return end


def trailing_score(line: str, start: int) -> Found | None:
    """A label-less value that ends a guide line: '— 83/100', ': 5/10', '(★★★½)', '- B+'.

    Tried at each place a value may start after *start*, from the left; the value must
    reach the end of the line (allowing a closing bracket or full stop).
    """
    length = len(line)
    core = value_core_end(line)
    if core <= start:
        return None
    last = line[core - 1]
    if not (last.isdigit() or last in _VALUE_CHARS or last.isupper()) and not (
        line[max(start, core - 12) : core].lower().endswith(_WORD_ENDINGS)
        and _VALUE_LAST.search(line, max(start, core - 12), core) is not None
    ):
        return None
    pos = max(start, length - _LONGEST_TRAILING)
    if pos > start:  # start at a word boundary
        space = line.find(" ", pos)
        pos = space if space >= 0 else length
    while pos < length:
        lead = _TRAILING_LEAD.match(line, pos)
        assert lead is not None  # the pattern matches the empty string
        at = lead.end()
        if line[at : at + 1] not in _VALUE_START:
            got = None
        else:
            got = value_at(line, at, TRAILING_VALUE_RULES)
        # "Plan B" is a title, "Part 2 - TBC" a placeholder: a bare letter or placeholder
        # needs a separator before it.
        needs_separator = got is not None and got[0].rule in ("letter-grade", "no-score")
        if got is not None and not (needs_separator and not line[pos:at].strip()):
            value, value_end = got
            if _TRAILING_END.match(line, value_end):
                return Found(pos, length, value, False, False)
        nxt = line.find(" ", pos + 1)
        if nxt < 0:
            break
        pos = nxt
    return None


def infer_scale(values: list[Value]) -> int:
    """The scale for bare numbers: the known scale they fit, else 10 or 100."""
    known = sorted({v.scale for v in values if v.scale is not None and v.value is not None})
    bare = [v.value for v in values if v.scale is None and v.value is not None]
    top = max(bare, default=0.0)
    for scale in known:
        if scale in SCALES and top <= scale:
            return scale
    return 10 if top <= 10 else 100


def target_scale(scales: set[int]) -> int:
    """The scale of the show file: the one used, or when mixed the largest (100 if odd)."""
    if len(scales) == 1 and next(iter(scales)) in SCALES:
        return next(iter(scales))
    if scales and scales <= set(SCALES):
        return max(scales)
    return 100


def convert(value: float, scale: int, target: int) -> float:
    """A score on *scale* as a score on *target*, to two decimals."""
    if scale == target:
        return value
    converted = round(value * target / scale, 2)
    return int(converted) if float(converted).is_integer() else converted
