"""The activity timeline: every touch with the customer and every status or list change,
newest first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kam_tui.domain.models import Activity, Contact, StatusChange
from kam_tui.domain.status_history import describe_entry
from kam_tui.domain.text import printable, printable_record

INDENT = " " * 12
"""Continuation lines start under the kind, past the date."""
KIND_STYLES: dict[str, str] = {
    "meeting": "$text-accent bold",
    "visit": "$text-accent bold",
    "call": "$text-primary",
    "email": "$text-primary",
    "feedback": "$text-warning",
    "note": "$text-muted",
}


HISTORY_LABELS: dict[str, str] = {"status": "status", "lifecycle": "list"}
"""How the timeline names the field a history entry changed."""
HISTORY_STYLE = "$text-success italic"
"""History entries stand apart from the touches they sit among."""

TimelineEntry = Activity | StatusChange


def newest_first(entries: Sequence[TimelineEntry]) -> list[TimelineEntry]:
    """Activities and history entries by day, newest first; within a day the touches
    first, then the status changes, then the list changes, each the latest recorded first."""
    return sorted(
        entries,
        key=lambda item: (
            item.day or date.min,
            isinstance(item, Activity),
            getattr(item, "kind", "") == "status",
            item.id,
        ),
        reverse=True,
    )


def age(day: date | None, today: date) -> str:
    """How long ago `day` was, in words."""
    if day is None:
        return "undated"
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 0:
        return f"in {-days} days"
    return f"{days} days ago"


def activity_prompt(activity: Activity, names: Mapping[int, str], today: date) -> Content:
    """One activity: date, kind, age and score, then the summary and who took part."""
    activity = printable_record(activity)
    day = activity.day.isoformat() if activity.day else "—"
    parts: list[str | tuple[str, str]] = [
        (f"{day:<10}", "bold"),
        "  ",
        (f"{activity.kind:<9}", KIND_STYLES.get(activity.kind, "")),
        (age(activity.day, today), "$text-muted"),
    ]
    if activity.satisfaction is not None:
        parts.append(("  ★ ", "$text-warning"))
        parts.append(f"{activity.satisfaction}/10")
    parts += ["\n", INDENT, activity.summary]
    people = [
        printable(names.get(contact_id, "a deleted contact")) for contact_id in activity.contact_ids
    ]
    if people:
        parts += ["\n", INDENT, ("with " + ", ".join(people), "$text-muted")]
    return Content.assemble(*parts)


def history_prompt(entry: StatusChange, today: date) -> Content:
    """One status or list change: date, what changed and its age, then from, to and who,
    then why (when the user said)."""
    entry = printable_record(entry)
    day = entry.day.isoformat() if entry.day else "—"
    label = HISTORY_LABELS.get(entry.kind, entry.kind)
    parts: list[str | tuple[str, str]] = [
        (f"{day:<10}", "bold"),
        "  ",
        (f"{label:<9}", HISTORY_STYLE),
        (age(entry.day, today), "$text-muted"),
        "\n",
        INDENT,
        (describe_entry(replace(entry, reason="")), HISTORY_STYLE),
    ]
    if entry.reason:
        parts += ["\n", INDENT, ("why: " + entry.reason, "$text-muted")]
    return Content.assemble(*parts)


class HistoryOption(Option):
    """A row of the timeline showing a status-history entry (not editable: it goes away
    with an undo of its change, or with its account)."""

    def __init__(self, entry: StatusChange, today: date) -> None:
        super().__init__(history_prompt(entry, today), id=f"status-change-{entry.id}")
        self.entry = entry
        """The history entry shown."""


class ActivityOption(Option):
    """A row of the timeline, carrying its activity."""

    def __init__(self, activity: Activity, names: Mapping[int, str], today: date) -> None:
        super().__init__(activity_prompt(activity, names, today), id=f"activity-{activity.id}")
        self.activity = activity
        """The activity shown."""


class ActivityList(OptionList):
    """The timeline, one option per activity; asks the screen to edit or delete one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "e,enter",
            "edit",
            "Edit",
            key_display="e",
            id="activity-edit",
            tooltip="Edit the highlighted activity (u undoes)",
        ),
        Binding(
            "d",
            "delete",
            "Delete",
            id="activity-delete",
            tooltip="Delete the highlighted activity (asks first; u undoes)",
        ),
        Binding(
            "j", "cursor_down", "Down", show=False, id="activity-down", tooltip="Older activity"
        ),
        Binding("k", "cursor_up", "Up", show=False, id="activity-up", tooltip="Newer activity"),
    ]

    @dataclass
    class EditRequested(Message):
        """The user wants to edit an activity."""

        activity_id: int
        """The activity to edit."""

    @dataclass
    class DeleteRequested(Message):
        """The user wants to delete an activity."""

        activity_id: int
        """The activity to delete."""

    @property
    def highlighted_activity(self) -> Activity | None:
        """The activity under the cursor."""
        if self.highlighted is None or not self.option_count:
            return None
        option = self.get_option_at_index(self.highlighted)
        return option.activity if isinstance(option, ActivityOption) else None

    def show(
        self,
        activities: Sequence[Activity],
        names: Mapping[int, str],
        today: date,
        history: Sequence[StatusChange] = (),
    ) -> None:
        """Show `activities` and `history` newest first, keeping the highlight on the same
        row."""
        index = self.highlighted or 0
        current = self.get_option_at_index(index).id if self.option_count else None
        ordered = newest_first([*activities, *history])
        options: list[Option] = [
            ActivityOption(item, names, today)
            if isinstance(item, Activity)
            else HistoryOption(item, today)
            for item in ordered
        ]
        self.set_options(options)
        ids = [option.id for option in options]
        if current is not None and current in ids:
            self.highlighted = ids.index(current)
        elif ordered:
            self.highlighted = min(index, len(ordered) - 1)

    def highlight_activity(self, activity_id: int) -> None:
        """Move the highlight to an activity (after logging it)."""
        for index in range(self.option_count):
            option = self.get_option_at_index(index)
            if isinstance(option, ActivityOption) and option.activity.id == activity_id:
                self.highlighted = index
                return

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A status change is neither edited nor deleted on its own: e and d are dimmed on it.
        if action in ("edit", "delete"):
            return None if self.highlighted_activity is None else True
        return True

    def action_edit(self) -> None:
        """Ask to edit the highlighted activity."""
        activity = self.highlighted_activity
        if activity is not None:
            self.post_message(self.EditRequested(activity.id))

    def action_delete(self) -> None:
        """Ask to delete the highlighted activity."""
        activity = self.highlighted_activity
        if activity is not None:
            self.post_message(self.DeleteRequested(activity.id))


class ActivityTimeline(Vertical):
    """The Activities tab: the timeline, or a hint when nothing was logged yet."""

    DEFAULT_CSS = """
    ActivityTimeline {
        height: 1fr;
        & > ActivityList {
            height: 1fr;
            max-height: 100%;
        }
        & > #timeline-empty {
            padding: 1 2;
            color: $text-muted;
            display: none;
        }
        &.-empty > #timeline-empty {
            display: block;
        }
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(
            "Nothing logged yet. Press a to log a call, meeting, email, visit or feedback.",
            id="timeline-empty",
        )
        yield ActivityList(id="activity-list")

    @property
    def activity_list(self) -> ActivityList:
        """The timeline list."""
        return self.query_one(ActivityList)

    def show(
        self,
        activities: Sequence[Activity],
        contacts: Sequence[Contact],
        today: date,
        history: Sequence[StatusChange] = (),
    ) -> None:
        """Show the account's activities and status history, newest first."""
        names = {contact.id: contact.name for contact in contacts}
        self.set_class(not activities and not history, "-empty")
        self.activity_list.show(activities, names, today, history)
