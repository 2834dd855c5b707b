"""Dialogs never lose edits silently, and say what is true: escape on edits asks first, a
key result without a target says so, the key-account box says what it holds, a reason
under a field goes once the field is valid, and `a` logs an activity on every tab."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from kam_testing import make_app, synchronous
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Checkbox, Input

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import KeyResult, Objective
from kam_tui.store import Repository
from kam_tui.ui.account.account_form import AccountForm
from kam_tui.ui.account.activity_form import ActivityForm
from kam_tui.ui.account.contact_form import ContactForm
from kam_tui.ui.app import KamApp
from kam_tui.ui.boards.filter_dialog import BoardFilterDialog
from kam_tui.ui.forms.dialog import FormDialog
from kam_tui.ui.forms.discard import DiscardDialog, GuardedDialog
from kam_tui.ui.forms.fields import FieldRow, field_id
from kam_tui.ui.plan.forms import ActionForm, KeyResultForm, ObjectiveForm, ProcessStepForm
from kam_tui.ui.plan.objectives import KeyResultOption, ObjectiveOption
from kam_tui.ui.plan.swot_item import SwotItemDialog
from kam_tui.ui.table.cell_editor import CellEditor

ACCOUNT = 3
"""A demo account with contacts, activities, SWOT items, a plan and a process."""

Opener = tuple[str | None, tuple[str, ...], tuple[str, ...], type[Screen[Any]]]
DIALOGS: dict[str, Opener] = {
    # account tab to open first (None: stay on the board), keys that open, keys that edit
    "account": (None, ("e",), ("x",), AccountForm),
    "filter": (None, ("f",), ("space",), BoardFilterDialog),
    "cell": (None, ("3", "e"), ("x",), CellEditor),
    "contact": ("contacts", ("n",), ("x",), ContactForm),
    "activity": ("overview", ("a",), ("x",), ActivityForm),
    "swot": ("swot", ("n",), ("x",), SwotItemDialog),
    "objective": ("plan", ("n",), ("x",), ObjectiveForm),
    "key result": ("plan", ("t",), ("x",), KeyResultForm),
    "action": ("plan", ("tab", "n"), ("x",), ActionForm),
    "step": ("process", ("n",), ("x",), ProcessStepForm),
}


async def open_dialog(app: KamApp, pilot: Pilot[None], case: str) -> GuardedDialog[Any]:
    tab, opening, _editing, dialog_type = DIALOGS[case]
    await pilot.pause()
    if tab is not None:
        app.open_account(ACCOUNT, tab)
        await pilot.pause()
    await pilot.press(*opening)
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, dialog_type) and isinstance(dialog, GuardedDialog)
    return dialog


@pytest.mark.parametrize("case", DIALOGS)
@synchronous
async def test_escape_closes_an_unchanged_dialog_at_once(
    demo_repo: Repository, settings: Settings, clock: Clock, case: str
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_dialog(app, pilot, case)
        assert not dialog.edited
        await pilot.press("escape")
        assert not isinstance(app.screen, GuardedDialog | DiscardDialog)


@pytest.mark.parametrize("case", DIALOGS)
@synchronous
async def test_escape_on_edits_asks_and_only_d_discards_them(
    demo_repo: Repository, settings: Settings, clock: Clock, case: str
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_dialog(app, pilot, case)
        revision = demo_repo.revision
        await pilot.press(*DIALOGS[case][2])
        assert dialog.edited
        await pilot.press("escape")
        assert isinstance(app.screen, DiscardDialog)
        await pilot.press("escape")  # keep editing: the edits are still there
        # mypy keeps app.screen narrowed to DiscardDialog across the await of the key press.
        assert app.screen is dialog and dialog.edited  # type: ignore[comparison-overlap]
        await pilot.press("escape", "d")
        assert not isinstance(app.screen, GuardedDialog | DiscardDialog)
        assert demo_repo.revision == revision


@synchronous
async def test_the_question_can_save_the_edits(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_dialog(app, pilot, "account")
        assert isinstance(dialog, AccountForm)
        await pilot.press("ctrl+a", "ctrl+k", *"Renamed", "escape", "s")
        await pilot.pause()
        assert not isinstance(app.screen, GuardedDialog | DiscardDialog)
        saved = demo_repo.account(dialog.account.id)
        assert saved is not None and saved.name == "Renamed"


@pytest.mark.parametrize("case", DIALOGS)
@synchronous
async def test_s_in_the_question_saves_as_the_dialogs_own_save_key(
    demo_repo: Repository, settings: Settings, clock: Clock, case: str
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_dialog(app, pilot, case)
        revision = demo_repo.revision
        await pilot.press(*DIALOGS[case][2], "escape", "s")  # the activity's summary is "x"
        await pilot.pause()
        assert not isinstance(app.screen, GuardedDialog | DiscardDialog)
        assert not dialog.is_attached
        if case != "filter":  # the filter changes the view, not the store
            assert demo_repo.revision > revision


def test_a_key_result_without_a_target_shows_no_percentage() -> None:
    unmeasured = KeyResult(name="Visits", target=Decimal(0), current=Decimal(4))
    measured = KeyResult(name="Sites", target=Decimal(4), current=Decimal(1))
    assert unmeasured.progress is None
    objective = Objective(id=1, account_id=1, title="Grow", key_results=(unmeasured, measured))
    assert objective.progress == 0.25
    shown = str(KeyResultOption(objective, 0, 10).prompt)
    assert "no target" in shown and "%" not in shown
    alone = Objective(id=2, account_id=1, title="Visit", key_results=(unmeasured,))
    assert "no target" in str(ObjectiveOption(alone, date(2026, 11, 20)).prompt)


@synchronous
async def test_a_on_the_plan_tab_logs_an_activity_and_t_adds_a_key_result(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.open_account(ACCOUNT, "plan")
        await pilot.pause()
        await pilot.press("a")
        assert isinstance(app.screen, ActivityForm)
        await pilot.press("escape", "t")
        assert isinstance(app.screen, KeyResultForm)


@synchronous
async def test_the_key_account_box_says_what_it_holds(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_dialog(app, pilot, "account")
        box = dialog.query_one("#" + field_id("key_account"), Checkbox)
        for _ in range(2):
            said = str(box.label)
            assert said.startswith("yes" if box.value else "no")
            box.focus()
            await pilot.press("space")
            assert str(box.label) != said


@synchronous
async def test_a_reason_goes_once_its_field_is_valid_and_not_before(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_dialog(app, pilot, "account")
        assert isinstance(dialog, FormDialog)
        name = dialog.row("name")
        satisfaction = dialog.row("satisfaction")
        await pilot.press("ctrl+a", "ctrl+k", "ctrl+s")
        dialog.query_one("#" + field_id("satisfaction"), Input).value = "11"
        await pilot.press("ctrl+s")
        assert name.error and satisfaction.error
        dialog.query_one("#" + field_id("name"), Input).focus()
        await pilot.press("N")
        assert not name.error and not name.has_class("-invalid")
        assert satisfaction.error  # still wrong: still said
        dialog.query_one("#" + field_id("satisfaction"), Input).value = "12"
        await pilot.pause()
        assert satisfaction.error
        dialog.query_one("#" + field_id("satisfaction"), Input).value = "9"
        await pilot.pause()
        assert not satisfaction.error
        assert not any(row.has_class("-invalid") for row in dialog.query(FieldRow))


@synchronous
async def test_a_plan_form_reason_goes_once_its_field_is_valid(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_dialog(app, pilot, "key result")
        await pilot.press(*"Visits", "tab", "x", "ctrl+s")
        assert dialog.query_one("#row-target").has_class("-invalid")
        await pilot.press("backspace")
        assert not dialog.query_one("#row-target").has_class("-invalid")


@synchronous
async def test_a_cell_reason_goes_once_the_value_is_valid(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_dialog(app, pilot, "cell")  # the name column
        assert isinstance(dialog, CellEditor)
        await pilot.press("ctrl+a", "ctrl+k", "enter")
        assert dialog.error
        await pilot.press("A")
        assert not dialog.error


@synchronous
async def test_a_swot_reason_goes_once_the_text_is_valid(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_dialog(app, pilot, "swot")
        await pilot.press("ctrl+s")
        error = dialog.query_one("#swot-error")
        assert str(error.content)  # type: ignore[attr-defined]
        await pilot.press("A")
        assert not str(error.content)  # type: ignore[attr-defined]
