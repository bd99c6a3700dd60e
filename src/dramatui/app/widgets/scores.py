"""Scores drawn as text: ``4/5``, ``7.5/10`` and small bars. Pure functions, no widgets."""

from __future__ import annotations

from dramatui.format_rules import format_score

_EIGHTHS = " ▏▎▍▌▋▊▉"
_SPARKS = "▁▂▃▄▅▆▇█"


def score_text(value: float | None, scale: int) -> str:
    """A score on its scale, e.g. ``4/5``; ``–`` when there is none."""
    if value is None:
        return "–"
    return f"{format_score(value)}/{scale}"


def bar(value: float, scale: int, width: int) -> tuple[str, str]:
    """A bar *width* cells long: (filled part, empty part), filled in eighths of a cell."""
    if width <= 0 or scale <= 0:
        return "", ""
    eighths = round(max(0.0, min(1.0, value / scale)) * width * 8)
    full, part = divmod(eighths, 8)
    filled = "█" * full + (_EIGHTHS[part] if part else "")
    return filled, "░" * (width - len(filled))


def sparkline(values: list[float | None], scale: int, width: int) -> str:
    """One character per value (a blank where a value is missing or hidden).

    With more values than *width*, neighbouring values share a cell (their mean); a cell
    whose values are all missing stays blank.
    """
    if width <= 0 or not values:
        return ""
    if len(values) <= width:
        buckets = [[v] for v in values]
    else:
        buckets = [
            values[i * len(values) // width : (i + 1) * len(values) // width] for i in range(width)
        ]
    out = []
    for bucket in buckets:
        known = [v for v in bucket if v is not None]
        if not known or scale <= 0:
            out.append(" ")
            continue
        level = max(0.0, min(1.0, (sum(known) / len(known)) / scale))
        out.append(_SPARKS[min(len(_SPARKS) - 1, int(level * len(_SPARKS)))])
    return "".join(out)
