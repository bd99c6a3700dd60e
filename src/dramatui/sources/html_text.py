"""HTML summaries (as TVmaze writes them) -> plain paragraphs, with the stdlib parser.

Block elements (``<p>``, ``<div>``, list items, headings) end a paragraph, ``<br>`` ends a
line, every other tag is dropped with its text kept; entities and character references
are decoded by :class:`html.parser.HTMLParser` itself. ``<script>`` and ``<style>``
contents are dropped whole. The result then goes through the one sanitiser.
"""

from __future__ import annotations

from html.parser import HTMLParser

from dramatui.safe_text import safe_text

_BLOCKS = frozenset(
    {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table"}
)
_DROPPED = frozenset({"script", "style"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[str]] = [[]]  # paragraphs of lines of words
        self.line: list[str] = []
        self.dropping = 0

    def _end_line(self) -> None:
        text = " ".join("".join(self.line).split())
        if text:
            self.paragraphs[-1].append(text)
        self.line = []

    def _end_paragraph(self) -> None:
        self._end_line()
        if self.paragraphs[-1]:
            self.paragraphs.append([])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.dropping += 1
        elif tag == "br":
            self._end_line()
        elif tag in _BLOCKS:
            self._end_paragraph()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._end_line()
        elif tag in _BLOCKS:
            self._end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.dropping = max(0, self.dropping - 1)
        elif tag in _BLOCKS:
            self._end_paragraph()

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.line.append(data)


def html_to_text(html: str | None) -> str | None:
    """Plain text of an HTML fragment: paragraphs separated by a blank line, lines kept.

    None or an empty result gives None (TVmaze writes ``""`` and ``"<p></p>"`` for none).
    """
    if not html:
        return None
    parser = _Text()
    parser.feed(safe_text(html))
    parser.close()
    parser._end_paragraph()
    text = "\n\n".join("\n".join(lines) for lines in parser.paragraphs if lines)
    return safe_text(text) or None
