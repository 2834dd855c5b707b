"""User text is data: hostile strings in every field of every record, driven through every
view, form, dialog, the palette, notifications and the exports, never crash the app and
never reach the terminal as markup or control characters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile_text import (
    HOSTILE,
    SHOWN,
    assert_clean,
    fill_hostile_store,
    hostile_name,
    hostile_schema,
    screen_lines,
)
from kam_testing import make_app, synchronous
from textual import events
from textual.command import CommandList
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import Input, Static, TextArea

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Account, SwotItem
from kam_tui.domain.text import is_unsafe
from kam_tui.store import Repository
from kam_tui.ui.account.account_form import AccountForm
from kam_tui.ui.account.screen import AccountScreen
from kam_tui.ui.boards.board_view import BoardView
from kam_tui.ui.forms.confirm import ConfirmDialog
from kam_tui.ui.overdue.screen import OverdueScreen
from kam_tui.ui.plan.swot_item import SwotItemDialog

SIZE = (120, 40)


@pytest.fixture
def hostile_store(store_path: Path, clock: Clock) -> Path:
    """A store holding every hostile string in every text field, closed (an old store)."""
    repository = Repository.open(store_path, hostile_schema(), clock=clock)
    fill_hostile_store(repository, clock().date())
    repository.close()
    return store_path


@pytest.fixture
def hostile_repo(hostile_store: Path, clock: Clock) -> Iterator[Repository]:
    """The hostile store, opened again the way kam opens a store."""
    repository = Repository.open(hostile_store, hostile_schema(), clock=clock)
    yield repository
    repository.close()


def account_id(repository: Repository, key: str) -> int:
    return next(a.id for a in repository.accounts() if a.name == hostile_name(key))


async def close_dialog(pilot: Pilot[Any]) -> None:
    """Close the dialog on top without saving anything."""
    while isinstance(pilot.app.screen, ModalScreen):
        pilot.app.screen.dismiss(None)
        await pilot.pause()


async def check(pilot: Pilot[Any], where: str, *keys: str) -> str:
    """Press `keys`, let the screen settle (notifications mount a step later), then check
    that nothing on it is markup gone wrong or a control character."""
    await pilot.press(*keys)
    await pilot.pause()
    await pilot.pause()
    return assert_clean(pilot.app, where)


def test_the_old_store_loads_and_holds_the_strings_unchanged(hostile_repo: Repository) -> None:
    names = sorted(account.name for account in hostile_repo.accounts())
    assert names == sorted(hostile_name(key) for key in HOSTILE)


@synchronous
async def test_every_view_shows_hostile_text_literally(
    hostile_repo: Repository, clock: Clock
) -> None:
    app = make_app(hostile_repo, Settings(schema=hostile_repo.schema), clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        for view in ("1", "2", "4"):
            shown = await check(pilot, f"view {view}", view)
            screen = app.screen
            assert isinstance(screen, BoardView)
            for step in range(len(screen.board.keys) + 1):
                shown += await check(pilot, f"view {view}, column {step}", "l")
                for _card in range(3):
                    shown += await check(pilot, f"view {view}, column {step}", "j")
            for key in ("closing-tag", "terminal-control"):
                assert SHOWN[key][:12] in shown, (view, key)
        shown = await check(pilot, "table", "3")
        for _column in range(40):
            shown += await check(pilot, "table, scrolled right", "right")
        assert "Evil^[]0;pwned^G^[[2J^M^JFA" in shown and "x [/b] y" in shown
        assert "Note [/b] ^[[31m" in shown
        shown = await check(pilot, "portfolio", "5")
        for section in range(7):
            shown += await check(pilot, f"portfolio, section {section}", "tab")
            shown += await check(pilot, f"portfolio, section {section}, a row down", "j")
        assert "x [/b] y" in shown
        await check(pilot, "help", "question_mark")
        await close_dialog(pilot)
        await app.push_screen(OverdueScreen())
        shown = await check(pilot, "overdue queue")
        for _row in HOSTILE:
            shown += await check(pilot, "overdue queue", "j")
        assert SHOWN["tags-and-link"] in shown and "Evil^[]0;pwned" in shown
        await pilot.press("escape")
        shown = await check(pilot, "agenda", "A")
        for _row in HOSTILE:
            shown += await check(pilot, "agenda", "j")
        assert SHOWN["tags-and-link"] in shown and "Evil^[]0;pwned" in shown


@pytest.mark.parametrize("key", ["terminal-control", "tags-and-link", "long", "c0-and-c1"])
def test_the_account_screen_its_tabs_and_forms_show_hostile_text_literally(
    hostile_repo: Repository, clock: Clock, key: str
) -> None:
    @synchronous
    async def scenario() -> None:
        app = make_app(hostile_repo, Settings(schema=hostile_repo.schema), clock)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            app.open_account(account_id(hostile_repo, key))
            await pilot.pause()
            assert isinstance(app.screen, AccountScreen)
            shown = await check(pilot, "overview")
            if key in SHOWN:
                assert SHOWN[key][:20] in shown
            await check(pilot, "account form", "e")
            await close_dialog(pilot)
            for tab in ("contacts", "activities", "deals", "swot", "plan", "process"):
                await check(pilot, tab, "right_square_bracket")
                edit = "enter" if tab == "contacts" else "e"
                if tab == "deals":
                    await check(pilot, "deal form", "n")
                    await close_dialog(pilot)
                if tab not in ("activities", "deals"):
                    await check(pilot, f"{tab} form", edit)
                    await close_dialog(pilot)
                if tab == "plan":
                    await check(pilot, "plan actions", "tab")
                    await check(pilot, "action form", "e")
                    await close_dialog(pilot)
                    report = await check(pilot, "status report", "r")
                    assert "Attack plan status" in report
                    await close_dialog(pilot)
                if tab == "process":
                    await check(pilot, "stage picker", "m")
                    await close_dialog(pilot)
            assert isinstance(app.screen, AccountScreen)

    scenario()


def palette_hits(app: Any) -> list[str]:
    """The first line of each hit the open command palette lists, as drawn, without its help
    line (the board behind the palette and the help lines show the same names, so the
    screen as a whole cannot tell)."""
    commands = app.screen.query_one(CommandList)
    prompts = (str(getattr(option.prompt, "plain", option.prompt)) for option in commands.options)
    return [prompt.partition("\n")[0] for prompt in prompts]


@synchronous
async def test_the_palette_finds_hostile_accounts_and_shows_them_literally(
    hostile_repo: Repository, clock: Clock
) -> None:
    app = make_app(hostile_repo, Settings(schema=hostile_repo.schema), clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        found = {
            "Evil": "Evil^[]0;pwned",
            "x [/b]": "x [/b] y",
            "SWOT: Evil": "SWOT: Evil^[]0;pwned",
            "bold": SHOWN["tags-and-link"][:40],
        }
        for query, hit in found.items():
            await pilot.press("ctrl+p", *query)
            await pilot.pause(0.3)
            assert_clean(app, f"palette searching {query!r}")
            assert any(hit in shown for shown in palette_hits(app)), query
            await pilot.press("escape")
            await pilot.pause()
        app.action_jump_to_account()
        await pilot.pause(0.3)
        shown = assert_clean(app, "jump to account")
        assert "x [/b] y" in shown
        await pilot.press(*"Evil", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AccountScreen)
        assert assert_clean(app, "opened from the palette")


@synchronous
async def test_undo_and_redo_notifications_show_the_name_literally(
    hostile_repo: Repository, clock: Clock
) -> None:
    app = make_app(hostile_repo, Settings(schema=hostile_repo.schema), clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        for key in ("tags-and-link", "terminal-control", "closing-tag"):
            target = hostile_repo.account(account_id(hostile_repo, key))
            assert target is not None
            screen = app.screen
            assert isinstance(screen, BoardView)
            assert screen.show_account(target.id)
            await check(pilot, "delete question", "d")
            assert isinstance(app.screen, ConfirmDialog)
            await check(pilot, "deleted", "y")
            assert hostile_repo.account(target.id) is None
            shown = await check(pilot, "undone", "u")
            assert hostile_repo.account(target.id) == target
            assert "Undone: Deleted account" in shown
            shown = await check(pilot, "redone", "ctrl+r")
            assert "Redone: Deleted account" in shown
            await check(pilot, "undone again", "u")
            app.clear_notifications()
        assert {a.name for a in hostile_repo.accounts()} == {hostile_name(key) for key in HOSTILE}


@synchronous
async def test_pasted_control_characters_arrive_in_visible_notation(
    repo: Repository, settings: Settings, clock: Clock
) -> None:
    account = repo.save(Account(name="Plain", status="Won", lifecycle="New"))
    app = make_app(repo, settings, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_account(account.id)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        name = app.screen.query_one("#field-name")
        name.focus()
        await pilot.press("end")
        app.post_message(events.Paste(HOSTILE["terminal-control"]))
        await pilot.pause()
        shown = assert_clean(app, "account form after a paste")
        assert "PlainEvil^[]0;pwned^G^[[2J^M" in shown  # an Input takes the first line
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = repo.account(account.id)
        assert saved is not None and saved.name == "PlainEvil^[]0;pwned^G^[[2J^M"


def test_screen_lines_sees_what_the_terminal_gets(repo: Repository, clock: Clock) -> None:
    """The check itself: a raw ESC drawn by a widget is found."""

    @synchronous
    async def scenario() -> None:
        app = make_app(repo, Settings(), clock)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            from textual.widgets import Static

            await app.screen.mount(Static("raw \x1b[2J here", markup=False))
            await pilot.pause()
            assert any("\x1b" in line for line in screen_lines(app))

    scenario()


@synchronous
async def test_forms_refuse_a_control_character_naming_it_and_its_place(
    repo: Repository, settings: Settings, clock: Clock
) -> None:
    """A control character that reaches a form some other way than typing or pasting (both
    arrive in visible notation) is drawn as a visible character (`␛`) and refused when
    saving, with the reason under the field."""
    account = repo.save(Account(name="Plain", status="Won", lifecycle="New"))
    app = make_app(repo, settings, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_account(account.id)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AccountForm)
        form: AccountForm = screen  # declared, so `app.screen is form` keeps its type
        form.query_one("#field-name", Input).value = "Evil\x1b[2J"
        form.query_one("#field-notes", TextArea).text = "first line\nsecond\x07line"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "the form stays open"
        assert form.row("name").error == "contains a control character (ESC, ^[) at position 5"
        assert form.row("notes").error == ("contains a control character (BEL, ^G) at position 18")
        assert repo.account(account.id) == account
        assert "Evil␛[2J" in assert_clean(app, "refused account form")
        await close_dialog(pilot)

        await check(pilot, "SWOT tab", *["right_square_bracket"] * 4)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SwotItemDialog)
        dialog.query_one("#swot-text", TextArea).text = "Fast\x9b delivery"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        reason = str(dialog.query_one("#swot-error", Static).content)
        assert reason == "The text contains a control character (CSI, <U+009B>) at position 5."
        assert assert_clean(app, "refused SWOT item")
        await close_dialog(pilot)
        assert repo.all(SwotItem) == []


@synchronous
async def test_the_exported_plan_report_holds_no_control_character(
    hostile_repo: Repository, clock: Clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(hostile_repo, Settings(schema=hostile_repo.schema), clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_account(account_id(hostile_repo, "terminal-control"), "plan")
        await pilot.pause()
        await pilot.pause()
        await check(pilot, "status report", "r")
        await check(pilot, "report path", "s")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert_clean(app, "report written")
    [written] = list(tmp_path.glob("attack-plan-*.txt"))
    report = written.read_text(encoding="utf-8")
    assert "Attack plan status: Evil^[]0;pwned^G^[[2J^M^JFAKE LINE" in report
    assert not [c for c in report if is_unsafe(c) and c != "\n"]


@synchronous
async def test_the_exported_account_plan_holds_no_control_character(
    hostile_repo: Repository, clock: Clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(hostile_repo, Settings(schema=hostile_repo.schema), clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_account(account_id(hostile_repo, "terminal-control"))
        await pilot.pause()
        await pilot.pause()
        await check(pilot, "account plan", "w")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert_clean(app, "plan written")
    [written] = list(tmp_path.glob("account-plan-*.md"))
    plan = written.read_text(encoding="utf-8")
    assert "# Account plan: Evil^\\[\\]0;pwned^G^\\[\\[2J^M^JFAKE LINE" in plan
    assert not [c for c in plan if is_unsafe(c) and c != "\n"]
