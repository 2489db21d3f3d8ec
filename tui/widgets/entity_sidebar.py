"""The entity sidebar: people, places and organizations of the document, the hits or the whole
collection, grouped by type, most mentioned first, filtered by typing.

The sidebar posts what the reader asked for (an entity, a scope, co-mentions); the screen
decides and hands entities back through :meth:`EntitySidebar.show`.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from index.models import Entity
from index.sanitize import display, fold
from tui.render import DIM, plain

SCOPES = ("doc", "hits", "all")
SCOPE_NAMES = {"doc": "this document", "hits": "the results", "all": "the collection"}
TYPE_ORDER = ("PERSON", "PLACE", "ORG")
TYPE_PLURALS = {"PERSON": "people", "PLACE": "places", "ORG": "organizations"}
SHOWN_PER_TYPE = 100
"""The most mentioned entities of each type that are listed (the filter reaches the rest): an
option list lays out every row on each refresh, and a collection can name 30,000 entities."""
NAME_WIDTH = 15
"""Columns for a name at least (the sidebar's width gives it more where it has them)."""
BAR_WIDTH = 4
COUNT_WIDTH = 1 + 3 + 1
"""' 31 ': the count beside a name, a space each side."""
SCROLLBAR = 1
"""The list's scrollbar column, kept for it whether it shows or not (names do not rewrap)."""


def entity_prompt(
    name: str, count: int, peak: int, selected: bool = False, width: int = NAME_WIDTH
) -> Content:
    """'Dina Boluarte    31 ▇▇▇▇': name (in ``width`` columns: whole if it fits, else cut
    with "…"), count and a bar scaled to the list's largest count."""
    shown = display(name)
    if len(shown) > width:
        shown = shown[: width - 1] + "…"
    blocks = max(1, round(BAR_WIDTH * count / max(peak, 1)))
    label = Content(f"{shown:<{width}}")
    if selected:
        label = label.stylize("bold underline")
    return Content.assemble(label, f" {count:>3} ", Content("▇" * blocks).stylize(DIM))


class EntityList(OptionList):
    """The entities; typing filters them by name, Enter filters the results to one."""

    BINDINGS = [
        Binding("enter", "select", "Filter results", show=True),
        Binding("right", "co_mentions", "With…", key_display="→", show=True),
        Binding("f2,ctrl+d", "dossier", "Dossier", key_display="F2", show=True),
        Binding("ctrl+s", "next_scope", "Scope", show=True),
        Binding("escape", "leave", "Back", show=False),
    ]
    """Keys that cannot be part of a name: every printable key is the filter's (see
    :meth:`check_consume_key`); the arrows, Home/End and PageUp/PageDown move."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """A list filtered by typing: every printable key is text, so the letters bound on the
        screen and the app (e, t, q, ?) are not keys here (nor shown in the footer).
        Only "/" is the screen's (go to the search bar): no name starts with one, and once the
        filter has begun the keys go to its box."""
        if character == "/":
            return False
        return character is not None and character.isprintable()

    def on_key(self, event: Key) -> None:
        if event.character is not None and self.check_consume_key(event.key, event.character):
            event.stop()
            event.prevent_default()
            self.action_filter(event.character)

    def action_filter(self, character: str = "") -> None:
        sidebar = self.parent_sidebar()
        if sidebar is not None:
            sidebar.start_filter(character)

    def parent_sidebar(self) -> EntitySidebar | None:
        parent = self.parent
        return parent if isinstance(parent, EntitySidebar) else None

    def action_co_mentions(self) -> None:
        sidebar = self.parent_sidebar()
        if sidebar is not None:
            sidebar.ask_co_mentions()

    def action_dossier(self) -> None:
        sidebar = self.parent_sidebar()
        if sidebar is not None:
            sidebar.ask_dossier()

    def action_next_scope(self) -> None:
        sidebar = self.parent_sidebar()
        if sidebar is not None:
            sidebar.next_scope()

    def action_leave(self) -> None:
        sidebar = self.parent_sidebar()
        if sidebar is None or not sidebar.leave_mode():
            raise SkipAction()


class EntitySidebar(Vertical):
    """Entities of the current document, the current results, or the collection."""

    @dataclass
    class EntityChosen(Message):
        """Filter the results to documents mentioning this entity (again: clear the filter)."""

        name: str

    @dataclass
    class ScopeChanged(Message):
        """Show the entities of another scope: doc, hits or all."""

        scope: str

    @dataclass
    class CoMentionsWanted(Message):
        """Show the entities mentioned in the same passages as this one."""

        name: str

    @dataclass
    class DossierWanted(Message):
        """Show everything about this entity (its dossier)."""

        name: str

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.scope = "all"
        self.entities: list[Entity] = []
        self.selected: str | None = None
        self.co_of: str | None = None
        self.co_pairs: list[tuple[Entity, int]] = []
        self._folded: dict[tuple[str, str], str] = {}  # (name, type) -> folded names, aliases
        self._width = NAME_WIDTH  # the names' columns the list was filled for

    def compose(self) -> ComposeResult:
        yield Static(id="entity-scope")
        yield Input(placeholder="filter…", id="entity-filter", compact=True, select_on_focus=False)
        yield EntityList(id="entity-list")

    def on_mount(self) -> None:
        self.border_title = "Entities"
        self._header()

    @property
    def entity_list(self) -> EntityList:
        return self.query_one(EntityList)

    # -- from the screen -------------------------------------------------------------------

    def show(
        self, entities: list[Entity], scope: str, selected: str | None, arrived: bool = False
    ) -> None:
        """Entities of ``scope``; ``selected`` is the entity filtering the results, if any.
        ``arrived``: a load of them landed, not asked for by the reader just now: the
        co-mentions shown stay (Esc shows these entities)."""
        self.entities, self.scope, self.selected = entities, scope, selected
        if not arrived:
            self.co_of = None
        self._header()
        self._fill()

    def show_co_mentions(self, name: str, pairs: list[tuple[Entity, int]]) -> None:
        self.co_of, self.co_pairs = name, pairs
        self._header()
        self._fill()

    # -- reader actions ----------------------------------------------------------------------

    def start_filter(self, character: str) -> None:
        box = self.query_one("#entity-filter", Input)
        box.value += character
        box.cursor_position = len(box.value)
        # At once, not deferred like focus(): the next keys of a fast typist (or a pasted name)
        # must reach the filter, not the list's or the screen's bindings ("e", "k").
        self.screen.set_focus(box)

    def ask_co_mentions(self) -> None:
        name = self._highlighted_name()
        if name is not None:
            # The name filter found this entity; it would hide the others mentioned with it.
            self.query_one("#entity-filter", Input).value = ""
            self.post_message(self.CoMentionsWanted(name))

    def ask_dossier(self) -> None:
        name = self._highlighted_name()
        if name is not None:
            self.post_message(self.DossierWanted(name))

    def next_scope(self) -> None:
        scope = SCOPES[(SCOPES.index(self.scope) + 1) % len(SCOPES)]
        if self.co_of is not None:  # out of the co-mentions: the new scope's entities show
            self.co_of = None
            self._header()
            self._fill()
        self.post_message(self.ScopeChanged(scope))

    def leave_mode(self) -> bool:
        """Esc: out of the co-mentions view, then out of the filter. False when neither."""
        if self.co_of is not None:
            self.co_of = None
            self._header()
            self._fill()
            return True
        box = self.query_one("#entity-filter", Input)
        if box.value:
            box.value = ""
            return True
        return False

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.entity_list.focus()

    def on_key(self, event: Key) -> None:
        box = self.query_one("#entity-filter", Input)
        if box.has_focus and event.key in ("escape", "down"):
            event.stop()
            if event.key == "escape":
                box.value = ""
            self.entity_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.EntityChosen(event.option.id))

    # -- drawing -----------------------------------------------------------------------------

    def _highlighted_name(self) -> str | None:
        listing = self.entity_list
        if listing.highlighted is None:
            return None
        return listing.get_option_at_index(listing.highlighted).id

    def _matches(self, entity: Entity, wanted: str) -> bool:
        if not wanted:
            return True
        key = (entity.name, entity.type)
        folded = self._folded.get(key)
        if folded is None:  # folded once per entity: the filter runs on every key typed
            folded = self._folded[key] = "\n".join(
                fold(name) for name in (entity.name, *entity.aliases)
            )
        return wanted in folded

    def _name_width(self) -> int:
        """The columns a name has: the list's width less the count, the bar, the scrollbar."""
        room = self.entity_list.content_region.width - COUNT_WIDTH - BAR_WIDTH - SCROLLBAR
        return max(NAME_WIDTH, room)

    def on_resize(self) -> None:
        if self._width != self._name_width():
            self._fill()  # more room (or less): names as whole as it allows

    def _header(self) -> None:
        header = self.query_one("#entity-scope", Static)
        if self.co_of is not None:
            header.update(Content.assemble("with ", plain(self.co_of).stylize("bold")))
            return
        parts = []
        for scope in SCOPES:
            label = Content(f" {scope} ")
            parts.append(label.stylize("reverse bold") if scope == self.scope else label)
        header.update(Content("│").join(parts))

    def _fill(self) -> None:
        wanted = fold(self.query_one("#entity-filter", Input).value.strip())
        listing = self.entity_list
        previous = self._highlighted_name()
        listing.clear_options()
        options: list[Option] = []
        width = self._width = self._name_width()
        if self.co_of is not None:
            peak = max((n for _, n in self.co_pairs), default=1)
            for entity, shared in self.co_pairs:
                if self._matches(entity, wanted):
                    chosen = entity.name == self.selected
                    prompt = entity_prompt(entity.name, shared, peak, chosen, width)
                    options.append(Option(prompt, id=entity.name))
        else:
            shown = [e for e in self.entities if self._matches(e, wanted)]
            peak = max((e.count for e in shown), default=1)
            for kind in TYPE_ORDER:
                group = [e for e in shown if e.type == kind]
                if not group:
                    continue
                options.append(Option(Content(kind).stylize("bold"), disabled=True))
                listed = group[:SHOWN_PER_TYPE]
                if self.selected and all(e.name != self.selected for e in listed):
                    listed += [e for e in group if e.name == self.selected]
                options += [
                    Option(
                        entity_prompt(e.name, e.count, peak, e.name == self.selected, width),
                        id=e.name,
                    )
                    for e in listed
                ]
                if len(group) > len(listed):
                    rest = (
                        f"… {len(group) - len(listed):,} more {TYPE_PLURALS[kind]} · type to filter"
                    )
                    options.append(Option(Content(rest).stylize(DIM), disabled=True))
        if not options:
            note = "no entities" if not wanted else "no entity matches the filter"
            options.append(Option(Content(note).stylize(DIM), disabled=True))
        listing.add_options(options)
        ids = [o.id for o in options]
        target = previous if previous in ids else self.selected if self.selected in ids else None
        if target is not None:
            listing.highlighted = ids.index(target)
        else:
            enabled = [i for i, o in enumerate(options) if not o.disabled]
            listing.highlighted = enabled[0] if enabled else None
        self.border_subtitle = (
            f"in {SCOPE_NAMES[self.scope]}" if self.co_of is None else "shared passages"
        )
