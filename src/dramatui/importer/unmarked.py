"""Spoilers nobody marked: sentences that tell how the story ends, hidden all the same.

Most reviewers warn with words, not markers, and some only hint. A sentence that tells how
the story ends or what happens late in it ("by the end", "in the finale", "the last
episode", "late on", "ends up", a death, a wedding, a break-up, who ends up with whom) is
wrapped in the inline marker ``||…||``: hidden until the last episode (or the episode the
review covers). A sentence that says in passing that the writer will not spoil something
("… (I'm being careful not to spoil anything here!) …") is talking around a plot point:
hidden too. "No spoilers here but …" at the start of a sentence is not a warning but a
sign that a hint may follow: the rest of that sentence and the next one are hidden when
they speak of the ending at all ("the ending", "the finale", "together", "a twist").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from dramatui.importer.rules import (
    SENTENCE_END,
    SPOILER_NEGATION,
    SPOILER_WORD,
    expand,
    has_spoiler_word,
    is_negated,
    top_level,
    trie_pattern,
)


@dataclass(frozen=True)
class Hidden:
    """One sentence hidden as an unmarked spoiler, and the words that made it one."""

    sentence: str
    words: tuple[str, ...]


_LATIN_CUES = (
    r"by the end|in the end|at the end of (?:the|this) (?:show|series|drama|story|season)|"
    r"in the finale|the finale|final episodes?|last (?:(?:two|three|four|few|"
    r"couple of) )?episodes?|late on|later on|towards? the end|near the end|ends? up|"
    r"ended up|ending up|dies|died|death of|is killed|was killed|gets killed|kills|"
    r"funeral|wedding|gets? married|got married|marries|break up|breaks up|broke up|"
    r"split up|divorces?|gets? together|got together|reunites?|reunited|turns out|"
    r"the twist|the killer (?:is|was)|revealed to be|the last scene|final scene|epilogue|"
    r"time skip|al final|en el final|(?:el|los) últimos? (?:episodios?|capítulos?)|"
    r"el capítulo final|terminan juntos|acaban juntos|mueren?|la boda|se casan|no final|"
    r"(?:o|os|no|nos) últimos? episódios?|morre|casamento|se casam|terminam juntos|"
    r"ficam juntos|à la fin|dans le final|(?:le|les) derniers? épisodes?|meurt|se marient|"
    r"finissent ensemble|am ende|im finale|(?:die|der|den) letzten? folgen?|stirbt|"
    r"hochzeit|heiraten|trennen sich|alla fine|nel finale|l'ultimo episodio|"
    r"gli ultimi episodi|muore|si sposano|si lasciano|la final|în final|ultimul episod|"
    r"ultimele episoade|moare|nunta|se căsătoresc|se despart|di akhir|episode terakhir|"
    r"meninggal|tewas|pernikahan|menikah"
)
"""English cues, then Spanish, Portuguese, French, German, Italian, Romanian and
Indonesian ones; a space stands for any run of spaces."""
_OTHER_CUES = (
    r"в конце|в финале|последн\w+ сери\w+|умирает|погибает|свадьб\w+|женятся|расстаются|"
    r"поженятся|마지막회|마지막 회|최종회|결말|죽는|죽음|죽었|사망|결혼|이별|헤어지|헤어진|"
    r"最終回|最後に|結末|死ぬ|死亡|亡くな|結婚|別れ|结局|結局|"
    r"最后一集|最後一集|大结局|死了|去世|结婚|分手"
)
"""Russian, Korean, Japanese and Chinese cues."""


def _spaced(pattern: str) -> str:
    return pattern.replace(" ", r"[ \t]+")


ENDING_CUE = re.compile(
    r"(?<![\w'’])(?:" + _spaced(_LATIN_CUES) + r")(?![\w])|(?:" + _spaced(_OTHER_CUES) + r")",
    re.I,
)
"""Words that tell how a story ends or what happens late in it (see find_cues)."""


_PHRASES = sorted({p for alternative in top_level(_LATIN_CUES) for p in expand(alternative)})
"""Every cue of _LATIN_CUES as a plain lower-case phrase (170 of them)."""
_LATIN = re.compile(r"\b(?:" + trie_pattern(_PHRASES) + r")(?![\w])")
"""All of them in one trie-shaped pattern, matched in lower-cased text: a single fast
pass over a long review."""
_OTHER_SCRIPTS = re.compile("[\u0400-\u04ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_OTHER = re.compile(_spaced(_OTHER_CUES), re.I)


def find_cues(text: str) -> list[tuple[int, int, str]]:
    """Every ending cue in *text* (a section body: one space between words): (start, end,
    the words)."""
    low = text.lower()
    if len(low) != len(text):  # a few letters change length in lower case: keep places right
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    found = [(m.start(), m.end(), text[m.start() : m.end()]) for m in _LATIN.finditer(low)]
    if not text.isascii() and _OTHER_SCRIPTS.search(text):
        found.extend((m.start(), m.end(), m.group(0)) for m in _OTHER.finditer(text))
        found.sort()
    return found


WEAK_CUE = re.compile(
    r"\b(?:ending|endings|finale|together|fate|twist|reveal\w*|turns|final|the[ \t]+end|"
    r"resolution|conclusion|outcome|final|final)\b|결말|結末|结局|結局",
    re.I,
)
"""After 'No spoilers, but …': words that hint at the ending."""

_MARKED = re.compile(r"\|\|.*?\|\||>!.*?!<", re.S)


def _sentences(para: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for end in SENTENCE_END.finditer(para):
        spans.append((start, end.end()))
        start = end.end()
    if start < len(para):
        spans.append((start, len(para)))
    return spans


def _judge(sentence: str, cues: list[str], hinted: bool) -> tuple[tuple[str, ...], bool]:
    """The words that make *sentence* a spoiler (none: shown), and whether it opens a hint
    window ('No spoilers here but …' at its start). *cues* are its ending cues."""
    words = tuple(cues)
    negation = SPOILER_NEGATION.search(sentence) if has_spoiler_word(sentence) else None
    opens = False
    if negation is not None:
        lead = sentence[: negation.start()].split()
        if len(lead) > 3:  # said in passing, mid-sentence: talking around a plot point
            words += (negation.group(0),)
        else:
            opens = True
            rest = sentence[negation.end() :]
            words += tuple(m.group(0) for m in WEAK_CUE.finditer(rest))
    elif hinted:
        words += tuple(m.group(0) for m in WEAK_CUE.finditer(sentence))
    return words, opens


def _close_run(run: list[str], pieces: list[str]) -> None:
    """Wrap the hidden sentences gathered in *run* in one inline marker."""
    if run:
        text = "".join(run)
        stripped = text.rstrip()
        pieces.append("||" + stripped + "||" + text[len(stripped) :])
        run.clear()


def hide_unmarked(body: str) -> tuple[str, list[Hidden]]:
    """*body* with every unmarked spoiler sentence wrapped in ``||…||``, and those sentences."""
    cues = find_cues(body)
    negated = (
        [m.start() for m in SPOILER_WORD.finditer(body) if is_negated(body, m.start(), m.end())]
        if has_spoiler_word(body)
        else []
    )
    if not cues and not negated:
        return body, []
    hidden: list[Hidden] = []
    out: list[str] = []
    offset = 0
    cue_starts = [a for a, _, _ in cues]
    for para in body.split("\n\n"):
        base = offset
        offset += len(para) + 2
        first = bisect_left(cue_starts, base)
        last = bisect_left(cue_starts, base + len(para))
        mine = [(a - base, b - base, w) for a, b, w in cues[first:last]]
        if not mine and not any(base <= n < base + len(para) for n in negated):
            out.append(para)
            continue
        marked = [(m.start(), m.end()) for m in _MARKED.finditer(para)]
        pieces: list[str] = []
        run: list[str] = []
        hinted = False
        for start, end in _sentences(para):
            sentence = para[start:end]
            inside = any(a < end and start < b for a, b in marked) or "|" in sentence
            words: tuple[str, ...] = ()
            opens = False
            warning = has_spoiler_word(sentence) and any(
                not is_negated(sentence, m.start(), m.end())
                for m in SPOILER_WORD.finditer(sentence)
            )
            if not inside and not warning:  # a warning is shown: what follows it is hidden
                own = [w for a, _, w in mine if start <= a < end]
                words, opens = _judge(sentence, own, hinted)
            hinted = opens
            if words:
                run.append(sentence)
                hidden.append(Hidden(sentence.strip(), words))
            else:
                _close_run(run, pieces)
                pieces.append(sentence)
        _close_run(run, pieces)
        out.append("".join(pieces))
    return "\n\n".join(out), hidden
