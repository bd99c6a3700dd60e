"""Property tests for the one sanitiser: whatever goes in, nothing a terminal acts on comes out."""

from __future__ import annotations

import time
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dramatui.safe_text import safe_line, safe_text

ESC = "\x1b"
BEL = "\x07"
ST = ESC + "\\"


def forbidden(ch: str) -> bool:
    """A character that must never reach a terminal from library text."""
    cp = ord(ch)
    return (
        (cp < 0x20 and ch not in "\n\t")
        or cp == 0x7F
        or 0x80 <= cp <= 0x9F
        or 0x202A <= cp <= 0x202E
        or 0x2066 <= cp <= 0x2069
        or 0xD800 <= cp <= 0xDFFF
    )


# Text that is mostly hostile: escape introducers, terminators, controls, bidi, plus words.
_hostile_pieces = st.sampled_from(
    [
        ESC,
        ESC + "[",
        ESC + "]",
        ESC + "P",
        ESC + "_",
        ESC + "^",
        ESC + "X",
        BEL,
        ST,
        "\x9b",
        "\x9c",
        "\x9d",
        "\x90",
        "\r",
        "\r\n",
        "\n",
        "\t",
        "\x00",
        "\x7f",
        "\x85",
        "\u202e",
        "\u2066",
        "\u2069",
        "\u200d",
        "31;1m",
        "52;c;",
        "8;;https://evil.example/",
        "[",
        "]",
        "word",
        "漢字",
        "👩\u200d👩\u200d👧",
        "e\u0301",
        "\udcff",
    ]
)
hostile_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x3000)),
    st.lists(_hostile_pieces, max_size=40).map("".join),
    st.lists(st.one_of(_hostile_pieces, st.text(max_size=5)), max_size=30).map("".join),
)

SETTINGS = settings(max_examples=300, deadline=None)


@SETTINGS
@given(hostile_text)
@example(ESC + "]52;c;" + "SGVsbG8=" + BEL)
@example("\ud83d\ude00")
def test_safe_text_output_has_no_forbidden_characters(text: str) -> None:
    out = safe_text(text)
    assert not [ch for ch in out if forbidden(ch)], repr(out)
    assert ESC not in out
    out.encode("utf-8")  # always printable on a UTF-8 terminal: no lone surrogates


@SETTINGS
@given(hostile_text)
def test_safe_text_is_idempotent(text: str) -> None:
    once = safe_text(text)
    assert safe_text(once) == once


@SETTINGS
@given(hostile_text)
def test_safe_line_is_one_clean_line_and_idempotent(text: str) -> None:
    out = safe_line(text)
    assert "\n" not in out and "\t" not in out
    assert not [ch for ch in out if forbidden(ch)]
    assert safe_line(out) == out


# Text with nothing to strip is returned unchanged: printable characters, newlines, tabs.
_ordinary = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=("Cc", "Cs", "Zl", "Zp"),
        exclude_characters="\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    )
    | st.sampled_from("\n\t"),
)


@SETTINGS
@given(_ordinary)
def test_ordinary_text_is_kept_exactly(text: str) -> None:
    assert safe_text(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "👩\u200d👩\u200d👧\u200d👦 family",  # ZWJ sequence
        "👍🏽 ❤\ufe0f 🏳\ufe0f\u200d🌈",  # skin tone, variation selector, flag ZWJ
        "사운드트랙 #1 · サウンドトラック · 原声带",  # Korean, Japanese, Chinese
        "Zoë, naïve, e\u0301, a\u0308\u0304, ส\u0e38\u0e02",  # combining marks
        "right-to-left: שלום, مرحبا",  # RTL script itself is fine; only controls go
        "[bold]x[/] x [/ [@click=app.quit]q[/]",  # markup is not safe_text's business
    ],
)
def test_kept_text(text: str) -> None:
    assert safe_text(text) == text
    assert safe_line(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # OSC 52 (clipboard write): the whole sequence, payload included, goes
        (f"a{ESC}]52;c;SGVsbG8gd29ybGQ={BEL}b", "ab"),
        (f"a{ESC}]52;c;SGVsbG8gd29ybGQ={ST}b", "ab"),
        ("a\x9d52;c;SGVsbG8=\x9cb", "ab"),
        # OSC 8 hyperlink: the link target goes, the link text stays as plain text
        (f"{ESC}]8;;https://evil.example/steal{ST}click me{ESC}]8;;{ST}", "click me"),
        # OSC 0/2 window title
        (f"{ESC}]0;pwned{BEL}title", "title"),
        # CSI: SGR colours, cursor moves, screen clear, with their parameters
        (f"{ESC}[31;1mred{ESC}[0m", "red"),
        (f"{ESC}[2J{ESC}[H{ESC}[10;20Hx", "x"),
        ("\x9b31mred", "red"),
        (f"{ESC}[?1049h{ESC}[?25l", ""),
        # DCS / APC / PM / SOS strings
        (f"{ESC}P1$r0m{ST}ok", "ok"),
        (f"{ESC}_apc payload{ST}ok", "ok"),
        (f"{ESC}^pm{ST}{ESC}Xsos{ST}ok", "ok"),
        # two-character escapes and a lone ESC at the end
        (f"{ESC}7saved{ESC}8{ESC}c", "saved"),
        (f"end{ESC}", "end"),
        # an unterminated OSC swallows the rest: nothing of its payload is shown
        (f"keep{ESC}]52;c;c2VjcmV0", "keep"),
        # C0, DEL, C1, bidi controls removed one by one; newline and tab kept
        ("a\x00b\x08c\x7fd\x85e\x81f", "abcdef"),
        ("line1\nline2\tcol", "line1\nline2\tcol"),
        ("evil\u202egnp.exe", "evilgnp.exe"),
        ("\u2066iso\u2069\u202aemb\u202c\u200e", "isoemb"),
        # Windows line ends become newlines
        ("a\r\nb\rc", "a\nb\nc"),
        # lone surrogates (undecodable file-name bytes) become U+FFFD
        ("bad\udcff.toml", "bad\ufffd.toml"),
    ],
)
def test_sequences_removed_whole(text: str, expected: str) -> None:
    assert safe_text(text) == expected


def test_safe_line_joins_lines() -> None:
    assert safe_line("two\nlines\tand  tab") == "two lines and tab"
    assert safe_line(f"ti{ESC}[31mtle\r\n") == "title"


@pytest.mark.parametrize(
    "text",
    [
        (ESC + "[") * 200_000,
        "\x9d" * 400_000,
        (ESC + "]") * 100_000 + "x",
        ("a" * 50 + "\x9b") * 20_000,
        "\u202e" * 500_000,
    ],
    ids=["csi-introducers", "c1-osc", "osc-introducers", "mixed", "bidi"],
)
def test_hostile_text_is_cleaned_in_linear_time(text: str) -> None:
    start = time.perf_counter()
    out = safe_text(text)
    elapsed = time.perf_counter() - start
    assert not [ch for ch in out if forbidden(ch)]
    assert elapsed < 2.0, f"safe_text took {elapsed:.2f}s on {len(text):,} characters"


def test_every_c0_c1_character_is_removed() -> None:
    for cp in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]:
        ch = chr(cp)
        if ch in "\n\t":
            continue
        out = safe_text(f"a{ch}b")
        assert out in ("ab", "a\nb", "a"), (hex(cp), out)  # \r -> \n; an introducer eats the rest
        assert not [c for c in out if forbidden(c)], hex(cp)
        assert unicodedata.category(ch) == "Cc"
