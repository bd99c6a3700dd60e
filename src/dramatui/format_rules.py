"""Rules of show file format 1 that need no models: how a score is written, which links go,
and how a count is written in a message ("1 show", "3 problems").

Kept out of ``model.py`` (which imports pydantic) so that the screen can draw scores and
check a link before any show file is read: the first frame never imports the models.
"""

from __future__ import annotations


def format_score(value: float) -> str:
    """A score as people write it: 4, 7.5, 83."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def counted(n: int, noun: str) -> str:
    """*n* and *noun*, plural unless *n* is 1: ``counted(3, "show")`` is "3 shows"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def http_url_problem(url: str) -> str | None:
    """Why *url* is not an address dramatui may show as a link and open (None: it may).

    Only ``http://`` and ``https://`` addresses with something after the scheme, and no
    spaces, control characters or invisible formatting (bidi overrides, C1 controls):
    checked when a file is loaded, and again before a link is opened.
    """
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in ("http", "https") or not rest.strip():
        return "must be an http:// or https:// address"
    if not url.isprintable() or any(ch.isspace() for ch in url):
        return "must not contain spaces or control characters"
    return None
