"""DramaApp: thin. Themes, the main screen, global keys and the palette's commands."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from dramatui.app.commands import DailyProvider, ShowsProvider
from dramatui.app.indexing import LibrarySource
from dramatui.app.screens.main import MainScreen
from dramatui.state_file import TOGGLES

if TYPE_CHECKING:
    from dramatui.library import Index, Peek
    from dramatui.state import State


class DramaApp(App[None]):
    """Browse a loaded library with watch progress and settings from *state*."""

    CSS_PATH = "app.tcss"
    TITLE = "dramatui"
    COMMANDS = App.COMMANDS | {ShowsProvider, DailyProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        # what most terminal users try first (Textual's own says "press ctrl+q")
        Binding("ctrl+c", "quit", "Quit", show=False, id="quit-ctrl-c"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="palette"),
    ]

    def __init__(
        self,
        index: Index | None,
        state: State,
        *,
        paths: Sequence[Path] = (),
        peek: Peek | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        """An *index* already built (small libraries, tests), or *paths* indexed in a worker.

        With *paths*, the first frame shows *peek* (``dramatui.library.peek_index``) while the
        index is built, using the cache in *cache_dir*.
        """
        super().__init__()
        self.source = LibrarySource(paths=paths, peek=peek, cache_dir=cache_dir, index=index)
        self.state = state
        theme = state.settings.theme
        if theme and theme in self.available_themes:
            self.theme = theme

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.source, self.state)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.call_after_refresh(self._first_frame_drawn)

    def _first_frame_drawn(self) -> None:
        """The command line turns the garbage collector off for the start: back on now.

        What the start made lives as long as the app; frozen, later collections skip it.
        """
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    async def action_quit(self) -> None:
        """Quit, remembering where you were for the next start."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.save_position()
        await super().action_quit()

    def screenshot(self) -> Path | None:
        """Save an SVG of the screen in the download folder (else the current one) and say
        where; None when it could not be saved (and say why)."""
        from platformdirs import user_downloads_path

        folders = [user_downloads_path(), Path.cwd()]
        last_error: OSError | None = None
        for folder in folders:
            if not folder.is_dir():
                continue
            try:
                saved = Path(self.save_screenshot(path=str(folder)))
            except OSError as exc:
                last_error = exc
                continue
            self.notify(str(saved), title="Screenshot saved", markup=False)
            return saved
        why = (last_error.strerror or str(last_error)) if last_error else "no folder to save in"
        self.notify(
            f"Tried {folders[0]} and {folders[1]}: {why}.",
            title="Screenshot not saved",
            severity="error",
            markup=False,
        )
        return None

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self.state.settings.theme:
            self.state.set_setting("theme", theme.name)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":
                # Textual's fails when ~/Downloads is missing and says nothing of where
                yield SystemCommand(
                    command.title, command.help, lambda: self.set_timer(0.1, self.screenshot)
                )
            else:
                yield command
        if isinstance(screen, MainScreen):
            for name, (title, help_text) in TOGGLES.items():
                on = bool(getattr(self.state.settings, name))
                yield SystemCommand(
                    f"{title}: turn {'off' if on else 'on'}",
                    help_text,
                    partial(screen.toggle_setting, name),
                )
            yield SystemCommand(
                "Up next", "Every show in progress and its next episode", screen.action_up_next
            )
            yield SystemCommand(
                "Add a show from TVmaze…",
                "Search TVmaze and add a show's facts and episode guide to your library",
                screen.action_add_show,
            )
            yield SystemCommand("Problems", "List every problem found", screen.action_problems)
            yield SystemCommand("Help", "Keys and settings", screen.action_help)
