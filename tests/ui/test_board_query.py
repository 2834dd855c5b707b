"""The filter language on the boards, and saved named filters, typed with real keys."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from kam_testing import run_app
from textual.pilot import Pilot

from kam_tui.config.settings import Settings
from kam_tui.config.view_state import default_view_state_path, write_view_states
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Account
from kam_tui.domain.rules import is_overdue
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp
from kam_tui.ui.boards.board_view import BoardView
from kam_tui.ui.forms.picker import PickerDialog
from kam_tui.ui.query_line import QueryLine
from kam_tui.ui.saved_filters_dialog import NameDialog

TODAY = date(2026, 11, 20)


def board(app: KamApp) -> BoardView:
    screen = app.screen
    assert isinstance(screen, BoardView)
    return screen


def shown_ids(screen: BoardView) -> set[int]:
    found = (screen.board.column(key) for key in screen.board.keys)
    return {account.id for column in found if column for account in column.accounts}


def line_text(screen: BoardView) -> str:
    line = screen.query_one(QueryLine)
    return str(line.render()) if line.has_class("-shown") else ""


def expected(repo: Repository, test: object) -> set[int]:
    assert callable(test)
    return {account.id for account in repo.all(Account) if test(account)}


def test_terms_typed_on_the_pipeline_filter_its_cards(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    accounts = demo_repo.all(Account)
    bruno = sorted({a.assignee for a in accounts} - {""})[0]
    settings = replace(settings, user=bruno)
    seen: dict[str, object] = {}

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("slash", *"manager:me key", "enter")
        await pilot.pause(0.3)
        screen = board(app)
        seen["mine"] = shown_ids(screen)
        seen["line"] = line_text(screen)
        await pilot.press("escape", "slash", *"colour:red", "enter")
        await pilot.pause(0.3)
        seen["error shown"] = shown_ids(screen)
        seen["error"] = line_text(screen)
        await pilot.press("escape", "slash", *"overdue nocontact:60", "enter")
        await pilot.pause(0.3)
        seen["late"] = shown_ids(screen)

    run_app(demo_repo, settings, clock, scenario)
    mine = expected(demo_repo, lambda a: a.assignee == bruno and a.key_account)
    assert mine and seen["mine"] == mine
    assert str(seen["line"]).startswith(
        f"Filter: manager {bruno} · key accounts ({len(mine)} shown)"
    )
    assert seen["error shown"] == {a.id for a in accounts}, "a query in error hides nothing"
    assert "Filter not applied: colour:red: no field 'colour'" in str(seen["error"])
    late = expected(
        demo_repo,
        lambda a: (
            is_overdue(a, TODAY, 30)
            and (a.last_contact is None or (TODAY - a.last_contact).days >= 60)
        ),
    )
    assert late and seen["late"] == late


def test_a_filter_saved_on_one_board_is_recalled_on_another_and_kept(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    seen: dict[str, object] = {}
    accounts = demo_repo.all(Account)
    manager = sorted({a.assignee for a in accounts} - {""})[1]
    first = manager.split()[0]

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("slash", *f"@{first}", "enter", "o")  # the typed query and `o`
        await pilot.pause(0.3)
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, PickerDialog)
        await pilot.press("enter")  # "Save this view's filter as…", offered first
        await pilot.pause()
        assert isinstance(app.screen, NameDialog)
        await pilot.press(*"Late [b]ones[/b]", "enter")
        await pilot.pause()
        await pilot.press("escape", "4")  # clear it here, go to the Team board
        await pilot.pause(0.3)
        await pilot.press("F")
        await pilot.pause()
        await pilot.press(*"late", "enter")
        await pilot.pause(0.5)
        seen["team"] = shown_ids(board(app))
        seen["typed"] = board(app).account_filter.text
        await pilot.press("q")

    run_app(demo_repo, settings, clock, scenario)
    saved = json.loads(default_view_state_path().read_text())
    assert saved["filters"] == {"Late [b]ones[/b]": f"@{first} overdue"}
    assert seen["typed"] == f"@{first} overdue"
    late = expected(
        demo_repo,
        lambda a: a.assignee.startswith(f"{first} ") and is_overdue(a, TODAY, 30),
    )
    assert late and seen["team"] == late


def test_the_palette_recalls_renames_and_deletes_a_saved_filter(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    path = default_view_state_path()
    write_view_states(path, {}, {"Key ones": "key", "Other": "overdue"})
    seen: dict[str, object] = {}

    async def palette(pilot: Pilot[None], typed: str) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*typed)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await palette(pilot, "Filter: key ones")
        seen["shown"] = shown_ids(board(app))
        seen["typed"] = board(app).account_filter.text
        await palette(pilot, "Rename filter: key ones")
        assert isinstance(app.screen, NameDialog)
        await pilot.press(*["backspace"] * 8, *"Keys", "enter")
        await pilot.pause()
        await palette(pilot, "Delete filter: other")
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("q")

    run_app(demo_repo, settings, clock, scenario)
    assert seen["typed"] == "key"
    assert seen["shown"] == expected(demo_repo, lambda a: a.key_account)
    assert json.loads(path.read_text())["filters"] == {"Keys": "key"}


def test_enter_opens_a_card_after_a_filter_emptied_the_current_column(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    """The Pipeline starts on Contacted; `status:Won` leaves it empty, so the first column
    with cards becomes current and enter opens its highlighted account."""
    seen: dict[str, object] = {}

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        screen = board(app)
        assert screen.board.focused_column is screen.board.column("Contacted")
        await pilot.press("slash", *"status:Won", "enter")
        await pilot.pause(0.3)
        column = screen.board.focused_column
        seen["column"] = column.key if column else None
        await pilot.press("enter")
        await pilot.pause()
        seen["screen"] = type(app.screen).__name__

    run_app(demo_repo, settings, clock, scenario)
    assert seen == {"column": "Won", "screen": "AccountScreen"}
