"""The whole redaction door, across two launches with an edit of the file between them
(issue 13, item 3).

Generated shows (any mix of ``spoiler``, ``spoils = N``, inline markers, ``covers``,
scores and titles) × any progress × any settings × any remembered reveals × an edit of
the file between two launches. In the first launch some hidden spoilers are revealed and
remembered (their keys, as the state file keeps them); in the second the edited show is
read with those keys, a progress and settings of its own. Nothing the reader has neither
watched nor seen may then be in what the screen is handed (the redacted view), what
``export --spoilers progress`` writes, what the show list and the palette list (the
summary) or what the filter matches.

Every text that can be hidden holds one unique word (``SENTINEL00012X``), every score a
unique number, so "is it shown" is a substring test. Whether a word may be shown is
decided here from docs/format.md's rules, written again without looking at spoilers.py.
With the default number of examples this finds the position-keyed reveals of issue 13
(item 1) on the code before it; ``DRAMATUI_DOOR_EXAMPLES`` asks for more.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import event, given
from hypothesis import strategies as st

from door import (
    DOOR,
    Where,
    everything_shown,
    may_see,
    options_strategy,
    place_name,
    places,
    progress_strategy,
    shows_and_edits,
)
from dramatui.model import ShowFile
from dramatui.spoilers import Options, redact


@DOOR
@given(data=st.data(), built=shows_and_edits())
def test_nothing_unseen_passes_the_door_across_an_edit(
    data: st.DataObject, built: tuple[dict[str, Any], dict[str, Any], str]
) -> None:
    before_doc, after_doc, edit = built
    event(f"edit: {edit}")
    before = ShowFile.model_validate(before_doc)
    after = ShowFile.model_validate(after_doc)

    # the first launch: a progress, settings, and some hidden spoilers revealed
    watched = data.draw(progress_strategy(before_doc), label="watched")
    options = data.draw(options_strategy(), label="options")
    hidden = list(redact(before, watched, (), options).hidden)
    chosen = data.draw(st.sets(st.sampled_from(hidden)) if hidden else st.just(set()))
    keys = {s.key for s in chosen}  # what "Remember reveals" writes to the state file
    revealed = {place_name(s) for s in chosen}
    shown, _ = everything_shown(before, watched, keys, options)
    where = places(before_doc)
    for word, place in where.items():
        visible = may_see(place, before_doc, watched, revealed, options)
        assert (word in shown) is visible, ("first launch", word, place, edit)
    seen = {word for word in where if word in shown}

    # the second launch: the edited file, the remembered keys, any progress and settings
    watched2 = data.draw(progress_strategy(after_doc), label="watched again")
    options2 = data.draw(options_strategy(), label="options again")
    shown2, mean = everything_shown(after, watched2, keys, options2)
    leaked = []
    visible_scores = []
    for word, place in places(after_doc).items():
        allowed = may_see(place, after_doc, watched2, set(), options2) or word in seen
        event("something hidden" if not allowed else "something open")
        if not allowed and word in shown2:
            leaked.append((word, place))
        if place.kind == "episode-score" and (word in shown2):
            visible_scores.append(float(word))
    assert not leaked, (edit, leaked, sorted(watched2), options2)
    # the list's mean is of the scores the reader may see, no other
    if visible_scores:
        assert mean is not None and abs(mean - sum(visible_scores) / len(visible_scores)) < 1e-6
    else:
        assert mean is None


def test_the_rules_above_are_not_vacuous() -> None:
    """By hand: the format.md repro. A middle section revealed, the section above it
    deleted: the ending (not seen) would be a leak, the middle (seen) is not."""
    doc: dict[str, Any] = {
        "format": 1,
        "show": {"id": "x", "title": "X", "episodes_total": 4},
        "episodes": [{"number": 1}],
        "reviews": [
            {
                "sections": [
                    {"heading": "SENTINEL00001X", "body": "open SENTINEL00002X"},
                    {"heading": "SENTINEL00003X", "body": "open SENTINEL00004X", "spoils": 2},
                    {"heading": "SENTINEL00005X", "body": "open SENTINEL00006X", "spoiler": True},
                ]
            }
        ],
    }
    where = places(doc)
    assert where["SENTINEL00004X"] == Where("section", review=0, section=1)
    assert may_see(where["SENTINEL00004X"], doc, set(), {"r0.s1"}, Options())
    assert not may_see(where["SENTINEL00006X"], doc, set(), {"r0.s1"}, Options())
    after = copy.deepcopy(doc)
    del after["reviews"][0]["sections"][0]
    # the ending now sits at r0.s1: a reveal remembered by position would open it
    assert places(after)["SENTINEL00006X"] == Where("section", review=0, section=1)
    assert not may_see(places(after)["SENTINEL00006X"], after, set(), set(), Options())
