"""The stakeholder map: coverage warnings above an indented reports-to tree of contacts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kam_tui.domain.models import Contact
from kam_tui.domain.stakeholders import TreeRow, reports_to_tree, stakeholder_warnings
from kam_tui.domain.text import printable_record
from kam_tui.ui.user_text import literal

WIDE_MAP = 100
"""Width of the rows from which each contact takes one line with aligned columns."""
LIST_GUTTER = 6
"""Cells of the contact list that rows do not use: border, padding and scrollbar."""
COLUMNS: tuple[tuple[str, int], ...] = (
    ("Title", 20),
    ("Level", 10),
    ("Buying role", 14),
    ("Stance", 9),
    ("Influence", 9),
    ("Owner", 16),
)
"""The columns after the name in the wide layout, with their widths."""
STANCE_STYLES: dict[str, str] = {
    "champion": "$text-success bold",
    "supporter": "$text-success",
    "neutral": "",
    "detractor": "$text-error bold",
}
INFLUENCE_STYLES: dict[str, str] = {"high": "bold", "medium": "", "low": "$text-muted"}


def _cell(text: str, width: int, style: str = "") -> Content:
    return Content.styled(text, style).truncate(width, ellipsis=True, pad=True)


def contact_prompt(row: TreeRow, width: int) -> Content:
    """One contact as shown in the tree: a line of columns when wide, two lines when narrow."""
    contact = printable_record(row.contact)
    loop = Content.styled(" ↻ loop", "$text-error") if row.in_loop else Content("")
    name = Content.assemble((row.guide, "$text-muted"), (contact.name, "bold"))
    stance = Content.styled(contact.stance, STANCE_STYLES.get(contact.stance, ""))
    influence = Content.styled(
        f"{contact.influence} influence", INFLUENCE_STYLES.get(contact.influence, "")
    )
    if width >= WIDE_MAP:
        name_width = max(12, width - sum(size + 1 for _, size in COLUMNS))
        return Content(" ").join(
            [
                (name + loop).truncate(name_width, ellipsis=True, pad=True),
                _cell(contact.title or "–", COLUMNS[0][1]),
                _cell(contact.level, COLUMNS[1][1]),
                _cell(contact.buying_role, COLUMNS[2][1]),
                _cell(contact.stance, COLUMNS[3][1], STANCE_STYLES.get(contact.stance, "")),
                _cell(
                    contact.influence, COLUMNS[4][1], INFLUENCE_STYLES.get(contact.influence, "")
                ),
                _cell(contact.owner or "–", COLUMNS[5][1], "" if contact.owner else "$text-muted"),
            ]
        )
    indent = row.guide.replace("├─ ", "│  ").replace("└─ ", "   ")
    owner = Content.styled(
        f"owner {contact.owner}" if contact.owner else "no owner", "$text-muted"
    ).truncate(max(8, width // 3), ellipsis=True)
    first = name + (Content(f", {contact.title}") if contact.title else Content("")) + loop
    first = first.truncate(max(8, width - owner.cell_length - 2), ellipsis=True, pad=True)
    details = Content(" · ").join(
        [Content(contact.level), Content(contact.buying_role), stance, influence]
    )
    second = Content.assemble((indent + "   ", "$text-muted"), details)
    return Content.assemble(first, "  ", owner, "\n", second.truncate(width, ellipsis=True))


def header_content(width: int) -> Content:
    """The column titles above the wide layout."""
    name_width = max(12, width - sum(size + 1 for _, size in COLUMNS))
    cells = [_cell("Name", name_width)] + [_cell(title, size) for title, size in COLUMNS]
    return Content(" ").join(cells).stylize("bold $text-muted")


class ContactOption(Option):
    """A row of the stakeholder tree, carrying its contact."""

    def __init__(self, row: TreeRow, width: int) -> None:
        super().__init__(contact_prompt(row, width), id=f"contact-{row.contact.id}")
        self.row = row
        """The contact and where it sits in the tree."""


class ContactList(OptionList):
    """The reports-to tree, one option per contact; asks the screen to add, edit or delete."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "add", "Add contact", id="contact-add", tooltip="Add a stakeholder"),
        Binding(
            "e,enter",
            "edit",
            "Edit",
            key_display="e",
            id="contact-edit",
            tooltip="Edit the highlighted stakeholder",
        ),
        Binding(
            "d",
            "delete",
            "Delete",
            id="contact-delete",
            tooltip="Delete the highlighted stakeholder (asks first; u undoes)",
        ),
        Binding(
            "j", "cursor_down", "Down", show=False, id="contact-down", tooltip="Next stakeholder"
        ),
        Binding(
            "k", "cursor_up", "Up", show=False, id="contact-up", tooltip="Previous stakeholder"
        ),
    ]

    @dataclass
    class AddRequested(Message):
        """The user wants to add a stakeholder."""

    @dataclass
    class EditRequested(Message):
        """The user wants to edit a stakeholder."""

        contact_id: int
        """The contact to edit."""

    @dataclass
    class DeleteRequested(Message):
        """The user wants to delete a stakeholder."""

        contact_id: int
        """The contact to delete."""

    rows: list[TreeRow]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = []
        """The tree as last shown."""

    @property
    def highlighted_contact(self) -> Contact | None:
        """The contact under the cursor."""
        if self.highlighted is None or not self.rows:
            return None
        option = self.get_option_at_index(self.highlighted)
        return option.row.contact if isinstance(option, ContactOption) else None

    def show(self, rows: Sequence[TreeRow], *, keep: int | None = None) -> None:
        """Show `rows`, keeping the highlight on contact `keep` (or on the same contact)."""
        current = self.highlighted_contact
        keep_id = keep if keep is not None else (current.id if current else None)
        index = self.highlighted or 0
        self.rows = list(rows)
        self._redraw()
        ids = [row.contact.id for row in self.rows]
        if keep_id in ids:
            self.highlighted = ids.index(keep_id)
        elif self.rows:
            self.highlighted = min(index, len(self.rows) - 1)

    def highlight_contact(self, contact_id: int) -> None:
        """Move the highlight to a contact, if the tree shows it."""
        ids = [row.contact.id for row in self.rows]
        if contact_id in ids:
            self.highlighted = ids.index(contact_id)

    def _redraw(self) -> None:
        width = self.scrollable_content_region.width or max(0, self.size.width - LIST_GUTTER)
        highlighted = self.highlighted
        self.set_options([ContactOption(row, width) for row in self.rows])
        if highlighted is not None and self.rows:
            self.highlighted = min(highlighted, len(self.rows) - 1)

    def on_resize(self, event: Resize) -> None:
        self._redraw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete"):
            return self.highlighted_contact is not None
        return True

    def action_add(self) -> None:
        """Ask for a new stakeholder."""
        self.post_message(self.AddRequested())

    def action_edit(self) -> None:
        """Ask to edit the highlighted stakeholder."""
        contact = self.highlighted_contact
        if contact is not None:
            self.post_message(self.EditRequested(contact.id))

    def action_delete(self) -> None:
        """Ask to delete the highlighted stakeholder."""
        contact = self.highlighted_contact
        if contact is not None:
            self.post_message(self.DeleteRequested(contact.id))


class StakeholderMap(Vertical):
    """The Contacts tab: what the map is missing, the column titles and the tree."""

    DEFAULT_CSS = """
    StakeholderMap {
        height: 1fr;
        & > #stakeholder-warnings {
            height: auto;
            padding: 0 1;
            color: $text-warning;
        }
        & > #stakeholder-header {
            height: 1;
            padding: 0 4 0 2;
            display: none;
        }
        &.-wide > #stakeholder-header {
            display: block;
        }
        & > ContactList {
            height: 1fr;
            max-height: 100%;
            scrollbar-gutter: stable;
        }
        & > #stakeholder-empty {
            padding: 1 2;
            color: $text-muted;
            display: none;
        }
        &.-empty > #stakeholder-empty {
            display: block;
        }
    }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="stakeholder-warnings")
        yield Static("", id="stakeholder-header")
        yield Static("No stakeholders yet. Press n to add the first one.", id="stakeholder-empty")
        yield ContactList(id="contact-list")

    @property
    def contact_list(self) -> ContactList:
        """The tree of contacts."""
        return self.query_one(ContactList)

    def on_resize(self, event: Resize) -> None:
        # The list's rows are as wide as the map less its border, padding and scrollbar.
        width = event.size.width - LIST_GUTTER
        self.set_class(width >= WIDE_MAP, "-wide")
        self.query_one("#stakeholder-header", Static).update(header_content(width))

    def show(self, contacts: Sequence[Contact], *, keep: int | None = None) -> None:
        """Show the warnings and the reports-to tree of `contacts`."""
        warnings = stakeholder_warnings(contacts)
        self.query_one("#stakeholder-warnings", Static).update(
            Content("\n").join(literal(f"⚠ {warning.message}") for warning in warnings)
        )
        self.query_one("#stakeholder-warnings").display = bool(warnings)
        self.set_class(not contacts, "-empty")
        self.contact_list.show(reports_to_tree(contacts), keep=keep)
