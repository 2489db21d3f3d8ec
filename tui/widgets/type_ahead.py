"""Type-ahead for lists that search by typing (results, timeline passages): every printable
key is text for the search bar, posted as the list's ``TypedAhead`` message."""

from __future__ import annotations

from typing import Any

from textual.events import Key


class TypesAhead:
    """Mixin for a focusable widget with a ``TypedAhead(text)`` message class; put it before
    the widget class in the bases so its key methods take precedence."""

    typing_ahead = False
    TypedAhead: Any
    post_message: Any

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Every printable key is text (the search's), so the letters bound on the screen and
        the app (e, t, q, ?) are not keys here (nor shown in the footer). Only a first "/" is
        the screen's (go to the search bar): no query starts with one."""
        if character == "/" and not self.typing_ahead:
            return False
        return character is not None and character.isprintable()

    def on_key(self, event: Key) -> None:
        if self.typing_ahead and event.key in ("enter", "backspace"):
            # Typed on before the search bar had the focus: still the search's.
            event.stop()
            event.prevent_default()
            self.post_message(self.TypedAhead("\n" if event.key == "enter" else "\b"))
            return
        if event.character is not None and self.check_consume_key(event.key, event.character):
            event.stop()
            event.prevent_default()
            self.typing_ahead = True
            self.post_message(self.TypedAhead(event.character))

    def on_blur(self) -> None:
        self.typing_ahead = False
