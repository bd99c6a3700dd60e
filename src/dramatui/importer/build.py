"""Second pass: tokens -> episodes, scores and prose sections -> a :class:`ShowFile`.

Where prose goes:
- text before the first guide entry, after the last one, and between headings is the
  review's prose, in sections split at headings;
- text inside a guide entry (between its header and its score, and after its score up to
  the next entry) is a note on that episode: its own section, headed "Episode N" and
  hidden until episode N is watched (``spoils = N``);
- after the last entry's score, the rest of that line is the review's prose (the seed's
  layout glues the review onto the last score) and following lines are the entry's note
  up to the next blank line;
- text after a spoiler mark is a spoiler section up to an end mark or a Markdown heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dramatui.importer.scan import (
    Break,
    Header,
    Heading,
    Meta,
    Score,
    SpoilerEnd,
    SpoilerStart,
    Table,
    Text,
    TitleHeading,
    Token,
    is_overall,
)
from dramatui.importer.scores import Value

_WORDLESS = re.compile(r"[\W_]*")
_LEADING_SEPARATORS = " \t:|–—-*"
_TRAILING_SEPARATORS = " \t|–—-"


def _trim_separators(para: str) -> str:
    """Drop separators left at the ends of a paragraph (``-|``, ``:``, ``—``), never a
    spoiler marker: ``||the ending||`` as a whole paragraph keeps both of its ``||``."""
    start, end = 0, len(para)
    while start < end and para[start] in _LEADING_SEPARATORS:
        if para.startswith("||", start):
            break
        start += 1
    while end > start and para[end - 1] in _TRAILING_SEPARATORS:
        if para.endswith("||", start, end) and para.find("||", start, end - 2) >= 0:
            break  # closes a marker opened in this paragraph
        end -= 1
    return para[start:end]


def season_offsets(headers: list[Header]) -> dict[int | None, int]:
    """What to add to each season's episode numbers: a show file holds one numbering, so
    when a guide covers several seasons, later seasons are numbered on from the earlier."""
    seasons = sorted({h.season for h in headers if h.season is not None})
    offsets: dict[int | None, int] = {None: 0}
    if len(seasons) > 1:
        top: dict[int, int] = {}
        for h in headers:
            if h.season is not None:
                top[h.season] = max(top.get(h.season, 0), h.number)
        total = 0
        for season in seasons:
            offsets[season] = total
            total += top[season]
    else:
        for season in seasons:
            offsets[season] = 0
    return offsets


@dataclass
class Entry(Header):
    """One entry of the guide as found: its header, and what was found for it."""

    value: Value | None = None
    placeholder: str | None = None
    token_index: int = -1
    """Where its header is in the token list."""
    title_kept: bool = True
    """False for a repeated entry whose title differs from the first's: the title then
    goes into its note, so that no word is lost."""


@dataclass
class Part:
    """A section being built."""

    heading: str | None = None
    paragraphs: list[list[str]] = field(default_factory=list)
    entry: Entry | None = None
    spoiler: bool = False
    spoils: int | None = None
    key: object = None

    def add(self, text: str) -> None:
        if not self.paragraphs:
            self.paragraphs.append([])
        self.paragraphs[-1].append(text)

    def paragraph_break(self) -> None:
        if self.paragraphs and self.paragraphs[-1]:
            self.paragraphs.append([])

    def first_paragraph(self) -> str:
        """The first paragraph with words, as body() gives it (without building the rest)."""
        for chunks in self.paragraphs:
            para = _trim_separators(" ".join(" ".join(chunks).split()))
            if _WORDLESS.fullmatch(para) is None:
                return para
        return ""

    def body(self) -> str:
        out = []
        for chunks in self.paragraphs:
            para = _trim_separators(" ".join(" ".join(chunks).split()))
            if _WORDLESS.fullmatch(para) is None:
                out.append(para)
        return "\n\n".join(out)


@dataclass
class Assembled:
    entries: list[Entry] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    review_score: Value | None = None
    sub_scores: list[tuple[str, Value]] = field(default_factory=list)
    headline: TitleHeading | None = None
    meta: dict[str, str] = field(default_factory=dict)
    guide_headings: int = 0
    warnings: list[str] = field(default_factory=list)
    facts: list[Meta] = field(default_factory=list)
    """The fact lines taken, in order (for --explain)."""
    spoilers: list[SpoilerStart] = field(default_factory=list)
    """Every mark or warning that started a spoiler region, in order."""
    review_score_line: int = 0
    consumed: list[str] = field(default_factory=list)
    """Text that became structure (a header, a score, a fact, a marker line): its words
    are in the show as data, not as prose."""


class _Builder:
    def __init__(self, tokens: list[Token], blank_lines: bool) -> None:
        self.tokens = tokens
        self.blank_lines = blank_lines
        self.out = Assembled()
        self.awaiting: Entry | None = None
        self.awaiting_has_text = False
        self.context: Entry | None = None
        """The entry whose note receives text, or None for the review's prose."""
        self.last_entry_line_general = False
        self.region: int | None = None
        """Spoiler region level (0 = whole show) while inside one."""
        self.region_count = 0
        self.region_recap = False
        """The region was started by a recap heading: the next heading ends it."""
        self.heading: str | None = None
        self.heading_count = 0
        self.titles: dict[int, str] = {}
        """The first title each episode was listed with (the one the guide keeps)."""
        self.pending_title: str | None = None
        self.listed: set[int] = set()
        self.offsets = season_offsets([t for t in tokens if isinstance(t, Header)])
        self.last_header = max(
            (i for i, tok in enumerate(tokens) if isinstance(tok, Header)), default=-1
        )

    # -- where text goes ------------------------------------------------------

    def part(self) -> Part:
        entry = None if self.last_entry_line_general else self.context
        if entry is not None:
            key: object = ("note", id(entry))
        else:
            key = ("prose", self.region_count, self.heading_count)
        parts = self.out.parts
        if parts and parts[-1].key == key:
            return parts[-1]
        new = Part(key=key, entry=entry)
        if entry is None:
            new.heading, self.heading = self.heading, None
            if self.region is not None:
                new.spoiler = self.region == 0
                new.spoils = self.region or None
        parts.append(new)
        return new

    def add_text(self, text: str) -> None:
        if _WORDLESS.fullmatch(text):
            return  # separators left between recognised parts: ' -| ', ': '
        self.part().add(text)
        if self.awaiting is not None:
            self.awaiting_has_text = True

    def new_paragraph(self) -> None:
        parts = self.out.parts
        if parts:
            parts[-1].paragraph_break()

    # -- tokens ---------------------------------------------------------------

    def run(self) -> Assembled:
        for index, token in enumerate(self.tokens):
            self.token(index, token)
        self.flush_heading()
        return self.out

    def token(self, index: int, token: Token) -> None:
        if isinstance(token, Text):
            if self.pending_title is not None:
                rank, _, rest = token.text.partition(" ")
                self.add_text(f"{rank} {self.pending_title} {rest}")
                self.pending_title = None
            else:
                self.add_text(token.text)
        elif isinstance(token, Break):
            self.brk(token)
        elif isinstance(token, Header):
            entry = Entry(
                token.season,
                token.number,
                token.title,
                token.rule,
                token.line,
                token.raw,
                token.last,
                token_index=index,
            )
            self.flush_heading()
            self.out.consumed.append(token.raw)
            self.out.entries.append(entry)
            self.awaiting, self.awaiting_has_text = entry, False
            self.context = entry
            self.last_entry_line_general = False
            key = token.number + self.offsets.get(token.season, 0)
            kept = self.titles.setdefault(key, token.title) if token.title else None
            if kept is not None and kept == token.title and key in self.listed:
                self.out.consumed.append(token.title)  # listed again, same title: merged
            self.listed.add(key)
            if kept is not None and token.title is not None and kept != token.title:
                entry.title_kept = False  # listed again under another title: keep it as text
                if token.rule == "ranked":
                    self.pending_title = token.title  # after the rank, as written
                else:
                    self.add_text(token.title)
        elif isinstance(token, Score):
            self.score(index, token)
        elif isinstance(token, Heading):
            self.heading_tok(token)
        elif isinstance(token, SpoilerStart):
            self.end_entry()
            self.region = token.level or 0
            self.region_recap = token.recap
            self.region_count += 1
            self.out.consumed.append(token.raw)
            self.out.spoilers.append(token)
        elif isinstance(token, SpoilerEnd):
            self.out.consumed.append(token.raw)
            self.end_entry()
            self.region = None
            self.region_count += 1
        elif isinstance(token, Table):
            if self.out.review_score is None and not self.out.sub_scores:
                self.out.consumed.append(token.raw)
                self.out.review_score_line = token.line
                for label, value in token.pairs:
                    if is_overall(label) and self.out.review_score is None:
                        self.out.review_score = value
                    else:
                        self.out.sub_scores.append((label, value))
            else:
                self.out.warnings.append(f"line {token.line}: a second score table; kept as prose")
                self.add_text(token.raw)
        elif isinstance(token, Meta):
            if token.key in self.out.meta:
                self.add_text(token.raw)
            else:
                self.out.meta[token.key] = token.value
                self.out.facts.append(token)
                self.out.consumed.append(token.raw)
        elif isinstance(token, TitleHeading):
            self.out.headline = token

    def flush_heading(self) -> None:
        """A heading with no prose under it stays, as a section with an empty body."""
        if self.heading is not None:
            saved, self.context = self.context, None
            self.part().add("")
            self.context = saved

    def end_entry(self) -> None:
        self.close_awaiting()
        self.context = None
        self.last_entry_line_general = False

    def close_awaiting(self) -> None:
        self.awaiting = None
        self.awaiting_has_text = False

    def brk(self, token: Break) -> None:
        self.last_entry_line_general = False
        entry = self.context
        if entry is not None and entry.rule == "ranked" and self.awaiting is None:
            self.context = None  # a ranked list is one line per entry
        if token.blank:
            self.new_paragraph()
            if self.awaiting is not None and self.awaiting_has_text:
                self.close_awaiting()
            entry = self.context
            if entry is not None and entry.token_index == self.last_header and not self.awaiting:
                self.context = None
        elif not self.blank_lines:
            self.new_paragraph()

    def score(self, index: int, token: Score) -> None:
        found = token.found
        entry = self.awaiting
        attachable = token.on_header_line or found.labelled or token.alone
        if entry is not None and not found.series and attachable:
            if found.value.value is None:
                entry.placeholder = found.value.raw
            else:
                entry.value = found.value
            self.out.consumed.append(token.raw)
            self.close_awaiting()
            if index > self.last_header and not token.alone:
                # the seed's layout: the review starts on the last score's line
                self.last_entry_line_general = True
            return
        free = found.series or self.context is None or self._after_last_entry()
        if (
            (token.alone or found.labelled)
            and free
            and self.out.review_score is None
            and found.value.value is not None
        ):
            self.out.review_score = found.value
            self.out.review_score_line = token.line
            self.out.consumed.append(token.raw)
            return
        self.add_text(token.raw)

    def _after_last_entry(self) -> bool:
        entry = self.context
        return entry is not None and entry.token_index == self.last_header and not self.awaiting

    def heading_tok(self, token: Heading) -> None:
        if token.guide:
            self.out.guide_headings += 1
            self.out.consumed.append(token.text)
            self.end_entry()
            return
        headline = self.out.headline
        one_episode = headline is not None and (headline.episode is not None or headline.finale)
        if (
            self.region is not None
            and not token.markdown
            and (
                not self.region_recap or one_episode  # a page about one episode: all of it waits
            )
        ):
            self.add_text(token.text)  # inside a spoiler: a heading would always show
            return
        self.flush_heading()
        self.end_entry()
        self.region = None
        self.heading = token.text
        self.heading_count += 1


def assemble(tokens: list[Token], blank_lines: bool) -> Assembled:
    """Episodes, scores and prose sections from the scanned tokens."""
    return _Builder(tokens, blank_lines).run()
