"""Untrusted text -> plain printable text. The one door for library text to a terminal.

Show files are written by people and importers. Before any of their text is drawn or
printed it goes through :func:`safe_text`, which removes everything a terminal would act
on instead of showing: C0 controls (except newline and tab), DEL, C1 controls, whole
ESC-introduced sequences (CSI, OSC, DCS, ...), and the bidi embedding, override and
isolate controls that can disguise text. Lone surrogates (from file names that are not
UTF-8) become U+FFFD, so the result can always be encoded. Emoji, CJK and combining marks
are kept.

Markup is a separate matter: widgets get ``Content``/``Text`` objects, never markup
strings, so brackets in library text are shown as they are.
"""

from __future__ import annotations

import re

# ESC-introduced sequences, removed whole:
#  - CSI: ESC [ params intermediates final
#  - OSC / DCS / SOS / PM / APC: ESC ] ... terminated by BEL or ST (ESC \), or unterminated
#  - two-character escapes: ESC followed by one byte in 0x20..0x7E
# The same introducers also exist as single C1 characters (U+009B CSI, U+009D OSC, ...).
_SEQUENCES = re.compile(
    r"""
    (?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?       # CSI
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])                  # OSC DCS SOS PM APC
        [^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?                 #   ... up to BEL or ST
  | \x1b[\x20-\x7e]?                                         # other escapes, lone ESC
    """,
    re.VERBOSE,
)

# Characters removed one by one: C0 except \t and \n, DEL, C1, bidi controls,
# and the line/paragraph separators some terminals treat as newlines.
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)

# Lone surrogates: Python decodes undecodable file-name bytes to U+DC80..U+DCFF, and
# printing them raises UnicodeEncodeError. They become the replacement character.
_SURROGATES = re.compile("[\ud800-\udfff]")


def safe_text(text: str) -> str:
    """Return *text* with every control character and escape sequence removed.

    ``\\r\\n`` and lone ``\\r`` become ``\\n`` so copied Windows text keeps its lines.
    Idempotent: ``safe_text(safe_text(x)) == safe_text(x)``.
    """
    if text.isprintable():
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SEQUENCES.sub("", text)
    text = _CONTROLS.sub("", text)
    return _SURROGATES.sub("\ufffd", text)


def safe_line(text: str) -> str:
    """:func:`safe_text` for one-line places (titles, list rows).

    Newlines and tabs become single spaces."""
    cleaned = safe_text(text)
    if "\n" in cleaned or "\t" in cleaned:
        cleaned = " ".join(cleaned.split())
    return cleaned
