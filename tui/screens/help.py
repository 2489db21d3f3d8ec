"""The help screen: every key quipu answers to, and the query syntax."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    (
        "Anywhere",
        [
            ("/", "search"),
            ("Tab / Shift+Tab", "next / previous pane"),
            ("Esc", "back out: reader → results → search"),
            ("[ / ]  or Alt+←/→", "back / forward"),
            ("e", "entity sidebar"),
            ("t", "timeline"),
            ("Ctrl+P", "commands: open document, panes, rebuild index"),
            ("?", "this help"),
            ("q", "quit"),
        ],
    ),
    (
        "Search bar",
        [
            ("typing", "searches as you type"),
            ("Enter", "search now, go to the results"),
            ("Ctrl+Y", "use the did-you-mean suggestion"),
        ],
    ),
    (
        "Results",
        [("j / k, ↑ / ↓", "move"), ("g / G", "first / last"), ("Enter", "open in the reader")],
    ),
    (
        "Reader",
        [
            ("n / N", "next / previous hit"),
            ("j / k", "scroll"),
            ("Space / b", "page down / up"),
            ("g / G", "top / bottom"),
        ],
    ),
]

SYNTAX = (
    'Query syntax (Whoosh): words are ANDed · "exact phrase" · a OR b · NOT c · (grouping) · '
    "prefix* · fuzzy~ or fuzzy~2 · title:word · author:name · "
    "published:[2023-01-01 to 2023-01-31]"
)


class HelpScreen(ModalScreen[None]):
    """A modal listing every binding; any of Esc, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=True),
    ]
    """Keys that close the help."""

    def compose(self) -> ComposeResult:
        lines = []
        for section, keys in KEYS:
            lines.append(section)
            lines += [f"  {key:<22} {what}" for key, what in keys]
            lines.append("")
        lines.append(SYNTAX)
        with VerticalScroll(id="help-body"):
            yield Static("\n".join(lines), markup=False)

    def on_mount(self) -> None:
        self.query_one("#help-body").border_title = "quipu · keys"

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
