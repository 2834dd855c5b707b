"""The Plan tab: objectives with their key results, and the actions of the attack plan."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.events import Resize
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import DataTable, OptionList

from kam_tui.domain.models import Action, Objective
from kam_tui.domain.plan import (
    by_position,
    next_position,
    ordered_actions,
    owner_choices,
    reordered,
    report_file_name,
    status_report,
)
from kam_tui.store.change_set import ChangeSet
from kam_tui.store.undo import Edit
from kam_tui.ui.forms.confirm import ConfirmDialog
from kam_tui.ui.plan.base import PlanTab, find
from kam_tui.ui.plan.forms import ActionForm, KeyResultForm, ObjectiveForm
from kam_tui.ui.plan.plan_keys import PLAN_BINDINGS
from kam_tui.ui.plan.plan_rows import ActionTable, KeyResultOption, ObjectiveList, ObjectiveOption
from kam_tui.ui.plan.report import StatusReportDialog
from kam_tui.ui.user_text import printable
from kam_tui.ui.view_helpers import UNDO_HINT
from kam_tui.ui.view_memory import view_memory

__all__ = ["ActionTable", "KeyResultOption", "ObjectiveList", "ObjectiveOption", "PlanPane"]

WIDE = 110
"""Pane width from which the actions table also shows each action's objective."""


MEMORY_KEY = "plan"
"""The Plan tab's key in the views' state file: {"actions": "own" | "due"}."""
OWN_ORDER = "own"
"""The remembered order of the actions: the plan's own (their position)."""
DUE_ORDER = "due"
"""The remembered order of the actions: by due date (the default)."""


class PlanPane(PlanTab):
    """Objectives, key results and actions of one account, with the status report."""

    DEFAULT_CSS = """
    PlanPane {
        layout: vertical;
        & ObjectiveList {
            height: auto;
            max-height: 45%;
            border: round $panel-lighten-2;
            border-title-style: bold;
            &:focus {
                border: round $accent;
            }
        }
        & ActionTable {
            height: 1fr;
            border: round $panel-lighten-2;
            border-title-style: bold;
            &:focus {
                border: round $accent;
            }
            &.-overdue {
                border-title-color: $text-error;
            }
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = PLAN_BINDINGS

    own_order: var[bool] = var(False, init=False)
    """True: the actions in the plan's own order (their position, moved with K/J); False:
    by due date."""

    def on_mount(self) -> None:
        # The order the user last chose, on any account (a preference, not the account's).
        remembered = view_memory(self.app).recall(MEMORY_KEY).get("actions")
        self.own_order = remembered == OWN_ORDER

    def on_unmount(self) -> None:
        view_memory(self.app).flush()  # an order chosen just before quitting is kept

    def compose(self) -> ComposeResult:
        objectives = ObjectiveList(id="plan-objectives")
        objectives.border_title = "Objectives"
        yield objectives
        table = ActionTable(id="plan-actions", cursor_type="row", zebra_stripes=True)
        table.border_title = "Actions"
        yield table

    # Reading

    @property
    def objective_list(self) -> ObjectiveList:
        """The objectives and key results."""
        return self.query_one(ObjectiveList)

    @property
    def action_table(self) -> ActionTable:
        """The actions."""
        return self.query_one(ActionTable)

    def panels(self) -> list[Widget]:
        """The objectives, then the actions (what tab and shift+tab follow)."""
        return [self.objective_list, self.action_table]

    def objectives(self) -> list[Objective]:
        """The account's objectives in order."""
        return by_position(self.data.objectives)

    def actions(self) -> list[Action]:
        """The account's actions in the order shown: their own order, or by due date."""
        if self.own_order:
            return by_position(self.data.actions)
        return ordered_actions(self.data.actions)

    @property
    def current_row(self) -> ObjectiveOption | KeyResultOption | None:
        """The highlighted objective or key result."""
        option = self.objective_list.highlighted_option
        return option if isinstance(option, ObjectiveOption | KeyResultOption) else None

    @property
    def current_action(self) -> Action | None:
        """The highlighted action."""
        table = self.action_table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return find(self.data.actions, int(key.removeprefix("action-"))) if key else None

    def refresh_account(
        self, keep_option: str | None = None, keep_action: int | None = None
    ) -> None:
        """Redraw the objectives and the actions."""
        super().refresh_account()
        self._show_objectives(keep_option)
        self._show_actions(keep_action)

    def show_record(self, edit: Edit) -> ObjectiveList | ActionTable | None:
        """Highlight an action, an objective, or the key result of an objective that changed."""
        record = edit.after
        if isinstance(record, Action):
            self.refresh_account(keep_action=record.id)
            return self.action_table
        if not isinstance(record, Objective):
            return None
        keep = f"objective-{record.id}"
        before = edit.before.key_results if isinstance(edit.before, Objective) else ()
        results = record.key_results
        changed = [
            index
            for index in range(len(results))
            if index >= len(before) or before[index] != results[index]
        ]
        # A key result restored or edited is highlighted; one removed leaves its objective.
        if changed and (len(results) > len(before) or len(changed) == 1):
            keep = f"kr-{record.id}-{changed[0]}"
        self.refresh_account(keep_option=keep)
        return self.objective_list

    def _show_objectives(self, keep: str | None) -> None:
        self.objective_list.show_objectives(self.objectives(), self.data.today, keep)

    def _show_actions(self, keep: int | None) -> None:
        current = self.current_action
        self.action_table.show_actions(
            self.actions(),
            self.data.objectives,
            self.data.today,
            keep=keep or (current.id if current else None),
            wide=self.size.width >= WIDE,
            own_order=self.own_order,
        )

    def on_resize(self, event: Resize) -> None:
        if self.drawn and (event.size.width >= WIDE) != (len(self.action_table.columns) == 6):
            self._show_actions(None)

    # Availability

    def _focus_in_objectives(self) -> bool:
        return self.screen.focused is self.objective_list

    def _focus_in_actions(self) -> bool:
        return self.screen.focused is self.action_table

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each key acts on the list with focus, and only when it has a row to act on."""
        if action == "add":
            return self._focus_in_objectives() or self._focus_in_actions()
        if action in ("edit", "delete"):
            if self._focus_in_objectives():
                return self.current_row is not None
            return self._focus_in_actions() and self.current_action is not None
        if action == "add_key_result":
            return self._focus_in_objectives() and self.current_row is not None
        if action in ("toggle_done", "edit_report_in_editor"):
            return self._focus_in_actions() and self.current_action is not None
        if action == "toggle_action_order":
            return self._focus_in_actions()
        if action == "move_action":
            current = self.current_action
            if not self._focus_in_actions() or current is None:
                return False
            if not self.own_order:
                return True  # says how to move them: s first
            offset = parameters[0] if parameters and isinstance(parameters[0], int) else 0
            shown = self.actions()
            return bool(reordered(shown, shown.index(current), offset))
        if action == "move_objective":
            row = self.current_row
            if not self._focus_in_objectives() or row is None or row.index is not None:
                return False
            offset = parameters[0] if parameters and isinstance(parameters[0], int) else 0
            objectives = self.objectives()
            return bool(reordered(objectives, objectives.index(row.objective), offset))
        return True

    # Editing

    def _owners(self) -> list[str]:
        existing = [action.owner for action in self.data.actions]
        existing += [objective.owner for objective in self.data.objectives]
        return owner_choices(self.account, self.data.schema, existing)

    def action_add(self) -> None:
        """Add an objective or an action, depending on the list with focus."""
        schema = self.data.schema
        if self._focus_in_objectives():
            draft = Objective(
                account_id=self.account_id,
                owner=self.account.assignee if self.account else "",
                position=next_position(self.objectives()),
            )
            objective_form = ObjectiveForm(draft, schema, self._owners())
            self.app.push_screen(objective_form, self._save_objective)
        elif self._focus_in_actions():
            row = self.current_row
            action = Action(
                account_id=self.account_id,
                owner=self.account.assignee if self.account else "",
                objective_id=row.objective.id if row else None,
                position=next_position(self.data.actions),
            )
            form = ActionForm(action, schema, self._owners(), self.objectives())
            self.app.push_screen(form, self._save_action)

    def action_add_key_result(self) -> None:
        """Add a key result to the highlighted objective."""
        row = self.current_row
        if row is not None:
            form = KeyResultForm(row.objective, None, self.data.schema)
            keep = f"kr-{row.objective.id}-{len(row.objective.key_results)}"
            self.app.push_screen(form, lambda result: self._save_objective(result, keep))

    def action_edit(self) -> None:
        """Edit the highlighted objective, key result or action."""
        schema = self.data.schema
        if self._focus_in_objectives():
            row = self.current_row
            if isinstance(row, ObjectiveOption):
                objective_form = ObjectiveForm(row.objective, schema, self._owners())
                self.app.push_screen(objective_form, self._save_objective)
            elif isinstance(row, KeyResultOption):
                result_form = KeyResultForm(row.objective, row.index, schema)
                self.app.push_screen(result_form, self._save_objective)
        elif (action := self.current_action) is not None:
            action_form = ActionForm(action, schema, self._owners(), self.objectives())
            self.app.push_screen(action_form, self._save_action)

    @on(OptionList.OptionSelected, "#plan-objectives")
    def _objective_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    @on(DataTable.RowSelected, "#plan-actions")
    def _action_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def _save_objective(self, objective: Objective | None, keep: str | None = None) -> None:
        if objective is None:
            return
        saved: list[Objective] = []
        verb = "Added" if objective.id == 0 else "Edited"
        self.apply(
            f"{verb} {objective.label}",
            lambda c: saved.append(c.save(objective)),
            lambda: self.refresh_account(keep_option=keep or f"objective-{saved[0].id}"),
        )

    def _save_action(self, action: Action | None) -> None:
        if action is None:
            return
        saved: list[Action] = []
        verb = "Added" if action.id == 0 else "Edited"
        self.apply(
            f"{verb} {action.label}",
            lambda c: saved.append(c.save(action)),
            lambda: self.refresh_account(keep_action=saved[0].id),
        )

    def action_toggle_done(self) -> None:
        """Mark the highlighted action done, or open it again."""
        action = self.current_action
        if action is None:
            return
        status = "open" if action.status == "done" else "done"
        changed = replace(action, status=status)
        self.apply(
            f"Marked {action.label} {status}",
            lambda c: c.save(changed),
            lambda: self.refresh_account(keep_action=action.id),
        )

    def action_edit_report_in_editor(self) -> None:
        """Edit the highlighted action's report text in the user's editor, as one change."""
        action = self.current_action
        if action is not None:

            def shown() -> None:
                self.refresh_account(keep_action=action.id)

            self.edit_text_in_editor(action, "report", "Report", shown)

    def action_delete(self) -> None:
        """Delete the highlighted key result, objective (after asking) or action."""
        if self._focus_in_objectives():
            row = self.current_row
            if isinstance(row, KeyResultOption) and row.index is not None:
                results = list(row.objective.key_results)
                removed = results.pop(row.index)
                changed = replace(row.objective, key_results=tuple(results))
                said = f"Deleted key result {removed.name!r}; {UNDO_HINT}."
                self.apply(
                    f"Deleted key result {removed.name!r}",
                    lambda c: c.save(changed),
                    lambda: self.notify(said, title="Plan"),
                )
            elif isinstance(row, ObjectiveOption):
                objective = row.objective
                question = (
                    f"Delete the objective “{printable(objective.title)}” and its "
                    f"{len(objective.key_results)} key results? ({UNDO_HINT})"
                )
                self.app.push_screen(
                    ConfirmDialog(question, yes="Delete", no="Keep"),
                    lambda yes: self._delete_objective(objective) if yes else None,
                )
        elif (action := self.current_action) is not None:
            deleted = action
            self.apply(
                f"Deleted {deleted.label}",
                lambda c: c.delete(deleted),
                lambda: self.notify(f"Deleted {deleted.label}; {UNDO_HINT}.", title="Plan"),
            )

    def _delete_objective(self, objective: Objective) -> None:
        def delete(change: ChangeSet) -> None:
            change.focus_on(objective)
            for action in self.data.actions:
                if action.objective_id == objective.id:
                    change.save(replace(action, objective_id=None))
            change.delete(objective)

        self.apply(
            f"Deleted {objective.label}",
            delete,
            lambda: self.notify(f"Deleted {objective.label}; {UNDO_HINT}.", title="Plan"),
        )

    def action_move_objective(self, offset: int) -> None:
        """Move the highlighted objective up (-1) or down (+1), as one change."""
        row = self.current_row
        if row is None or row.index is not None:
            return
        objectives = self.objectives()
        moved = reordered(objectives, objectives.index(row.objective), offset)

        def save_all(change: ChangeSet) -> None:
            change.focus_on(row.objective)
            for record in moved:
                change.save(record)

        if moved:
            keep = f"objective-{row.objective.id}"
            self.apply(
                f"Moved {row.objective.label}",
                save_all,
                lambda: self.refresh_account(keep_option=keep),
            )

    def action_toggle_action_order(self) -> None:
        """Show the actions in the plan's own order, or by due date; the choice is
        remembered for every account and the next run."""
        self.own_order = not self.own_order
        order = OWN_ORDER if self.own_order else DUE_ORDER
        view_memory(self.app).remember(MEMORY_KEY, {"actions": order})

    def watch_own_order(self) -> None:
        if self.drawn:
            self._show_actions(None)
        self.refresh_bindings()

    def action_move_action(self, offset: int) -> None:
        """Move the highlighted action up (-1) or down (+1) in the plan's own order, as one
        change; by due date there is no order to change, so it says how to get one."""
        current = self.current_action
        if current is None:
            return
        if not self.own_order:
            self.notify(
                "The actions are shown by due date: s shows the plan's own order, "
                "where K and J move them.",
                title="Plan",
            )
            return
        shown = self.actions()
        moved = reordered(shown, shown.index(current), offset)

        def save_all(change: ChangeSet) -> None:
            change.focus_on(current)
            for record in moved:
                change.save(record)

        if moved:
            self.apply(
                f"Moved {current.label}",
                save_all,
                lambda: self.refresh_account(keep_action=current.id),
            )

    def action_report(self) -> None:
        """Show the attack-plan status report."""
        name = self.account.name if self.account else f"account {self.account_id}"
        today = self.data.today
        text = status_report(name, self.data.actions, today, self.data.objectives)
        self.app.push_screen(StatusReportDialog(text, report_file_name(name, today), Path.cwd()))
