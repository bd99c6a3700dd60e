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
    GUIDE_HEADING,
    HEADER_RULES,
    MD_HEADING,
    METADATA,
    OVERALL_LABELS,
    QUOTED_TITLE,
    RANKED,
    SCORE_PAIR,
    SPOILER_END,
    SPOILER_INLINE,
    SPOILER_LINE,
    SPOILER_PREFIX,
    TITLE_HEADING_PREFIX,
    TITLE_HEADING_SUFFIX,
    TITLE_STOP,
    WATCH_STATUS,
    YEAR_IN_TITLE,
    has_episode_word,
    has_spoiler_word,
    is_name,
)
from dramatui.importer.scores import Found, Value, labelled_scores, number, trailing_score

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
        and (candidate[0].isupper() or candidate[0].isdigit())
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
    return label.lower() in OVERALL_LABELS


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


_ONE_EPISODE = re.compile(r"episode[ \t]*(\d{1,4})(?![ \t]*[-–&\d])", re.I)


def title_from_heading(line: str, text: str, following: str | None = None) -> TitleHeading | None:
    """The first line as the show's title heading, when it reliably names the show.

    *following* is the next non-blank line: a watch status there ('Completed') marks the
    line as a title, as review sites lay it out.
    """
    md = MD_HEADING.match(line)
    shown = (md["text"] if md else line).replace("**", "").strip().strip("*_").strip()
    if not shown or len(shown) > 120 or shown.endswith((".", ",", ";")):
        return None
    if GUIDE_HEADING.pattern.match(shown):
        return None
    candidate = shown
    year: int | None = None
    marked = bool(md and line.lstrip().startswith("# ")) or bool(
        following is not None and WATCH_STATUS.pattern.match(following)
    )
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
    suffix = TITLE_HEADING_SUFFIX.search(candidate)
    if suffix is not None:
        one = _ONE_EPISODE.search(suffix.group(0))
        episode = int(one[1]) if one else None
    for pattern in (TITLE_HEADING_SUFFIX, TITLE_HEADING_PREFIX):
        stripped = pattern.sub("", candidate).strip()
        if stripped != candidate:
            candidate, marked = stripped, True
    candidate = candidate.strip(_STRIP + '"“”').strip()
    if not candidate or len(candidate) > 80 or len(candidate.split()) > 10:
        return None
    named = is_name(candidate, max_words=10)
    if not marked and not (named and text.count(candidate) >= 2):
        return None
    return TitleHeading(shown, candidate, year, 0, episode)


def _spoiler_level(raw: str) -> int | None:
    numbers = re.findall(r"\d{1,4}", raw)
    return int(numbers[-1]) if numbers else None


# ---------------------------------------------------------------------------
# The scan


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.out = Scan(blank_lines=any(not ln.strip() for ln in self.lines[1:-1]))

    def emit(self, token: Token) -> None:
        self.out.tokens.append(token)

    def text_tok(self, text: str, line: int) -> None:
        if text:
            self.emit(Text(text, line))

    def run(self) -> Scan:
        lines = self.lines
        top = True
        first = True
        i = 0
        while i < len(lines):
            line = lines[i]
            ln = i + 1
            if not line.strip():
                self.emit(Break(True, ln))
                i += 1
                continue
            if top:
                meta = METADATA.pattern.match(line)
                if meta:
                    key = " ".join(meta["key"].lower().split())
                    self.emit(Meta(key, meta["value"], ln, line))
                    self.emit(Break(False, ln))
                    i += 1
                    continue
                if first:
                    first = False
                    heading = title_from_heading(line, self.text, self._next_nonblank(i))
                    if heading is not None and not self._is_entry(line):
                        heading.line = ln
                        self.emit(heading)
                        self.emit(Break(False, ln))
                        i += 1
                        continue
            top = False
            first = False
            i = self.line(i)
        return self.out

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
        spoiler = has_spoiler_word(line)
        if spoiler and SPOILER_END.pattern.match(line):
            self.emit(SpoilerEnd(ln, line))
        elif spoiler and SPOILER_LINE.pattern.match(line):
            self.emit(SpoilerStart(_spoiler_level(line), ln, line))
        elif (digit := _DIGIT.search(line) is not None) and (end := self.table(i)) > i:
            return end
        elif digit and (self.ranked(line, ln) or self.header(line, ln)):
            pass  # a score table, a ranked entry and an episode header each hold a number
        elif (alone := trailing_score(line, 0)) is not None and not line[: alone.start].strip():
            self.emit(Score(alone, ln, line, alone=True))
        elif (
            spoiler
            and (aside := SPOILER_INLINE.pattern.search(line))
            and heading_text(line[: aside.start()])
        ):
            self.emit(Heading(line[: aside.start()].strip().strip("*_ "), False, ln))
            self.emit(SpoilerStart(None, ln, aside.group(0)))
        elif (heading := heading_text(line)) is not None and self._heading_ok(line, i):
            nxt = self._next_nonblank(i)
            guide = bool(
                GUIDE_HEADING.pattern.match(heading[0]) and nxt is not None and self._is_entry(nxt)
            )
            self.emit(Heading(heading[0], heading[1], ln, guide=guide))
        else:
            prefix = SPOILER_PREFIX.pattern.match(line) if spoiler else None
            start = 0
            if prefix:
                self.emit(SpoilerStart(None, ln, prefix.group(0)))
                start = prefix.end()
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
            return False
        if ref is None or ref.start() >= found.start:
            self.out.warnings.append(
                f"line {ln}: looks like a ranked entry but states no episode number "
                "(like 'Episode 5'); kept as prose"
            )
            return False
        remainder = line[rest_start : ref.start()] + " " + line[ref.end() : found.start]
        title, note = split_title(remainder)
        self.emit(Header(None, int(ref["ep"]), title, RANKED.name, ln, line))
        self.text_tok(note, ln)
        self.emit(Score(found, ln, line[found.start : found.end], alone=False, on_header_line=True))
        return True

    def header(self, line: str, ln: int) -> bool:
        for rule in HEADER_RULES:
            match = rule.pattern.match(line)
            if match is None:
                continue
            season = int(match["season"]) if match["season"] else None
            rest = match.end()
            found = next((f for f in labelled_scores(line, rest) if not f.series), None)
            if found is None:
                found = trailing_score(line, rest)
            end = found.start if found else len(line)
            title, note = split_title(line[rest:end])
            self.emit(Header(season, int(match["ep"]), title, rule.name, ln, line[:rest]))
            self.text_tok(note, ln)
            if found is not None:
                self.emit(
                    Score(
                        found, ln, line[found.start : found.end], alone=False, on_header_line=True
                    )
                )
                self.inline(line, found.end, ln)
            return True
        return False

    def inline(self, line: str, start: int, ln: int) -> None:
        """Chained entries, labelled scores and a closing '(spoilers below)' in a line."""
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
