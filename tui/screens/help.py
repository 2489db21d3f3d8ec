"""The help screen: every key quipu answers to, and the query syntax."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    (
        "Lists (results, entities, timeline): printable keys are text",
        [
            ("typing", "results, timeline: searches · entities: filters by name"),
            ("↑ / ↓, PgUp / PgDn", "move"),
            ("Home / End", "first / last"),
            ("Enter", "open (entities: filter the results to it)"),
            ("Esc", "back out"),
        ],
    ),
    (
        "Anywhere (the letter where typing is no text: the reader)",
        [
            ("Ctrl+F  or /", "search"),
            ("Tab / Shift+Tab", "next / previous pane"),
            ("Esc", "back out: reader → results → search"),
            ("Alt+← / Alt+→  or [ / ]", "back / forward"),
            ("Ctrl+E  or e", "entity sidebar: show and go to it (again: hide it)"),
            ("Ctrl+T  or t", "timeline: show and go to it (again: hide it)"),
            ("Ctrl+L  or x", "clear the entity and date filters"),
            ("Ctrl+O  or o", "order the results by relevance / by publication date"),
            ("Ctrl+G", "published from … to: a filter (2023-01, or two dates; blank: any)"),
            ("F4  or s", "save this search with its filters (asks for a name)"),
            (
                "Ctrl+P",
                "commands: open document, a note (type: note), a saved search (type: saved), "
                "panes, rebuild index",
            ),
            ("Ctrl+B", "bookmark the current hit (or the passage at the top of the reader)"),
            ("Ctrl+N", "write a note on it (asks for the text)"),
            ("F3", "notes and bookmarks: open, delete (d), export as Markdown (e)"),
            ("F1  or ?", "this help"),
            ("Ctrl+Q, Ctrl+C  or q", "quit"),
        ],
    ),
    (
        "Search bar",
        [
            ("typing", "searches as you type"),
            ("Enter", "search now; the results take the focus when they come"),
            ("↑", "recall the query before (again: earlier ones; kept across runs)"),
            ("↓", "while recalling: the next query (past the newest: what you typed)"),
            ("↓", "otherwise: go to the results"),
            ("Esc", "go to the results, dropping a search still running"),
            ("Ctrl+Y", "use the did-you-mean suggestion"),
        ],
    ),
    (
        "Entity sidebar",
        [
            ("typing", "filter the list by name or alias (Esc clears it)"),
            ("Enter", "filter the results to documents mentioning it (again: unfilter)"),
            ("→", "who is mentioned in the same passages"),
            ("F2  or Ctrl+D", "its dossier: every mention, its dates, who is with it by month"),
            ("Ctrl+S", "scope: this document · the results · the collection"),
            ("Esc", "out of the co-mentions, then out of the filter"),
        ],
    ),
    (
        "Entity dossier",
        [
            ("↑ / ↓, Enter", "choose a mention, open it in the reader (the last line: more)"),
            ("m", "merge another entity into it (asks for the name)"),
            ("s", "split one of its aliases off as an entity of its own"),
            ("r / t", "rename it / change its type"),
            ("Esc", "back to the reader (the sidebar shows the corrections)"),
        ],
    ),
    (
        "Timeline",
        [
            ("← / →", "one day (week, month) back / on"),
            (
                "Shift+← / →",
                "a week of days, a month of weeks, a year of months, a decade of years",
            ),
            ("Home / End", "first / last date mentioned"),
            ("Shift+↑ / Shift+↓", "zoom in / out: days, weeks, months, years"),
            ("↑ / ↓, Enter", "choose a passage, open it in the reader"),
            (
                "Ctrl+Space … again",
                "mark a range: the results keep the documents that talk about it",
            ),
            ("typing", "searches: the timeline charts the results' mentions"),
        ],
    ),
    (
        "Reader",
        [
            ("n / N", "next / previous hit (while finding: next / previous match)"),
            ("f", "find in this document, apart from the search (Esc: the hits again)"),
            ("d", "set or correct this document's publication date (clear: quipu's own again)"),
            ("p / v", "open its file in $PAGER / $EDITOR at the current line"),
            ("c", "copy a citation (path, title, date, the passage) to the clipboard"),
            ("j / k, ↑ / ↓", "scroll"),
            ("Space / b", "page down / up"),
            ("g / G", "top / bottom"),
        ],
    ),
]

SYNTAX = (
    "Query syntax (Whoosh): words are ANDed (stemmed; the exact form ranks first) · "
    '"exact phrase" · =word (exact form only; =May keeps its capital) · a OR b · NOT c · '
    "(grouping) · "
    "prefix* · fuzzy~ or fuzzy~2 · title:word · author:name · "
    "published:[2023-01-01 to 2023-01-31] · "
    'entity:"Dina Boluarte" · person:castillo · place:puno · org:cgtp · mentions:2022-12-07'
)


class HelpScreen(ModalScreen[None]):
    """A modal listing every binding; any of Esc, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", show=True),
    ]
    """Keys that close the help."""

    def compose(self) -> ComposeResult:
        # A row a key: what it does wraps in its own column, under itself, not under the key.
        with VerticalScroll(id="help-body"):
            for section, keys in KEYS:
                yield Static(section, markup=False, classes="help-section")
                for key, what in keys:
                    with Horizontal(classes="help-row"):
                        yield Static(key, markup=False, classes="help-key")
                        yield Static(what, markup=False, classes="help-what")
            yield Static(SYNTAX, markup=False, classes="help-syntax")

    def on_mount(self) -> None:
        self.query_one("#help-body").border_title = "quipu · keys"

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
