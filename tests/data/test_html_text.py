"""TVmaze's HTML summaries become plain paragraphs (stdlib html.parser, then safe_text)."""

from __future__ import annotations

import pytest

from dramatui.sources.html_text import html_to_text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("<p><b>Bold</b> and <i>italic</i> &amp; more&hellip;</p>", "Bold and italic & more…"),
        ("<p>Line one<br>line two<br/>line three</p>", "Line one\nline two\nline three"),
        ("<ul><li>first</li><li>second</li></ul>", "first\n\nsecond"),
        ("Plain   text\n  spread\tout", "Plain text spread out"),
        ("<p>a &lt;tag&gt; as text &#8212; &#x2014;</p>", "a <tag> as text — —"),
        ("<p>x</p><script>alert(1)</script><style>p{}</style><p>y</p>", "x\n\ny"),
        ("<p>Esc\x1b[31mape\x07 [b]markup[/b]</p>", "Escape [b]markup[/b]"),
        ("<p>&#27;[2Jcleared</p>", "[2Jcleared"),
        ("<p>unclosed <b>tag", "unclosed tag"),
        ("<p></p>", None),
        ("", None),
        (None, None),
    ],
)
def test_html_to_text(html: str | None, text: str | None) -> None:
    assert html_to_text(html) == text
