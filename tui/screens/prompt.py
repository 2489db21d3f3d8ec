"""Small modal questions: a line of text (PromptScreen) or one of a few choices (ChoiceScreen).
Each dismisses with the answer, or None on Esc."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.render import plain


class PromptScreen(ModalScreen[str | None]):
    """Ask for a line of text: Enter answers it (blank: no answer), Esc asks nothing. With
    ``check``, an answer it finds a problem with is not taken: the problem shows under the
    line, which stays to be mended."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True)]

    def __init__(
        self,
        question: str,
        value: str = "",
        placeholder: str = "",
        check: Callable[[str], str | None] | None = None,
        help_text: str = "Enter: done · Esc: cancel",
    ) -> None:
        super().__init__(classes="prompt-screen")
        self.question, self.value, self.placeholder = question, value, placeholder
        self.check, self.help_text = check, help_text

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt-body"):
            yield Static(plain(self.question), classes="prompt-question")
            yield Input(
                self.value, placeholder=self.placeholder, id="prompt-input", select_on_focus=False
            )
            yield Static(plain(self.help_text), classes="prompt-help", id="prompt-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        problem = self.check(text) if text and self.check is not None else None
        if problem:
            help_line = self.query_one("#prompt-help", Static)
            help_line.update(plain(f"{problem} · Esc: cancel"))
            help_line.add_class("-error")
            return
        self.dismiss(text or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(ModalScreen[str | None]):
    """Ask for one of ``choices``: Enter picks the highlighted one, Esc none."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True)]

    def __init__(self, question: str, choices: list[str]) -> None:
        super().__init__(classes="prompt-screen")
        self.question, self.choices = question, choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt-body"):
            yield Static(plain(self.question), classes="prompt-question")
            yield OptionList(
                *(Option(plain(choice), id=str(n)) for n, choice in enumerate(self.choices)),
                id="prompt-choices",
            )
            yield Static("Enter: choose · Esc: cancel", classes="prompt-help")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = 0 if self.choices else None
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(self.choices[int(event.option.id)])

    def action_cancel(self) -> None:
        self.dismiss(None)
