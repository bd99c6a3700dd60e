"""The redaction door across an edit (issue 13, item 3), through the running app: every
episode highlighted, every review read, with the keys a first launch remembered."""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from door import (
    everything_shown,
    may_see,
    options_strategy,
    places,
    progress_strategy,
    shows_and_edits,
)
from dramatui.model import ShowFile
from dramatui.spoilers import redact

APP = settings(
    max_examples=int(os.environ.get("DRAMATUI_DOOR_APP_EXAMPLES", "6")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@APP
@given(data=st.data(), built=shows_and_edits())
def test_the_app_shows_nothing_unseen_after_an_edit(
    tmp_path_factory: Any, data: st.DataObject, built: tuple[dict[str, Any], dict[str, Any], str]
) -> None:
    import asyncio

    import tomli_w

    from dramatui.app.screens.main import MainScreen
    from dramatui.app.widgets.episode_guide import EpisodeGuide

    from app_support import all_text, make_app, write

    before_doc, after_doc, edit = built
    before = ShowFile.model_validate(before_doc)
    watched = data.draw(progress_strategy(before_doc), label="watched")
    options = data.draw(options_strategy(), label="options")
    hidden = list(redact(before, watched, (), options).hidden)
    chosen = data.draw(st.sets(st.sampled_from(hidden)) if hidden else st.just(set()))
    keys = {s.key for s in chosen}
    shown, _ = everything_shown(before, watched, keys, options)
    seen = {word for word in places(before_doc) if word in shown}

    tmp = tmp_path_factory.mktemp("door")
    write(tmp / "shows", "door.toml", tomli_w.dumps(after_doc))
    names = ("hide_unwatched_titles", "hide_unwatched_scores", "reveal_all")
    state = {
        "settings": {"remember_reveals": True, **{n: getattr(options, n) for n in names}},
        "watched": {"door": sorted(watched)} if watched else {},
        "revealed": {"door": sorted(keys)} if keys else {},
    }
    write(tmp / "state", "state.toml", tomli_w.dumps(state))

    async def walk() -> str:
        app = make_app([tmp / "shows"], tmp / "state" / "state.toml")
        texts = []
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, MainScreen)
            await pilot.press("tab")
            for _ in range(len(after_doc["episodes"])):
                for _ in range(len(after_doc["reviews"])):
                    texts.append(all_text(app))
                    await pilot.press("r")
                await pilot.press("down")
            assert screen.query_one(EpisodeGuide).highlighted is not None
            texts.append(all_text(app))
        return "\n".join(texts)

    drawn = asyncio.run(walk())
    leaked = [
        (word, place)
        for word, place in places(after_doc).items()
        if word in drawn
        and not (may_see(place, after_doc, watched, set(), options) or word in seen)
    ]
    assert not leaked, (edit, leaked)
