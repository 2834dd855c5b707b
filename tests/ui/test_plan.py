"""The Plan and Process tabs driven by real keys, checked in the store."""

from __future__ import annotations

import stat
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from kam_testing import PaneHost, PlanPaneScreen, synchronous
from textual.app import ComposeResult
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Footer, Select, Static

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Action, KeyResult, Objective, ProcessStep
from kam_tui.domain.plan import by_position, report_file_name, status_report
from kam_tui.store import Repository
from kam_tui.ui.forms.confirm import ConfirmDialog
from kam_tui.ui.plan import PLAN_TABS
from kam_tui.ui.plan.forms import ActionForm, KeyResultForm, ObjectiveForm, StagePicker
from kam_tui.ui.plan.objectives import PlanPane
from kam_tui.ui.plan.process import ProcessPane
from kam_tui.ui.plan.report import StatusReportDialog

ACCOUNT = 3
"""A demo account with overdue actions (every third account has them)."""


class PaneScreen(PlanPaneScreen):
    """One plan pane alone, as the account screen shows it in its tab."""

    def __init__(self, pane: Widget) -> None:
        super().__init__()
        self.pane = pane

    def compose(self) -> ComposeResult:
        yield self.pane
        yield Footer()


async def open_pane(pilot: Pilot[None], pane: Widget) -> None:
    await pilot.app.push_screen(PaneScreen(pane))
    await pilot.pause()


def objectives(repo: Repository, account: int = ACCOUNT) -> list[Objective]:
    return by_position(repo.children(Objective, account))


def actions(repo: Repository, account: int = ACCOUNT) -> list[Action]:
    return repo.children(Action, account)


def steps(repo: Repository, account: int = ACCOUNT) -> list[ProcessStep]:
    return by_position(repo.children(ProcessStep, account))


def test_the_three_plan_tabs_are_registered() -> None:
    assert [(tab, title, pane) for tab, title, pane in PLAN_TABS] == [
        ("swot", "SWOT", PLAN_TABS[0][2]),
        ("plan", "Plan", PlanPane),
        ("process", "Process", ProcessPane),
    ]


# Objectives and key results


@synchronous
async def test_add_an_objective_and_a_key_result(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = PlanPane(account_id=ACCOUNT, id="plan-pane")
        await open_pane(pilot, pane)
        assert app.focused is pane.objective_list
        await pilot.press("n")
        assert isinstance(app.screen, ObjectiveForm)
        await pilot.press(*"Win the Nordics deal", "ctrl+s")
        await pilot.pause()
        added = objectives(demo_repo)[-1]
        assert added.title == "Win the Nordics deal"
        await pilot.press("t")
        assert isinstance(app.screen, KeyResultForm)
        await pilot.press(*"Signed sites", "tab", "backspace", "5", "tab", "backspace", "2")
        await pilot.press("ctrl+s")
        await pilot.pause()
        result = demo_repo.get(Objective, added.id)
        assert result is not None
        assert result.key_results == (KeyResult("Signed sites", Decimal(5), Decimal(2)),)
        assert pane.current_row is not None and pane.current_row.index == 0
        demo_repo.undo()
        assert demo_repo.get(Objective, added.id) == added


@synchronous
async def test_a_key_result_with_a_bad_number_is_refused_inline(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, PlanPane(account_id=ACCOUNT, id="plan-pane"))
        before = demo_repo.revision
        await pilot.press("down", "enter")  # the first key result of the first objective
        assert isinstance(app.screen, KeyResultForm)
        await pilot.press("tab", "ctrl+a", "ctrl+k", *"lots", "ctrl+s")
        assert isinstance(app.screen, KeyResultForm)
        error = app.screen.query_one("#row-target .field-error", Static)
        assert "'lots' is not a number" in str(error.content)
        await pilot.press("ctrl+a", "ctrl+k", "-", "1", "ctrl+s")
        assert "cannot be negative" in str(error.content)
        await pilot.press("escape")
        assert demo_repo.revision == before


@synchronous
async def test_edit_a_key_result_moves_its_progress(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, PlanPane(account_id=ACCOUNT, id="plan-pane"))
        objective = objectives(demo_repo)[0]
        await pilot.press("j", "j", "e")  # the second key result: executive meetings of 4
        await pilot.press("tab", "tab", "ctrl+a", "ctrl+k", "4", "ctrl+s")
        await pilot.pause()
        changed = demo_repo.get(Objective, objective.id)
        assert changed is not None
        assert changed.key_results[1].current == Decimal(4)
        assert changed.key_results[1].progress == 1.0
        assert changed.key_results[0] == objective.key_results[0]


@synchronous
async def test_reorder_objectives_as_one_change(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    demo_repo.save(Objective(account_id=ACCOUNT, title="Second", position=1))
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = PlanPane(account_id=ACCOUNT, id="plan-pane")
        await open_pane(pilot, pane)
        await pilot.press("end")  # the last row: the new objective
        await pilot.press("K")
        assert [o.title for o in objectives(demo_repo)] == ["Second", "Grow share of wallet"]
        await pilot.press("shift+down")
        assert [o.title for o in objectives(demo_repo)] == ["Grow share of wallet", "Second"]
        demo_repo.undo()
        assert [o.title for o in objectives(demo_repo)] == ["Second", "Grow share of wallet"]


@synchronous
async def test_delete_an_objective_after_confirming_and_undo(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, PlanPane(account_id=ACCOUNT, id="plan-pane"))
        objective = objectives(demo_repo)[0]
        linked = [a.id for a in actions(demo_repo) if a.objective_id == objective.id]
        assert linked
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert demo_repo.get(Objective, objective.id) is not None
        await pilot.press("d", "y")
        assert demo_repo.get(Objective, objective.id) is None
        assert all(demo_repo.get(Action, i).objective_id is None for i in linked)  # type: ignore[union-attr]
        demo_repo.undo()
        assert demo_repo.get(Objective, objective.id) == objective
        assert all(demo_repo.get(Action, i).objective_id == objective.id for i in linked)  # type: ignore[union-attr]


@synchronous
async def test_delete_a_key_result(demo_repo: Repository, settings: Settings, clock: Clock) -> None:
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, PlanPane(account_id=ACCOUNT, id="plan-pane"))
        objective = objectives(demo_repo)[0]
        await pilot.press("down", "d")
        changed = demo_repo.get(Objective, objective.id)
        assert changed is not None
        assert changed.key_results == objective.key_results[1:]


@synchronous
async def test_an_objective_gets_an_owner_and_a_due_date(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = PlanPane(account_id=ACCOUNT, id="plan-pane")
        await open_pane(pilot, pane)
        objective = objectives(demo_repo)[0]
        assert (objective.owner, objective.due) == ("", None)
        await pilot.press("e")
        assert isinstance(app.screen, ObjectiveForm)
        owner: Select[str] = app.screen.query_one("#field-owner", Select)
        labels = [str(label) for label, _value in owner._options]
        assert labels[0] == "(no owner)"
        owner.focus()
        chosen = labels[2]  # the manager first, then the account team and the config's team
        await pilot.press("enter", "home", "down", "down", "enter")
        await pilot.press("tab", *"2026-11-31", "ctrl+s")
        assert isinstance(app.screen, ObjectiveForm)  # refused: not a day of the calendar
        error = app.screen.query_one("#row-due .field-error", Static)
        assert str(error.content) == "2026-11-31 is not a day of the calendar"
        await pilot.press("ctrl+a", "ctrl+k", *"2026-11-15", "ctrl+s")
        await pilot.pause()
        changed = demo_repo.get(Objective, objective.id)
        assert changed is not None
        assert (changed.owner, changed.due) == (chosen, date(2026, 11, 15))
        assert changed.key_results == objective.key_results
        line = str(pane.objective_list.get_option_at_index(0).prompt)
        assert line.endswith(f"  · {chosen}  · due 2026-11-15")
        demo_repo.undo()
        assert demo_repo.get(Objective, objective.id) == objective


@synchronous
async def test_s_shows_the_actions_in_their_own_order_where_k_and_j_move_them(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    demo_repo.save(Action(account_id=ACCOUNT, title="Undated call"))
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = PlanPane(account_id=ACCOUNT, id="plan-pane")
        await open_pane(pilot, pane)
        by_due = [action.title for action in pane.actions()]
        await pilot.press("tab", "J")  # by due date there is no order to change: it says so
        assert [action.title for action in pane.actions()] == by_due
        assert any("s shows the plan's own order" in n.message for n in app._notifications)
        await pilot.press("s")
        assert pane.own_order and "s by due date" in str(pane.action_table.border_subtitle)
        own = [action.title for action in by_position(actions(demo_repo))]
        assert [action.title for action in pane.actions()] == own
        await pilot.press("j", "j", "K")  # the undated call, last, moves up: one change
        moved = [action.title for action in by_position(actions(demo_repo))]
        assert moved == [*own[:-2], own[-1], own[-2]]
        assert pane.current_action is not None and pane.current_action.title == own[-1]
        await pilot.press("k", "K")  # already first: nothing to move
        assert [action.title for action in by_position(actions(demo_repo))] == moved
        demo_repo.undo()
        assert [action.title for action in by_position(actions(demo_repo))] == own
        await pilot.press("s")
        assert not pane.own_order
        assert [action.title for action in pane.actions()] == by_due


# Panels: tab, shift+tab, and j/k past a panel's edge


@synchronous
async def test_tab_and_jk_move_between_objectives_and_actions_with_the_bell_at_the_ends(
    demo_repo: Repository, settings: Settings, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = PaneHost(demo_repo, settings, clock)
    bells: list[None] = []
    monkeypatch.setattr(app, "bell", lambda: bells.append(None))
    async with app.run_test(size=(80, 24)) as pilot:
        pane = PlanPane(account_id=ACCOUNT, id="plan-pane")
        await open_pane(pilot, pane)
        listing, table = pane.objective_list, pane.action_table

        def focus() -> Widget | None:
            return app.focused

        shown = {
            (b.binding.key, b.binding.description) for b in app.screen.active_bindings.values()
        }
        assert ("tab", "Next panel") in shown
        assert focus() is listing and listing.highlighted == 0
        await pilot.press("k")  # the first row: the bell, no wrap to the last
        assert (focus(), listing.highlighted, len(bells)) == (listing, 0, 1)
        rows = listing.option_count
        await pilot.press(*["j"] * (rows - 1))
        assert listing.highlighted == rows - 1
        await pilot.press("j")  # past the last objective row: the first action
        assert (focus(), table.cursor_row, len(bells)) == (table, 0, 1)
        await pilot.press("k")  # back up: the last objective row
        assert (focus(), listing.highlighted) == (listing, rows - 1)
        await pilot.press("tab")
        assert focus() is table
        await pilot.press(*["j"] * table.row_count)  # past the last action: the bell
        assert (focus(), table.cursor_row, len(bells)) == (table, table.row_count - 1, 2)
        await pilot.press("tab")  # from the last panel round to the first
        assert focus() is listing
        await pilot.press("shift+tab")
        assert focus() is table
        await pilot.press("shift+tab", "home", "d")  # keys act on the focused panel
        assert isinstance(app.screen, ConfirmDialog)


# Actions


@synchronous
async def test_add_an_action_with_owner_due_date_and_status(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = PlanPane(account_id=ACCOUNT, id="plan-pane")
        await open_pane(pilot, pane)
        await pilot.press("tab")
        assert app.focused is pane.action_table
        count = len(actions(demo_repo))
        await pilot.press("n")
        assert isinstance(app.screen, ActionForm)
        await pilot.press(*"Book the QBR", "tab", "tab", *"2026-13-01", "ctrl+s")
        assert isinstance(app.screen, ActionForm)  # refused: not a date
        error = app.screen.query_one("#row-due .field-error", Static)
        assert str(error.content) == "2026-13-01 is not a day of the calendar"
        assert len(actions(demo_repo)) == count
        await pilot.press("ctrl+a", "ctrl+k", *"2026-12-01", "ctrl+s")
        await pilot.pause()
        added = max(actions(demo_repo), key=lambda a: a.id)
        account = demo_repo.account(ACCOUNT)
        assert account is not None
        assert (added.title, added.due, added.status) == ("Book the QBR", date(2026, 12, 1), "open")
        assert added.owner == account.assignee
        assert pane.current_action == added


@synchronous
async def test_an_action_needs_a_title(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, PlanPane(account_id=ACCOUNT, id="plan-pane"))
        before = demo_repo.revision
        await pilot.press("tab", "n", "ctrl+s")
        error = app.screen.query_one("#row-title .field-error", Static)
        assert "cannot be empty" in str(error.content)
        await pilot.press("escape")
        assert demo_repo.revision == before


@synchronous
async def test_x_toggles_done_and_overdue_actions_are_marked(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = PlanPane(account_id=ACCOUNT, id="plan-pane")
        await open_pane(pilot, pane)
        table = pane.action_table
        first = pane.actions()[0]
        assert first.is_overdue(clock().date())
        assert str(table.get_cell(f"action-{first.id}", "mark")) == "!"
        assert str(table.border_title) == "Actions: 2 open, 2 overdue"
        await pilot.press("tab", "x")
        assert str(table.border_title) == "Actions: 1 open, 1 overdue"
        done = demo_repo.get(Action, first.id)
        assert done is not None and done.status == "done"
        assert str(table.get_cell(f"action-{first.id}", "mark")) == "✓"
        await pilot.press("x")
        assert demo_repo.get(Action, first.id).status == "open"  # type: ignore[union-attr]
        demo_repo.undo()
        assert demo_repo.get(Action, first.id).status == "done"  # type: ignore[union-attr]


@synchronous
async def test_edit_and_delete_an_action_then_undo(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = PlanPane(account_id=ACCOUNT, id="plan-pane")
        await open_pane(pilot, pane)
        first = pane.actions()[0]
        await pilot.press("tab", "enter")
        assert isinstance(app.screen, ActionForm)
        await pilot.press("end", *" now", "ctrl+s")
        await pilot.pause()
        assert demo_repo.get(Action, first.id).title == first.title + " now"  # type: ignore[union-attr]
        await pilot.press("d")
        assert demo_repo.get(Action, first.id) is None
        demo_repo.undo()
        assert demo_repo.get(Action, first.id).title == first.title + " now"  # type: ignore[union-attr]


# The status report


@synchronous
async def test_report_copies_and_exports_to_the_current_folder(
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    app = PaneHost(demo_repo, settings, clock)
    account = demo_repo.account(ACCOUNT)
    assert account is not None
    expected = status_report(
        account.name, actions(demo_repo), clock().date(), demo_repo.children(Objective, ACCOUNT)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, PlanPane(account_id=ACCOUNT, id="plan-pane"))
        await pilot.press("r")
        assert isinstance(app.screen, StatusReportDialog)
        shown = app.screen.query_one("#report-text", Static)
        assert str(shown.content) == expected
        assert "overdue" in expected and "Actions and their reports:" in expected
        await pilot.press("c")
        assert app.clipboard == expected
        await pilot.press("s", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = tmp_path / report_file_name(account.name, clock().date())
        assert written.read_text(encoding="utf-8") == expected
        assert stat.S_IMODE(written.stat().st_mode) == 0o600  # a report is private too
        status = str(app.screen.query_one("#report-status", Static).content)
        assert str(written) in status
        # a typed path, relative to the current folder; an existing file asks first
        (tmp_path / "out").mkdir()
        await pilot.press("s", "ctrl+a", "ctrl+k", *"out/plan.txt", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (tmp_path / "out" / "plan.txt").read_text(encoding="utf-8") == expected
        (tmp_path / "out" / "plan.txt").write_text("old", encoding="utf-8")
        await pilot.press("s", "enter")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert (tmp_path / "out" / "plan.txt").read_text(encoding="utf-8") == "old"
        await pilot.press("escape", "escape")
        assert not isinstance(app.screen, StatusReportDialog)


# The process map


@synchronous
async def test_add_a_buying_step_unmapped_then_map_it(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = ProcessPane(account_id=ACCOUNT, id="process-pane")
        await open_pane(pilot, pane)
        before = steps(demo_repo)
        await pilot.press("n", *"Pilot project", "ctrl+s")
        await pilot.pause()
        added = steps(demo_repo)[-1]
        assert len(steps(demo_repo)) == len(before) + 1
        assert (added.buying_step, added.selling_stage) == ("Pilot project", "")
        assert added.position == max(s.position for s in before) + 1
        summary = str(pane.query_one("#process-misaligned", Static).content)
        assert "Buying steps with no selling stage" in summary and "Pilot project" in summary
        uncovered = "Selling stages with no buying step: Proposal, Negotiation, Closing, Onboarding"
        assert uncovered in summary
        assert pane.current_step == added
        await pilot.press("m")
        assert isinstance(app.screen, StagePicker)
        await pilot.press("j", "j", "j", "j", "enter")  # (not mapped), Prospecting, ... Proposal
        mapped = demo_repo.get(ProcessStep, added.id)
        assert mapped is not None and mapped.selling_stage == "Proposal"
        summary = str(pane.query_one("#process-misaligned", Static).content)
        assert "Pilot project" not in summary
        assert "Proposal" not in summary
        demo_repo.undo()
        assert demo_repo.get(ProcessStep, added.id).selling_stage == ""  # type: ignore[union-attr]


@synchronous
async def test_reorder_edit_and_delete_buying_steps(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, ProcessPane(account_id=ACCOUNT, id="process-pane"))
        names = [s.buying_step for s in steps(demo_repo)]
        await pilot.press("shift+down")
        assert [s.buying_step for s in steps(demo_repo)] == [names[1], names[0], *names[2:]]
        await pilot.press("J", "K", "shift+up")
        assert [s.buying_step for s in steps(demo_repo)] == names
        demo_repo.undo()
        assert [s.buying_step for s in steps(demo_repo)] == [names[1], names[0], *names[2:]]
        demo_repo.redo()
        first = steps(demo_repo)[0]
        app.screen.query_one(ProcessPane).refresh_account()
        await pilot.press("e", "ctrl+a", "ctrl+k", *"Spot the need", "ctrl+s")
        await pilot.pause()
        assert demo_repo.get(ProcessStep, first.id).buying_step == "Spot the need"  # type: ignore[union-attr]
        await pilot.press("d")
        assert demo_repo.get(ProcessStep, first.id) is None
        demo_repo.undo()
        assert demo_repo.get(ProcessStep, first.id) is not None


@synchronous
async def test_an_empty_buying_step_is_refused(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, ProcessPane(account_id=ACCOUNT, id="process-pane"))
        before = demo_repo.revision
        await pilot.press("n", "ctrl+s")
        error = app.screen.query_one("#row-buying_step .field-error", Static)
        assert "cannot be empty" in str(error.content)
        await pilot.press("escape")
        assert demo_repo.revision == before
