"""The account detail screen driven by real keys, checked in the store."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import (
    Input,
    Label,
    OptionList,
    Select,
    SelectionList,
    Static,
    TabbedContent,
    TextArea,
)
from textual.widgets._select import SelectCurrent

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Account, Activity, Contact
from kam_tui.domain.schema import Schema
from kam_tui.store import Repository
from kam_tui.ui.account.account_form import AccountForm
from kam_tui.ui.account.activities import ActivityList
from kam_tui.ui.account.activity_form import ActivityForm
from kam_tui.ui.account.contact_form import ContactForm
from kam_tui.ui.account.contacts import ContactList
from kam_tui.ui.account.overview import AccountSummary
from kam_tui.ui.account.screen import AccountScreen
from kam_tui.ui.app import KamApp
from kam_tui.ui.forms.confirm import ConfirmDialog
from kam_tui.ui.forms.dialog import FormDialog
from kam_tui.ui.forms.fields import field_id
from kam_tui.ui.plan import PLAN_TABS

Scenario = Callable[[KamApp, Pilot[None]], Awaitable[None]]
TAILSPIN = 4
"""A demo key account with three contacts: Ben Khan (CEO) above Ben Novak and Jonas Tanaka."""


def run_app(
    repo: Repository,
    settings: Settings,
    clock: Clock,
    scenario: Scenario,
    size: tuple[int, int] = (80, 24),
) -> None:
    """Run `scenario` against a KamApp on `repo`."""

    async def main() -> None:
        app = KamApp(repo, settings, clock)
        app.animation_level = "none"
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())


async def open_account(
    app: KamApp, pilot: Pilot[None], account_id: int, tab: str | None = None
) -> AccountScreen:
    """Open an account the way the views do and wait until it is drawn."""
    app.open_account(account_id, tab)
    await pilot.pause()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, AccountScreen)
    return screen


async def fill(pilot: Pilot[None], field: str, text: str) -> None:
    """Focus a field's input, clear it with real keys and type `text`."""
    widget = pilot.app.screen.query_one("#" + field_id(field), Input)
    widget.focus()
    await pilot.press("end", "ctrl+u", *text)


async def choose(pilot: Pilot[None], field: str, label_start: str) -> None:
    """Pick the option of a Select whose label starts with `label_start`, with real keys."""
    select: Select[str] = pilot.app.screen.query_one("#" + field_id(field), Select)
    labels = [str(label) for label, _value in select._options]
    index = next(i for i, label in enumerate(labels) if label.startswith(label_start))
    select.focus()
    await pilot.press("enter", "home", *(["down"] * index), "enter")


def top(app: KamApp) -> Screen[Any]:
    """The screen on top (a function, so type checkers do not keep an earlier narrowing)."""
    return app.screen


def tree_names(screen: AccountScreen) -> list[str]:
    """The stakeholder tree as drawn: guide + name per row."""
    contact_list = screen.query_one(ContactList)
    return [row.guide + row.contact.name for row in contact_list.rows]


def error_of(pilot: Pilot[None], field: str) -> str:
    """The reason shown under a field of the open form."""
    screen = pilot.app.screen
    assert isinstance(screen, FormDialog)
    return screen.row(field).error


def test_open_from_the_app_and_escape_back_to_the_same_screen(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        board = app.screen
        screen = await open_account(app, pilot, TAILSPIN)
        # The view below moved its highlight to the account it opened; it keeps it.
        focused = board.focused
        highlighted = focused.highlighted if isinstance(focused, OptionList) else None
        assert screen.active_tab == "overview"
        assert screen.sub_title == "Tailspin Airlines"
        summary = str(screen.query_one(AccountSummary).content)
        assert "Tailspin Airlines" in summary
        assert "Profit €7.5M (83%)" in summary
        assert "overdue 24 days" in summary
        assert screen.query_one(AccountSummary).has_class("-overdue")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is board
        assert app.focused is focused
        if isinstance(focused, OptionList):
            assert focused.highlighted == highlighted

    run_app(demo_repo, settings, clock, scenario)


def test_tabs_open_by_id_and_switch_with_brackets(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        screen = await open_account(app, pilot, TAILSPIN, tab="contacts")
        assert screen.active_tab == "contacts"
        assert isinstance(app.focused, ContactList)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.active_tab == "activities"
        assert isinstance(app.focused, ActivityList)
        seen = [screen.active_tab]
        for _ in range(len(PLAN_TABS) + 2):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            seen.append(screen.active_tab)
        plan_tabs = [tab_id for tab_id, _, _ in PLAN_TABS]
        assert seen == ["activities", "deals", *plan_tabs, "overview"]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.active_tab == (PLAN_TABS[-1][0] if PLAN_TABS else "deals")
        assert screen.query_one(TabbedContent).active == screen.active_tab

    run_app(demo_repo, settings, clock, scenario)


def test_brackets_typed_faster_than_the_screen_draws_each_move_one_tab(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        screen = await open_account(app, pilot, TAILSPIN, tab="overview")
        # Posted at once, as a terminal delivers a fast typist's keys: no frame between.
        for _ in range(4):
            app.post_message(events.Key("right_square_bracket", "]"))
        for _ in range(4):
            await pilot.pause()
        expected = screen.tab_ids[4]
        assert screen.active_tab == expected
        assert screen.query_one(TabbedContent).active == expected
        focused = app.focused
        assert focused is not None
        assert screen.query_one(f"#{expected}-pane") in focused.ancestors_with_self

    run_app(demo_repo, settings, clock, scenario)


def test_unknown_tab_falls_back_to_the_overview(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        screen = await open_account(app, pilot, TAILSPIN, tab="nonsense")
        assert screen.active_tab == "overview"

    run_app(demo_repo, settings, clock, scenario)


def test_edit_the_account_with_e_then_undo(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        screen = await open_account(app, pilot, TAILSPIN)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, AccountForm)
        await fill(pilot, "name", "")
        await fill(pilot, "cost_to_serve", "lots")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, AccountForm)
        assert error_of(pilot, "name") == "cannot be empty"
        assert "'lots' is not an amount" in error_of(pilot, "cost_to_serve")
        current = demo_repo.account(TAILSPIN)
        assert current is not None and current.name == "Tailspin Airlines"
        await fill(pilot, "name", "Tailspin Air")
        await fill(pilot, "cost_to_serve", "3m")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert top(app) is screen
        saved = demo_repo.account(TAILSPIN)
        assert saved is not None
        assert (saved.name, saved.cost_to_serve) == ("Tailspin Air", 300_000_000)
        assert "Profit €6M (67%)" in str(screen.query_one(AccountSummary).content)
        assert screen.sub_title == "Tailspin Air"

        demo_repo.undo()
        await pilot.pause()
        restored = demo_repo.account(TAILSPIN)
        assert restored is not None and restored.name == "Tailspin Airlines"
        assert screen.sub_title == "Tailspin Airlines"
        assert "Profit €7.5M (83%)" in str(screen.query_one(AccountSummary).content)

    run_app(demo_repo, settings, clock, scenario)


def test_add_edit_and_delete_a_stakeholder(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    before = {contact.id for contact in demo_repo.children(Contact, TAILSPIN)}

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        screen = await open_account(app, pilot, TAILSPIN, tab="contacts")
        assert tree_names(screen) == ["Ben Khan", "├─ Ben Novak", "└─ Jonas Tanaka"]

        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        await fill(pilot, "name", "Rosa Diaz")
        await fill(pilot, "email", "rosa-at-tailspin")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ContactForm)
        assert error_of(pilot, "email") == "'rosa-at-tailspin' is not an e-mail address"
        assert {c.id for c in demo_repo.children(Contact, TAILSPIN)} == before
        await fill(pilot, "email", "rosa@tailspin.example")
        await fill(pilot, "title", "Head of IT")
        await choose(pilot, "level", "management")
        await choose(pilot, "stance", "champion")
        await choose(pilot, "reports_to", "Ben Novak")
        await fill(pilot, "owner", "Alice Martin")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert top(app) is screen

        (rosa,) = [c for c in demo_repo.children(Contact, TAILSPIN) if c.id not in before]
        novak = next(c for c in demo_repo.children(Contact, TAILSPIN) if c.name == "Ben Novak")
        assert (rosa.name, rosa.title, rosa.email) == (
            "Rosa Diaz",
            "Head of IT",
            "rosa@tailspin.example",
        )
        assert (rosa.level, rosa.stance, rosa.owner) == ("management", "champion", "Alice Martin")
        assert rosa.reports_to == novak.id
        assert tree_names(screen) == [
            "Ben Khan",
            "├─ Ben Novak",
            "│  └─ Rosa Diaz",
            "└─ Jonas Tanaka",
        ]
        contact_list = screen.query_one(ContactList)
        assert contact_list.highlighted_contact == rosa
        assert "Single-threaded" not in str(
            screen.query_one("#stakeholder-warnings", Static).content
        )

        # Edit Ben Novak: the form offers neither himself nor Rosa (his report) as boss.
        await pilot.press("k")
        assert contact_list.highlighted_contact == novak
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        bosses = app.screen.query_one("#field-reports_to", Select)
        offered = [str(label) for label, _ in bosses._options]
        assert offered == ["(nobody)", "Ben Khan, CEO", "Jonas Tanaka, Lead Engineer"]
        await choose(pilot, "buying_role", "champion")
        await pilot.press("ctrl+s")
        await pilot.pause()
        edited = demo_repo.get(Contact, novak.id)
        assert edited is not None and edited.buying_role == "champion"

        # Delete him: asks first, then Rosa reports to nobody.
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert demo_repo.get(Contact, novak.id) is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert demo_repo.get(Contact, novak.id) is None
        orphan = demo_repo.get(Contact, rosa.id)
        assert orphan is not None and orphan.reports_to is None
        assert tree_names(screen) == ["Ben Khan", "└─ Jonas Tanaka", "Rosa Diaz"]

        await pilot.press("u")
        await pilot.pause()
        assert demo_repo.get(Contact, novak.id) == edited
        back = demo_repo.get(Contact, rosa.id)
        assert back is not None and back.reports_to == novak.id
        assert tree_names(screen)[2] == "│  └─ Rosa Diaz"

    run_app(demo_repo, settings, clock, scenario, size=(120, 40))


def test_stakeholder_warnings_are_shown_above_the_tree(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        screen = await open_account(app, pilot, 2, tab="contacts")
        warnings = str(screen.query_one("#stakeholder-warnings", Static).content)
        assert "No decision maker is known" in warnings
        assert "No executive-level contact" in warnings
        assert "runs through Bruno Keller" in warnings
        await pilot.press("escape")
        await pilot.pause()
        screen = await open_account(app, pilot, 1, tab="contacts")
        warnings = str(screen.query_one("#stakeholder-warnings", Static).content)
        assert "decision maker" not in warnings
        assert "executive" not in warnings

    run_app(demo_repo, settings, clock, scenario)


def test_log_an_activity_from_the_overview_and_delete_it(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    account = demo_repo.account(TAILSPIN)
    assert account is not None
    old_last_contact = account.last_contact
    today = clock().date()
    contacts = {contact.name: contact.id for contact in demo_repo.children(Contact, TAILSPIN)}

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        screen = await open_account(app, pilot, TAILSPIN)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActivityForm)
        assert app.screen.query_one("#field-day", Input).value == today.isoformat()
        await fill(pilot, "day", "2026-02-30")
        await fill(pilot, "satisfaction", "12")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ActivityForm)
        assert error_of(pilot, "day") == "2026-02-30 is not a day of the calendar"
        assert error_of(pilot, "satisfaction") == "must be from 0 to 10, not 12"
        assert error_of(pilot, "summary") == "cannot be empty"
        assert len(demo_repo.children(Activity, TAILSPIN)) == 6

        await fill(pilot, "day", today.isoformat())
        await fill(pilot, "satisfaction", "9")
        await choose(pilot, "kind", "visit")
        app.screen.query_one("#field-summary").focus()
        await pilot.press(*"Site visit with the CEO")
        people: SelectionList[int] = app.screen.query_one("#field-contact_ids", SelectionList)
        people.focus()
        await pilot.press("home", "space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert top(app) is screen

        activities = demo_repo.children(Activity, TAILSPIN)
        assert len(activities) == 7
        logged = max(activities, key=lambda item: item.id)
        assert (logged.kind, logged.day, logged.summary, logged.satisfaction) == (
            "visit",
            today,
            "Site visit with the CEO",
            9,
        )
        assert logged.contact_ids == (contacts["Ben Khan"],)
        updated = demo_repo.account(TAILSPIN)
        assert updated is not None
        assert (updated.last_contact, updated.satisfaction) == (today, 9)
        assert "overdue" not in str(screen.query_one(AccountSummary).content)

        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert screen.active_tab == "activities"
        timeline = screen.query_one(ActivityList)
        assert timeline.highlighted_activity == logged
        ordered = [timeline.get_option_at_index(i).id for i in range(timeline.option_count)]
        assert ordered[0] == f"activity-{logged.id}"
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert demo_repo.get(Activity, logged.id) is None
        after = demo_repo.account(TAILSPIN)
        assert after is not None and after.last_contact == old_last_contact

    run_app(demo_repo, settings, clock, scenario)


def test_undoing_the_creation_of_the_account_closes_its_screen(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    created = demo_repo.save(Account(name="Brief Ltd", status="Won", lifecycle="New"))

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        board = app.screen
        await open_account(app, pilot, created.id)
        demo_repo.undo()
        await pilot.pause()
        await pilot.pause()
        assert app.screen is board
        messages = [notification.message for notification in app._notifications]
        assert any("no longer exists" in message for message in messages)

    run_app(demo_repo, settings, clock, scenario)
    assert demo_repo.account(created.id) is None


def test_read_only_store_refuses_changes_with_a_notification(
    demo_repo: Repository, settings: Settings, clock: Clock, store_path: Path, schema: Schema
) -> None:
    demo_repo.wait_saved(10)
    read_only = Repository.open(store_path, schema, clock=clock, read_only=True)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        screen = await open_account(app, pilot, TAILSPIN, tab="contacts")
        for key in ("e", "a", "n", "d"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen, f"{key} opened a dialog on a read-only store"
        refusals = [
            notification.message
            for notification in app._notifications
            if notification.title == "Read-only"
        ]
        assert len(refusals) == 4
        assert refusals[0] == "Nothing can be changed: opened with --read-only."

    try:
        run_app(read_only, settings, clock, scenario)
    finally:
        read_only.close()


def test_first_stakeholder_and_first_activity_of_a_new_account(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    created = demo_repo.save(Account(name="Fresh Ltd", status="Contacted", lifecycle="New"))
    assert created.last_contact is None

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        screen = await open_account(app, pilot, created.id, tab="contacts")
        assert screen.query_one("#stakeholder-empty", Static).display
        assert "Last contact never" in str(screen.query_one(AccountSummary).content)
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, "name", "Ada Byron")
        await choose(pilot, "buying_role", "decision maker")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (ada,) = demo_repo.children(Contact, created.id)
        assert (ada.name, ada.buying_role, ada.reports_to) == ("Ada Byron", "decision maker", None)
        assert tree_names(screen) == ["Ada Byron"]
        warnings = str(screen.query_one("#stakeholder-warnings", Static).content)
        assert "decision maker" not in warnings
        assert "No relationship has an owner" in warnings

        # `a` works from any tab: here from the stakeholder map. The form starts in the
        # summary: typing at once fills it.
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActivityForm)
        await pilot.press(*"Intro call")
        app.screen.query_one("#field-contact_ids").focus()
        await pilot.press("home", "space", "ctrl+s")
        await pilot.pause()
        assert top(app) is screen
        assert screen.active_tab == "contacts"

    run_app(demo_repo, settings, clock, scenario)
    account = demo_repo.account(created.id)
    assert account is not None and account.last_contact == clock().date()
    (activity,) = demo_repo.children(Activity, created.id)
    assert (activity.kind, activity.summary, activity.contact_ids) == (
        "call",
        "Intro call",
        (ada_id(demo_repo, created.id),),
    )


def ada_id(repo: Repository, account_id: int) -> int:
    """The id of the one contact of a fresh account."""
    (contact,) = repo.children(Contact, account_id)
    return contact.id


def test_the_overview_shows_the_health_score_and_follows_a_logged_contact(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    """The health section scores the account from its components; logging a contact
    rated 10 today lifts the contact and satisfaction parts, and the score with them."""

    def overview_text(screen: AccountScreen) -> str:
        return "\n".join(
            str(static.content) for static in screen.query(".overview-column").results(Static)
        )

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        screen = await open_account(app, pilot, TAILSPIN)
        before = overview_text(screen)
        assert "Health" in before and "Stakeholders" in before
        score_before = int(before.split("Score")[1].split("of 100")[0])
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, "satisfaction", "10")
        app.screen.query_one("#field-summary").focus()
        await pilot.press(*"Call")
        await pilot.press("ctrl+s")
        await pilot.pause()
        after = overview_text(screen)
        assert "score 10/10" in after
        assert "0 days since last contact" in after
        score_after = int(after.split("Score")[1].split("of 100")[0])
        assert score_after > score_before

    run_app(demo_repo, settings, clock, scenario)


def test_edit_an_activity_moves_last_contact_and_satisfaction_as_one_change(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    by_day = sorted(demo_repo.children(Activity, TAILSPIN), key=lambda item: item.day or clock())
    newest, second = by_day[-1], by_day[-2]
    assert newest.day is not None and second.day is not None
    assert (newest.satisfaction, second.satisfaction) == (4, 3)
    account = demo_repo.account(TAILSPIN)
    assert account is not None and account.last_contact == newest.day

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        screen = await open_account(app, pilot, TAILSPIN, tab="activities")
        timeline = screen.query_one(ActivityList)
        assert app.focused is timeline and timeline.highlighted_activity == newest
        revision = demo_repo.revision
        await pilot.press("e")
        assert isinstance(app.screen, ActivityForm)
        assert app.screen.query_one("#field-summary", TextArea).text == newest.summary
        await fill(pilot, "satisfaction", "9")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert top(app) is screen
        assert demo_repo.revision == revision + 1
        edited = demo_repo.get(Activity, newest.id)
        assert edited is not None and edited.satisfaction == 9
        updated = demo_repo.account(TAILSPIN)
        assert updated is not None and (updated.last_contact, updated.satisfaction) == (
            newest.day,
            9,
        )
        # enter edits too; moving the day before the second newest moves the last contact
        await pilot.press("enter")
        assert isinstance(app.screen, ActivityForm)
        await fill(pilot, "day", "2026-01-02")
        await pilot.press("ctrl+s")
        await pilot.pause()
        updated = demo_repo.account(TAILSPIN)
        assert updated is not None and (updated.last_contact, updated.satisfaction) == (
            second.day,
            3,
        )
        assert len(demo_repo.children(Activity, TAILSPIN)) == len(by_day)
        await pilot.press("u")
        await pilot.pause()
        updated = demo_repo.account(TAILSPIN)
        assert updated is not None and (updated.last_contact, updated.satisfaction) == (
            newest.day,
            9,
        )
        # a status-history entry is not editable: e is dimmed and edits nothing
        timeline.focus()
        history = next(
            index
            for index in range(timeline.option_count)
            if timeline.get_option_at_index(index).id.startswith("status-change-")  # type: ignore[union-attr]
        )
        timeline.highlighted = history
        await pilot.pause()
        bindings = screen.active_bindings
        assert bindings["e"].binding.id == "activity-edit" and not bindings["e"].enabled
        revision = demo_repo.revision
        await pilot.press("e")
        await pilot.pause()
        assert top(app) is screen and demo_repo.revision == revision

    run_app(demo_repo, settings, clock, scenario)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "nord", "gruvbox", "ansi-dark"])
def test_the_focused_form_field_stands_out_in_every_theme(
    demo_repo: Repository, settings: Settings, clock: Clock, theme: str
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        app.theme = theme
        await open_account(app, pilot, TAILSPIN)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActivityForm)

        def looks(field: str) -> tuple[bool, str]:
            row = form.row(field)
            label = row.query_one(".field-label", Label)
            editor = row.editor
            target = editor.query_one(SelectCurrent) if isinstance(editor, Select) else editor
            return bool(label.rich_style.bold), str(target.styles.background)

        for field, away in (("summary", "day"), ("day", "summary"), ("kind", "summary")):
            form.row(field).editor.focus()
            await pilot.pause()
            focused, other = looks(field), looks(away)
            assert focused[0] and not other[0], f"{field}: label not bold"
            assert focused[1] != other[1], f"{field}: background like the other fields"

    run_app(demo_repo, settings, clock, scenario)
