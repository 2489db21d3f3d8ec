"""The entity dossier: one entity's name, type and aliases, every mention in context across the
collection (paged), the months its passages' dates fall in, and who is mentioned with it month
by month; and the corrections (merge, split off an alias, rename, change the type).

The screen reads the Collection in worker threads, as the reader does, and dismisses with a
DossierOutcome: the passage to open, and whether the entities were corrected (the sidebar is
then read again).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from index.api import Collection
from index.dossier import Dossier, MentionContext
from index.errors import QuipuError
from index.models import EntityMention
from index.userdata.alias_edits import TYPES, Action, AliasEdit
from tui.render import DIM, plain
from tui.screens.prompt import ChoiceScreen, PromptScreen

PAGE = 50
"""Mentions shown at a time (their context is read from the documents as the page is shown)."""
TITLE_WIDTH = 24
BAR_WIDTH = 12
MORE = "more"


@dataclass(frozen=True, slots=True)
class DossierOutcome:
    """What the dossier was left with: a mention to open in the reader, and whether the
    entities were corrected."""

    open: EntityMention | None
    corrected: bool


class DossierScreen(Screen[DossierOutcome]):
    """Everything about one entity."""

    BINDINGS = [
        Binding("escape", "close", "Back", show=True),
        Binding("m", "merge", "Merge", show=True),
        Binding("s", "split", "Split alias", show=True),
        Binding("r", "rename", "Rename", show=True),
        Binding("t", "retype", "Type", show=True),
    ]
    """No typing filters this list, so the corrections are letters; Enter opens a mention."""

    @dataclass
    class Loaded(Message):
        dossier: Dossier | None
        asked: str

    @dataclass
    class PageLoaded(Message):
        first: int
        contexts: list[MentionContext]

    @dataclass
    class Corrected(Message):
        """A correction was tried (``ok``: it was written and applied); ``name``: the entity's
        name now."""

        edit: AliasEdit
        name: str
        ok: bool

    @dataclass
    class Failed(Message):
        error: str

    def __init__(self, collection: Collection, name: str, titles: dict[str, str]) -> None:
        super().__init__()
        self.collection = collection
        self.entity_name = name
        self.titles = titles
        self.dossier: Dossier | None = None
        self.contexts: list[MentionContext] = []
        self.corrected = False

    def compose(self) -> ComposeResult:
        yield Static(id="dossier-head")
        with Horizontal(id="dossier-main"):
            yield OptionList(id="dossier-mentions")
            with VerticalScroll(id="dossier-side"):
                yield Static(id="dossier-months")
                yield Static(id="dossier-company")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#dossier-mentions", OptionList).border_title = "Mentions"
        self.query_one("#dossier-side").border_title = "Timeline · with whom, by month"
        self.query_one("#dossier-head", Static).update(plain(f"{self.entity_name} · reading…"))
        self._load(self.entity_name)

    # -- reading -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="dossier", exit_on_error=False)
    def _load(self, name: str) -> None:
        try:
            dossier = self.collection.dossier(name)
        except QuipuError as error:
            self.post_message(self.Failed(str(error)))
            return
        self.post_message(self.Loaded(dossier, name))
        if dossier is not None:
            self._read_page(dossier, 0)

    def _read_page(self, dossier: Dossier, first: int) -> None:
        try:
            contexts = self.collection.mention_contexts(dossier.mentions[first : first + PAGE])
        except QuipuError as error:
            self.post_message(self.Failed(str(error)))
            return
        self.post_message(self.PageLoaded(first, contexts))

    @work(thread=True, exclusive=True, group="dossier-page", exit_on_error=False)
    def _load_page(self, first: int) -> None:
        if self.dossier is not None:
            self._read_page(self.dossier, first)

    def on_dossier_screen_loaded(self, message: Loaded) -> None:
        self.dossier = message.dossier
        self.contexts = []
        if message.dossier is None:
            self.query_one("#dossier-head", Static).update(
                plain(f"no entity called {message.asked!r} (a correction may have taken it)")
            )
            self.query_one("#dossier-mentions", OptionList).clear_options()
            return
        self.entity_name = message.dossier.name
        self._head(message.dossier)
        self._side(message.dossier)

    def on_dossier_screen_page_loaded(self, message: PageLoaded) -> None:
        if self.dossier is None or message.first != len(self.contexts):
            return  # a page of an older dossier
        self.contexts += message.contexts
        self._fill()

    def on_dossier_screen_failed(self, message: Failed) -> None:
        self.notify(message.error, severity="error", markup=False)

    # -- drawing -----------------------------------------------------------------------------

    def _head(self, dossier: Dossier) -> None:
        mentions, docs = len(dossier.mentions), dossier.documents
        summary = (
            f" · {dossier.type} · {mentions} mention{'s' * (mentions != 1)}"
            f" in {docs} document{'s' * (docs != 1)}"
        )
        if dossier.wikidata:
            summary += f" · Wikidata {dossier.wikidata}"
        aliases = ", ".join(dossier.aliases) if dossier.aliases else "none"
        self.query_one("#dossier-head", Static).update(
            Content.assemble(
                plain(dossier.name).stylize("bold"),
                summary,
                "\n",
                Content("also called: ").stylize(DIM),
                plain(aliases),
            )
        )

    def _side(self, dossier: Dossier) -> None:
        peak = max((m.count for m in dossier.months), default=1)
        lines: list[Content] = [Content("Dates in its passages").stylize("bold")]
        for month in dossier.months:
            bar = "▇" * max(1, round(BAR_WIDTH * month.count / peak))
            lines.append(Content(f"{month.month} {bar} {month.count}"))
        if not dossier.months:
            lines.append(Content("no dated passages").stylize(DIM))
        self.query_one("#dossier-months", Static).update(Content("\n").join(lines))
        company: list[Content] = [Content("\nWith whom, by month").stylize("bold")]
        for month in dossier.company:
            names = " · ".join(f"{name} {count}" for name, count in month.names)
            company.append(Content.assemble(Content(month.month).stylize(DIM), " ", plain(names)))
        if not dossier.company:
            company.append(Content("no one in its dated passages").stylize(DIM))
        self.query_one("#dossier-company", Static).update(Content("\n").join(company))

    def _fill(self) -> None:
        assert self.dossier is not None
        listing = self.query_one("#dossier-mentions", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        options: list[Option] = []
        for number, (mention, around) in enumerate(
            zip(self.dossier.mentions, self.contexts, strict=False)
        ):
            title = self.titles.get(mention.doc, mention.doc)
            if len(title) > TITLE_WIDTH:
                title = title[: TITLE_WIDTH - 1] + "…"
            prompt = Content.assemble(
                plain(f"{title:<{TITLE_WIDTH}}").stylize(DIM),
                " ",
                plain(around.before),
                plain(around.text).stylize("bold underline"),
                plain(around.after),
            )
            options.append(Option(prompt, id=str(number)))
        rest = len(self.dossier.mentions) - len(self.contexts)
        if rest > 0:
            more = f"… {rest} more mention{'s' * (rest != 1)} · Enter shows {min(rest, PAGE)}"
            options.append(Option(Content(more).stylize(DIM), id=MORE))
        listing.add_options(options)
        listing.highlighted = highlighted if highlighted is not None and options else 0
        listing.border_subtitle = f"{len(self.contexts)} of {len(self.dossier.mentions)}"
        if not listing.has_focus:
            listing.focus()

    # -- keys --------------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.dossier is None or event.option.id is None:
            return
        if event.option.id == MORE:
            self._load_page(len(self.contexts))
            return
        mention = self.dossier.mentions[int(event.option.id)]
        self.dismiss(DossierOutcome(mention, self.corrected))

    def action_close(self) -> None:
        self.dismiss(DossierOutcome(None, self.corrected))

    def action_merge(self) -> None:
        if self.dossier is not None:
            name = self.dossier.name
            self.app.push_screen(
                PromptScreen(f"Merge into {name}: the other entity's name", placeholder="name"),
                lambda other: self._edit("merge", name, other),
            )

    def action_split(self) -> None:
        if self.dossier is None:
            return
        if not self.dossier.aliases:
            self.notify("it has no aliases to split off", timeout=3)
            return
        name = self.dossier.name
        self.app.push_screen(
            ChoiceScreen(
                f"Split off {name}: which alias is someone else?", list(self.dossier.aliases)
            ),
            lambda alias: self._edit("split", name, alias),
        )

    def action_rename(self) -> None:
        if self.dossier is not None:
            name = self.dossier.name
            self.app.push_screen(
                PromptScreen(f"Rename {name} to", value=name),
                lambda new: self._edit("rename", name, new),
            )

    def action_retype(self) -> None:
        if self.dossier is not None:
            name = self.dossier.name
            self.app.push_screen(
                ChoiceScreen(f"{name} is a", [t for t in TYPES if t != self.dossier.type]),
                lambda kind: self._edit("type", name, kind),
            )

    def _edit(self, action: Action, name: str, value: str | None) -> None:
        if value is None or (action == "rename" and value == name):
            return
        self.query_one("#dossier-head", Static).update(plain(f"{name} · correcting…"))
        self._correct(AliasEdit(action, name, value))

    @work(thread=True, exclusive=True, group="dossier-correct", exit_on_error=False)
    def _correct(self, edit: AliasEdit) -> None:
        try:
            self.collection.correct(edit)
        except QuipuError as error:
            self.post_message(self.Failed(str(error)))
            self.post_message(self.Corrected(edit, edit.name, ok=False))  # redrawn as it is
            return
        name = edit.value if edit.action == "rename" else edit.name
        self.post_message(self.Corrected(edit, name, ok=True))

    def on_dossier_screen_corrected(self, message: Corrected) -> None:
        if message.ok:
            self.corrected = True
            self.notify(f"corrected: {message.edit.describe()}", timeout=3, markup=False)
        self._load(message.name)
