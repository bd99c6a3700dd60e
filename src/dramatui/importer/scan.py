"""First pass: the review's lines -> a flat list of tokens, by the rules of :mod:`.rules`.

Tokens keep every character they were made from (``raw``), so a token that later turns
out not to be what it looked like (a second score for the same episode, a score in the
middle of a sentence) goes back into the prose unchanged: nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dramatui.importer.rules import (
    CHAINED_HEADER,
    EPISODE_REF,
    EPISODE_WORDS,
    GUIDE_HEADING,
    HEADER_RULES,
    MD_HEADING,
    NOISE_LINE,
    OVERALL_LABELS,
    QUOTED_TITLE,
    RANKED,
    RECAP_HEADING,
    SCORE_PAIR,
    SENTENCE_END,
    SPOILER_CUE,
    SPOILER_END,
    SPOILER_INLINE,
    SPOILER_LINE,
    SPOILER_PREFIX,
    SPOILER_WORD,
    TITLE_HEADING_PREFIX,
    TITLE_HEADING_SUFFIX,
    TITLE_QUOTES,
    TITLE_STOP,
    TITLE_TAGS,
    WATCH_STATUS,
    YEAR_IN_TITLE,
    fact_of,
    folded,
    has_episode_word,
    has_score_word,
    has_spoiler_word,
    header_numbers,
    is_name,
    is_negated,
    ref_number,
)
from dramatui.importer.scores import (
    Found,
    Value,
    is_other_score,
    labelled_scores,
    number,
    trailing_score,
    value_at,
)

# ---------------------------------------------------------------------------
# Tokens


@dataclass
class Text:
    text: str
    line: int


@dataclass
class Break:
    blank: bool
    """True for a blank line (a paragraph break), False for the end of a line."""
    line: int


@dataclass
class Header:
    season: int | None
    number: int
    title: str | None
    rule: str
    line: int
    raw: str
    last: int | None = None
    """The last episode of a range ('Episodes 1–2': 2), else None."""


@dataclass
class Score:
    found: Found
    line: int
    raw: str
    alone: bool
    """The score is the whole line (after bullets): 'Score: 7/10', '★★★½'."""
    on_header_line: bool = False


@dataclass
class Heading:
    text: str
    markdown: bool
    line: int
    guide: bool = False
    """A heading that only names the guide that follows it (dropped)."""


@dataclass
class SpoilerStart:
    level: int | None
    line: int
    raw: str
    """The marker as written, when it becomes structure (a 'SPOILERS AHEAD' line)."""
    sentence: str = ""
    """The warning sentence that started it, when it stays in the prose."""
    sure: bool = True
    """False when a sentence only mentions spoilers: hidden all the same, with a guess."""
    recap: bool = False
    """Started by a recap heading: the next heading ends it."""


@dataclass
class SpoilerEnd:
    line: int
    raw: str


@dataclass
class Table:
    pairs: list[tuple[str, Value]]
    line: int
    raw: str


@dataclass
class Meta:
    key: str
    value: str
    line: int
    raw: str


@dataclass
class TitleHeading:
    text: str
    """The heading as written: it becomes the review's headline."""
    title: str
    year: int | None
    line: int
    episode: int | None = None
    """The one episode the heading says the review is of ('… Episode 3 Recap')."""
    season: int | None = None
    """The season the heading names ('X Season 2 Review')."""
    finale: bool = False
    """The heading says the review is of the finale."""
    strength: int = 2
    """2: marked as a title; 1: the name comes back in the text; 0: a plain short line."""


Token = (
    Text
    | Break
    | Header
    | Score
    | Heading
    | SpoilerStart
    | SpoilerEnd
    | Table
    | Meta
    | TitleHeading
)


@dataclass
class Scan:
    tokens: list[Token] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    blank_lines: bool = False
    """The text separates paragraphs with blank lines (else every line is a paragraph)."""
    consumed: list[str] = field(default_factory=list)
    """Lines that became structure in the scan itself (a table's header row)."""


# ---------------------------------------------------------------------------
# Helpers


_DIGIT = re.compile(r"\d")
_BULLETS = re.compile(r"[ \t*•-]*")
_DOTS = re.compile(r"[ \t.*]*")
_LEAD_SEP = re.compile(r"[ \t]*(?:\*\*|__)?[ \t]*[:.)\]|–—-]{0,4}[ \t]*")
_STRIP = " \t*_:|–—-"


def split_title(segment: str) -> tuple[str | None, str]:
    """An episode title at the start of *segment* (after a header), and the rest."""
    pos = _LEAD_SEP.match(segment)
    start = pos.end() if pos else 0
    quoted = QUOTED_TITLE.match(segment, start)
    if quoted:
        return quoted["title"].strip() or None, segment[quoted.end() :]
    stop = TITLE_STOP.search(segment, start)
    end = stop.start() if stop else len(segment)
    candidate = segment[start:end].strip(_STRIP)
    if (
        candidate
        and len(candidate) <= 80
        and len(candidate.split()) <= 12
        and (
            candidate[0].isupper()
            or candidate[0].isdigit()
            or (candidate[0].isalpha() and not candidate[0].islower())  # Hangul, kana, hanzi
        )
    ):
        return candidate, segment[stop.end() if stop else len(segment) :]
    return None, segment[start:]


def score_pairs(line: str) -> list[tuple[str, Value]] | None:
    """The line as 'Label number' pairs covering all of it, or None."""
    pairs: list[tuple[str, Value]] = []
    pos, length = 0, len(line.rstrip())
    while pos < length:
        match = SCORE_PAIR.pattern.match(line, pos)
        if match is None or match.end() == pos:
            return None
        value = number(match["num"])
        den = int(match["den"]) if match["den"] else None
        if den is not None and (den < 2 or value > den):
            return None
        label = " ".join(match["label"].split())
        pairs.append((label, Value(value, den, "score-table", match.group(0).strip())))
        pos = match.end()
    return pairs or None


def is_overall(label: str) -> bool:
    return " ".join(label.lower().split()) in OVERALL_LABELS


def heading_text(line: str) -> tuple[str, bool] | None:
    """The line as a heading (text, is_markdown), or None when it reads as prose."""
    md = MD_HEADING.match(line)
    if md:
        return md["text"].strip("*_ "), True
    text = line.strip().strip("*_").strip()
    if not text or len(text) > 60 or len(text.split()) > 8:
        return None
    if text[-1] in ".,;:!?…\"”'’)" or not (text[0].isupper() or text[0].isdigit()):
        return None
    if not any(ch.isalpha() for ch in text):
        return None
    return text, False


_ONE_EPISODE = re.compile(r"(?:episode|ep\.?)[ \t]*(\d{1,4})(?![ \t]*[-–&\d])", re.I)
_SEASON = re.compile(r"season[ \t]*(\d{1,2})", re.I)
_FINALE = re.compile(r"\bfinale\b|최종회|最終回|大结局|大結局", re.I)


def title_from_heading(line: str, text: str, following: str | None = None) -> TitleHeading | None:
    """A line near the top as the show's title heading, or None when it cannot be one.

    The result's ``strength`` says how sure the reading is: 2 when the line is marked as a
    title (a Markdown '#', a review word or tag around it, a year, title quotes, a watch
    status under it), 1 when the name comes back in the text, 0 for a plain short line.
    *following* is the next non-blank line.
    """
    md = MD_HEADING.match(line)
    shown = (md["text"] if md else line).replace("**", "").strip().strip("*_").strip()
    if not shown or len(shown) > 120 or shown.endswith((".", ",", ";", "?")):
        return None
    if GUIDE_HEADING.pattern.match(shown) or NOISE_LINE.match(shown):
        return None
    if WATCH_STATUS.pattern.match(shown) or not any(ch.isalpha() for ch in shown):
        return None
    candidate = shown
    tag = TITLE_TAGS.search(candidate)
    while tag is not None:  # '【드라마 리뷰】 …', '… (스포 있음)', '… [spoiler-free]'
        rest = (candidate[: tag.start()] + " " + candidate[tag.end() :]).strip()
        if not rest:
            break
        candidate = rest
        tag = TITLE_TAGS.search(candidate)
    year: int | None = None
    marked = (
        bool(md and line.lstrip().startswith("# "))
        or bool(following is not None and WATCH_STATUS.pattern.match(following))
        or candidate != shown
    )
    quoted = TITLE_QUOTES.search(candidate)
    if quoted and quoted.group(0) != candidate:
        candidate, marked = quoted["title"].strip(), True
    year_match = YEAR_IN_TITLE.search(candidate)
    if year_match:
        year = int(year_match["year"])
        before, after = candidate[: year_match.start()], candidate[year_match.end() :]
        if before.strip() and after.lstrip()[:1] in ("", "—", "–", "-", ":", "|", ","):
            candidate = before.strip()  # 'Name (2018) — some thoughts': the rest is a subtitle
        else:
            candidate = (before + " " + after).strip()
        marked = True
    episode: int | None = None
    season: int | None = None
    finale = _FINALE.search(shown) is not None
    suffix = TITLE_HEADING_SUFFIX.search(candidate)
    if suffix is not None:
        one = _ONE_EPISODE.search(suffix.group(0))
        episode = int(one[1]) if one else None
        in_season = _SEASON.search(suffix.group(0))
        season = int(in_season[1]) if in_season else None
    for pattern in (TITLE_HEADING_SUFFIX, TITLE_HEADING_PREFIX):
        stripped = pattern.sub("", candidate).strip()
        if stripped != candidate and stripped:
            prefix = (
                candidate[: len(candidate) - len(stripped)]
                if pattern is TITLE_HEADING_PREFIX
                else ""
            )
            if prefix:
                more = _ONE_EPISODE.search(prefix)
                episode = episode or (int(more[1]) if more else None)
            candidate, marked = stripped, True
            if pattern is TITLE_HEADING_PREFIX:  # 'Review: X Season 2 Episode 3 Recap'
                again = TITLE_HEADING_SUFFIX.search(candidate)
                if again is not None:
                    one = _ONE_EPISODE.search(again.group(0))
                    episode = episode or (int(one[1]) if one else None)
                    candidate = candidate[: again.start()].strip() or candidate
    if season is None:
        trailing_season = re.search(r"[ \t,:–—-]+season[ \t]*(\d{1,2})$", candidate, re.I)
        if trailing_season and marked:
            season = int(trailing_season[1])
            candidate = candidate[: trailing_season.start()]
    candidate = candidate.strip(_STRIP + '"“”').strip()
    if not candidate or len(candidate) > 80 or len(candidate.split()) > 10:
        return None
    named = is_name(candidate, max_words=10)
    strength = 2 if marked else 1 if named and text.count(candidate) >= 2 else 0
    return TitleHeading(shown, candidate, year, 0, episode, season, finale, strength)


def is_prose(line: str) -> bool:
    """Whether *line* reads as a sentence or more: long, or ending like a sentence."""
    text = line.strip()
    if len(text) >= 90:
        return True
    core = text.rstrip(")\"”’'")
    return len(text.split()) >= 6 and core.endswith((".", "!", "?", "…", "。", "！", "？"))


def _spoiler_level(raw: str) -> int | None:
    numbers = re.findall(r"\d{1,4}", raw)
    return int(numbers[-1]) if numbers else None


_EPISODE_NAMED = re.compile(
    r"(?:episodes?|eps?\.?|episodio|épisode|folge|серии|серия)[ \t]*(?:\d{1,4}[ \t]*(?:[-–—]|to|"
    r"and)[ \t]*)?"
    r"(\d{1,4})|(\d{1,4})[ \t]*(?:화|회|話|集)",
    re.I,
)


MIDLINE_HEADER = re.compile(
    r"(?<=[.!?…] )(?:" + EPISODE_WORDS + r"|eps?\.?)[ \t]*\d",
    re.I,
)
"""An episode word and number right after the end of a sentence."""

_HEADER_STARTS = frozenset("0123456789eEsStTmMcCfF[제第éÉсСэЭ")
"""The first character (after a bullet or '#') of every header rule's match."""

_EPISODE_COLUMNS = frozenset(["#", "no", "no.", "ep", "ep.", "e", "회", "화", "話", "集", "серия"])
_SCORE_COLUMNS = frozenset(["stars", "★", "points", "/10", "/5", "/100"])
_TITLE_COLUMNS = frozenset(
    [
        "title",
        "name",
        "título",
        "titre",
        "titel",
        "titolo",
        "titlu",
        "judul",
        "название",
        "제목",
        "タイトル",
        "标题",
        "標題",
    ]
)


def find_warning(line: str, start: int) -> tuple[int, int | None, bool, str] | None:
    """The first sentence of ``line[start:]`` that warns of spoilers, as (where what it
    warns of starts, the episode it names, whether it is a clear warning, the sentence).

    A warning is any sentence with a word for 'spoiler' that does not say there are none
    ('No spoilers here', 'I won't spoil'). What it warns of starts after a colon or dash
    that follows the spoiler word ('Spoiler alert: she …'), else after the sentence.
    """
    ends: list[int] | None = None
    for match in SPOILER_WORD.finditer(line, start):
        if is_negated(line, match.start(), match.end()):
            continue
        if ends is None:
            ends = [m.end() for m in SENTENCE_END.finditer(line, start)]
        s_start = max((e for e in ends if e <= match.start()), default=start)
        s_end = min((e for e in ends if e >= match.end()), default=len(line))
        sentence = line[s_start:s_end]
        word_end = match.end() - s_start
        colon = _COLON.search(sentence, word_end, word_end + 40)
        cut = s_start + colon.end() if colon and colon.end() < len(sentence) else s_end
        # what says how sure the warning is, or which episode it names, is near its word
        near = line[max(s_start, match.start() - 120) : min(s_end, match.end() + 120)]
        sure = SPOILER_CUE.search(near) is not None or bool(_ONE_WORD.fullmatch(sentence))
        named = [a or b for a, b in _EPISODE_NAMED.findall(near)] if _DIGIT.search(near) else []
        return cut, (int(named[-1]) if named else None), sure, sentence.strip()
    return None


_ONE_WORD = re.compile(r"\W{0,12}\w+\W{0,12}")
"""A sentence of one word ('Spoilers!'): a clear warning."""
_COLON = re.compile(r"[:：][ \t]*|[ \t][–—-][ \t]+")


# ---------------------------------------------------------------------------
# The scan


class _Scanner:
    def __init__(self, text: str) -> None:
        self.header_count = 0
        self.columns: tuple[int, int, int | None] | None = None
        """In a table with a header row: the episode, score and title columns."""
        self.text = text
        self.lines = text.split("\n")
        self.out = Scan(blank_lines=any(not ln.strip() for ln in self.lines[1:-1]))

    def emit(self, token: Token) -> None:
        if isinstance(token, Header):
            self.header_count += 1
        self.out.tokens.append(token)

    def text_tok(self, text: str, line: int) -> None:
        if text:
            self.emit(Text(text, line))

    def run(self) -> Scan:
        lines = self.lines
        lead_end, title = self._leading_title()
        seen_header = False
        i = 0
        while i < len(lines):
            line = lines[i]
            ln = i + 1
            if not line.strip():
                self.emit(Break(True, ln))
                i += 1
                continue
            if title is not None and i == title.line - 1:
                self.emit(title)
                if has_spoiler_word(line) and (warning := find_warning(line, 0)) is not None:
                    self.emit(SpoilerStart(warning[1], ln, "", warning[3], warning[2]))
                self.emit(Break(False, ln))
                i += 1
                continue
            if (fact := fact_of(line)) is not None:
                key, value = fact
                if not (seen_header and key in ("title", "original title")):
                    self.emit(Meta(key, value, ln, line))
                    self.emit(Break(False, ln))
                    i += 1
                    continue
            if i < lead_end and (NOISE_LINE.match(line) or WATCH_STATUS.pattern.match(line)):
                self.text_tok(line, ln)  # a byline, a date, a watch status: prose, never a title
                self.emit(Break(False, ln))
                i += 1
                continue
            i = self.line(i)
            seen_header = seen_header or self.header_count > 0
        return self.out

    def _leading_title(self) -> tuple[int, TitleHeading | None]:
        """The lines before the first prose line, and the one of them that is the title.

        A line marked as a title wins; else one whose name comes back in the text; else
        the first short line, when prose follows the block. Bylines, dates, sites' names
        and watch statuses are never the title.
        """
        lines = self.lines
        candidates: list[TitleHeading] = []
        seen = 0
        end = 0
        prose_follows = False
        for i, line in enumerate(lines):
            end = i
            if not line.strip():
                continue
            seen += 1
            if seen > 10:
                break
            if is_prose(line) or self._is_entry(line):
                prose_follows = True
                break
            if has_spoiler_word(line) and not TITLE_TAGS.search(line):
                prose_follows = True  # a warning line: the title, if any, is above it
                break
            if fact_of(line) is not None:
                continue
            if NOISE_LINE.match(line) or WATCH_STATUS.pattern.match(line):
                continue
            if trailing_score(line, 0) is not None or score_pairs(line) is not None:
                prose_follows = True
                break
            heading = title_from_heading(line, self.text, self._next_nonblank(i))
            if heading is not None:
                heading.line = i + 1
                candidates.append(heading)
        else:
            end = len(lines)
            prose_follows = True
        if not candidates:
            return end, None
        best = max(candidates, key=lambda c: (c.strength, -c.line))
        if best.strength == 0 and not prose_follows:
            return end, None
        return end, best

    def _is_entry(self, line: str) -> bool:
        return any(rule.pattern.match(line) for rule in HEADER_RULES) or bool(
            CHAINED_HEADER.pattern.match(line.lstrip())
        )

    def _next_nonblank(self, i: int) -> str | None:
        for line in self.lines[i + 1 : i + 4]:
            if line.strip():
                return line
        return None

    def line(self, i: int) -> int:
        """Tokens for line *i*; returns the index of the next line to scan."""
        line = self.lines[i]
        ln = i + 1
        if "|" in line[:8] and line.lstrip()[:1] == "|" and self.table_row(line, ln):
            self.emit(Break(False, ln))
            return i + 1
        self.columns = None
        spoiler = has_spoiler_word(line)
        if spoiler and SPOILER_END.pattern.match(line):
            self.emit(SpoilerEnd(ln, line))
        elif spoiler and SPOILER_LINE.pattern.match(line):
            self.emit(SpoilerStart(_spoiler_level(line), ln, line))
        elif (digit := _DIGIT.search(line) is not None) and (end := self.table(i)) > i:
            return end
        elif digit and (self.ranked(line, ln) or self.header(line, ln)):
            pass  # a score table, a ranked entry and an episode header each hold a number
        elif digit and WATCH_STATUS.pattern.match(line):
            self.text_tok(line, ln)  # 'Watched 10/10' is a watch count, never a score
        elif (
            (alone := trailing_score(line, 0)) is not None
            and not line[: alone.start].strip()
            and not is_other_score(line, alone.start)
        ):
            self.emit(Score(alone, ln, line, alone=True))
        elif (
            spoiler
            and (aside := SPOILER_INLINE.pattern.search(line))
            and heading_text(line[: aside.start()])
        ):
            self.emit(Heading(line[: aside.start()].strip().strip("*_ "), False, ln))
            self.emit(SpoilerStart(None, ln, aside.group(0)))
        elif (
            (heading := heading_text(line)) is not None
            and not (spoiler and not MD_HEADING.match(line) and find_warning(line, 0))
            and self._heading_ok(line, i)
        ):
            nxt = self._next_nonblank(i)
            guide = bool(
                GUIDE_HEADING.pattern.match(heading[0]) and nxt is not None and self._is_entry(nxt)
            )
            self.emit(Heading(heading[0], heading[1], ln, guide=guide))
            if not guide and spoiler and find_warning(heading[0], 0):
                self.emit(SpoilerStart(None, ln, ""))  # what a warning heads is hidden
            elif not guide and RECAP_HEADING.match(heading[0]):
                # a recap's section is hidden, up to the next heading
                self.emit(SpoilerStart(None, ln, "", recap=True))
        else:
            prefix = SPOILER_PREFIX.pattern.match(line) if spoiler else None
            start = 0
            if prefix:
                self.emit(SpoilerStart(None, ln, prefix.group(0)))
                start = prefix.end()
            warning = find_warning(line, start) if spoiler else None
            if warning is not None:
                cut, level, sure, sentence = warning
                self.inline(line, start, ln, cut)
                self.emit(SpoilerStart(level, ln, "", sentence=sentence, sure=sure))
                self.inline(line, cut, ln)
            elif digit and (mid := self.midline_header(line, start)) is not None:
                self.inline(line, start, ln, mid)  # the prose before it, then the entry
                self.header(line[mid:], ln)
            else:
                self.inline(line, start, ln)
        self.emit(Break(False, ln))
        return i + 1

    def _heading_ok(self, line: str, i: int) -> bool:
        """Whether a short line may be a heading (a Markdown heading always is).

        Headings carry no score ('Score: 7/10', '3. Bonus: 7/10') and no spoiler marker,
        and prose follows them: the next line is a sentence or a long line.
        """
        if MD_HEADING.match(line):
            return True
        if "||" in line or ">!" in line or labelled_scores(line):
            return False
        if trailing_score(line, 0) is not None:
            return False
        nxt = self._next_nonblank(i)
        if nxt is None:
            return False
        nxt = nxt.strip()
        return len(nxt) >= 40 or nxt.endswith((".", "!", "?", "…", '"', "”", ")"))

    def table(self, i: int) -> int:
        """A series score table starting at line *i*: index after it, or *i* if none."""
        j = i
        pairs: list[tuple[str, Value]] = []
        if _DIGIT.search(self.lines[i]) is None:
            return i  # every pair has a number
        while j < len(self.lines) and self.lines[j].strip():
            got = score_pairs(self.lines[j])
            if got is None:
                break
            pairs.extend(got)
            j += 1
        if j == i or not any(is_overall(label) for label, _ in pairs):
            return i
        self.emit(Table(pairs, i + 1, "\n".join(self.lines[i:j])))
        for n in range(i, j):
            self.emit(Break(False, n + 1))
        return j

    def table_row(self, line: str, ln: int) -> bool:
        """A row of a table whose header names an episode column and a score column:
        '| Episode | Title | Score |' then '| 1 | Seeds | 7/10 |'. Each row is an entry."""
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if self.columns is None:
            episode = score = None
            title: int | None = None
            for n, cell in enumerate(cells):
                key = cell.lower().strip("*_ #")
                if episode is None and (key in _EPISODE_COLUMNS or has_episode_word(key)):
                    episode = n
                elif score is None and (has_score_word(key) or key in _SCORE_COLUMNS):
                    score = n
                elif title is None and key in _TITLE_COLUMNS:
                    title = n
            if episode is None or score is None:
                return False
            self.columns = (episode, score, title)
            self.out.consumed.append(line)
            return True
        if all(set(c) <= set("-: ") for c in cells):
            self.out.consumed.append(line)
            return True  # the row under the header
        episode, score, title = self.columns
        if max(episode, score) >= len(cells):
            return False
        number = re.fullmatch(r"(?:e|ep\.?|#)?[ \t]*(\d{1,4})", cells[episode], re.I)
        got = value_at(cells[score], 0)
        if number is None:
            return False
        name = cells[title] if title is not None and title < len(cells) else None
        self.emit(Header(None, int(number[1]), name or None, "table", ln, line))
        rest = [c for n, c in enumerate(cells) if n not in (episode, score, title) and c]
        if rest:
            self.text_tok(" ".join(rest), ln)
        if got is not None and got[1] == len(cells[score]):
            found = Found(0, len(cells[score]), got[0], False, True)
            self.emit(Score(found, ln, cells[score], alone=False, on_header_line=True))
        elif cells[score]:
            self.text_tok(cells[score], ln)
        return True

    def ranked(self, line: str, ln: int) -> bool:
        match = RANKED.pattern.match(line)
        if match is None:
            return False
        rest_start = match.start("rest")
        ref = EPISODE_REF.pattern.search(line, rest_start)
        found = next((f for f in labelled_scores(line, rest_start) if not f.series), None)
        if found is None:
            found = trailing_score(line, rest_start)
        if found is None:
            # without a score, the entry must name its episode first or in brackets:
            # '3. S01E04 “Paper Boats” – …', '2) The Ferry (Ep. 4)'
            if ref is None or not (ref.start() == rest_start or ref.group(0).lstrip()[:1] in "(["):
                return False
        elif ref is None or ref.start() >= found.start:
            self.out.warnings.append(
                f"line {ln}: looks like a ranked entry but states no episode number "
                "(like 'Episode 5'); kept as prose"
            )
            return False
        end = found.start if found is not None else len(line)
        remainder = line[rest_start : ref.start()] + " " + line[ref.end() : end]
        title, note = split_title(remainder)
        rank = line[:rest_start].strip()
        raw = line[:rest_start] + " " + ref.group(0)
        self.emit(Header(None, ref_number(ref), title, RANKED.name, ln, raw))
        note = note.strip().lstrip("–—-:|").strip()
        self.text_tok(rank + " " + note if note else rank, ln)
        if found is not None:
            self.emit(
                Score(found, ln, line[found.start : found.end], alone=False, on_header_line=True)
            )
        return True

    def midline_header(self, line: str, start: int) -> int | None:
        """Where an episode header starts in the middle of a line, after a sentence
        ('… my notes. Episode 2: The Bridge – 7/10'), when a score ends the line."""
        if not has_episode_word(line) and "ep" not in folded(line):
            return None
        for match in MIDLINE_HEADER.finditer(line, start):
            rest = line[match.start() :]
            if any(rule.pattern.match(rest) for rule in HEADER_RULES) and (
                trailing_score(rest, 0) is not None or labelled_scores(rest)
            ):
                return match.start()
        return None

    def header(self, line: str, ln: int) -> bool:
        if line.lstrip(" \t-*•+>#_")[:1] not in _HEADER_STARTS:
            return False  # no header rule can match: a cheap test first
        for rule in HEADER_RULES:
            match = rule.pattern.match(line)
            if match is None:
                continue
            season = int(match["season"]) if match.groupdict().get("season") else None
            number, last = header_numbers(match)
            rest = match.end()
            found = next((f for f in labelled_scores(line, rest) if not f.series), None)
            if found is None:
                found = trailing_score(line, rest)
            end = found.start if found else len(line)
            title, note = split_title(line[rest:end])
            self.emit(Header(season, number, title, rule.name, ln, line[:rest], last))
            self.text_tok(note, ln)
            if found is not None:
                self.emit(
                    Score(
                        found, ln, line[found.start : found.end], alone=False, on_header_line=True
                    )
                )
                if line[found.end :].strip():
                    self.inline(line, found.end, ln)
            return True
        return False

    def inline(self, line: str, start: int, ln: int, end: int | None = None) -> None:
        """Chained entries, labelled scores and a closing '(spoilers below)' in
        ``line[start:end]``."""
        if end is not None:
            aside = None
            stop = end
        else:
            aside = SPOILER_INLINE.pattern.search(line, start) if has_spoiler_word(line) else None
            stop = aside.start() if aside else len(line)
        events: list[tuple[int, int, Token]] = []
        chained = CHAINED_HEADER.pattern.finditer(line, start, stop)
        for match in chained if has_episode_word(line) else ():
            season = int(match["season"]) if match["season"] else None
            header = Header(season, int(match["ep"]), None, CHAINED_HEADER.name, ln, match[0])
            events.append((match.start(), match.end(), header))
        alone_line = not line[:start].strip()
        for found in labelled_scores(line, start, stop):
            # the score is the whole line: only bullets before it, only dots after it
            alone = alone_line and _BULLETS.match(line, start).end() >= found.start  # type: ignore[union-attr]
            alone = alone and _DOTS.match(line, found.end).end() >= stop  # type: ignore[union-attr]
            events.append(
                (found.start, found.end, Score(found, ln, line[found.start : found.end], alone))
            )
        events.sort(key=lambda e: e[0])
        pos = start
        for begin, end, token in events:
            if begin < pos:
                continue
            self.text_tok(line[pos:begin], ln)
            self.emit(token)
            pos = end
        self.text_tok(line[pos:stop], ln)
        if aside:
            self.emit(SpoilerStart(None, ln, aside.group(0)))


def scan(text: str) -> Scan:
    """Tokens for *text* (already normalised: LF line ends, no BOM)."""
    return _Scanner(text).run()
