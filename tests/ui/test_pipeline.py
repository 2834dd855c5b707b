"""The pipeline board driven with real keys, checked in the store."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta

from kam_testing import card_text, column_text
from textual.geometry import Region
from textual.pilot import Pilot
from textual.strip import Strip
from textual.theme import Theme
from textual.widgets import Input

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import CHILD_TYPES, Account
from kam_tui.domain.rules import is_overdue
from kam_tui.store import Repository
from kam_tui.ui.account.account_form import AccountForm
from kam_tui.ui.account.screen import AccountScreen
from kam_tui.ui.app import KamApp
from kam_tui.ui.boards.board import Board
from kam_tui.ui.boards.pipeline import PipelineScreen
from kam_tui.ui.boards.reason_dialog import reason_question
from kam_tui.ui.boards.team import TeamScreen
from kam_tui.ui.forms.confirm import ConfirmDialog
from kam_tui.ui.forms.fields import field_id
from kam_tui.ui.forms.picker import PickerDialog
from kam_tui.ui.shell.footer import KamFooter
from kam_tui.ui.shell.header import KamHeader

Scenario = Callable[[KamApp, Pilot[None], PipelineScreen], Awaitable[None]]


def run_pipeline(
    repo: Repository,
    settings: Settings,
    clock: Clock,
    scenario: Scenario,
    size: tuple[int, int] = (80, 24),
) -> None:
    """Run `scenario` on the pipeline view of a KamApp over `repo`."""

    async def main() -> None:
        app = KamApp(repo, settings, clock)
        app.animation_level = "none"
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, PipelineScreen)
            await scenario(app, pilot, screen)

    asyncio.run(main())


def highlighted_id(board: Board) -> int:
    """The account of the highlighted card of the focused column."""
    card = board.highlighted_card
    assert card is not None
    return card.account.id


def header_text(board: Board, key: str) -> str:
    """The plain text of a column's header."""
    column = board.column(key)
    assert column is not None
    return column.header.plain


def dimmed_footer_keys(screen: PipelineScreen) -> set[str]:
    """The keys the footer draws dimmed (faint: not available here), read from its line."""
    line = screen.query_one(KamFooter).render_line(0)
    # The keys are drawn bold, their descriptions plain.
    return {text.strip() for text, style, _ in line if style and style.dim and style.bold}


def shown_ids(board: Board, key: str) -> list[int]:
    """The accounts a column shows, in order."""
    column = board.column(key)
    assert column is not None
    return [account.id for account in column.accounts]


def test_shift_right_moves_the_card_saves_it_and_u_undoes_it(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    today = clock().date()

    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        board = screen.board
        assert board.focused_column is not None and board.focused_column.key == "Contacted"
        account_id = highlighted_id(board)
        before = demo_repo.account(account_id)
        assert before is not None and before.status_since != today
        assert header_text(board, "Contacted").startswith("Contacted\n● 6 · ")
        assert header_text(board, "Demo provided").startswith("Demo provided\n● 6 · ")

        await pilot.press("shift+right")

        moved = demo_repo.account(account_id)
        assert moved is not None
        assert moved.status == "Demo provided"
        assert moved.status_since == today, "days in status restart"
        assert board.focused_column is not None
        assert board.focused_column.key == "Demo provided", "focus follows the card"
        assert highlighted_id(board) == account_id
        assert account_id not in shown_ids(board, "Contacted")
        assert header_text(board, "Contacted").startswith("Contacted\n● 5 · ")
        assert header_text(board, "Demo provided").startswith("Demo provided\n● 7 · ")

        await pilot.press("u")
        await pilot.pause()

        restored = demo_repo.account(account_id)
        assert restored is not None
        assert restored.status == "Contacted"
        assert restored.status_since == before.status_since
        assert account_id in shown_ids(board, "Contacted")
        assert header_text(board, "Contacted").startswith("Contacted\n● 6 · ")

    run_pipeline(demo_repo, settings, clock, scenario)


def test_L_and_H_move_the_card_right_and_back(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        board = screen.board
        await pilot.press("l", "j")
        account_id = highlighted_id(board)
        assert shown_ids(board, "Demo provided")[1] == account_id
        await pilot.press("L", "L", "escape")  # escape: moved to Won without a reason
        account = demo_repo.account(account_id)
        assert account is not None and account.status == "Won"
        assert highlighted_id(board) == account_id
        await pilot.press("H")
        account = demo_repo.account(account_id)
        assert account is not None and account.status == "Proposal sent"
        assert board.focused_column is not None and board.focused_column.key == "Proposal sent"

    run_pipeline(demo_repo, settings, clock, scenario)


def test_no_move_left_from_the_first_column_nor_right_from_the_last(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        board = screen.board
        first = highlighted_id(board)
        assert not board.check_action("move_card_left", ())
        assert dimmed_footer_keys(screen) == {"H"}
        await pilot.press("H", "shift+left")
        await pilot.press("right")
        assert dimmed_footer_keys(screen) == set()
        await pilot.press("right", "right", "right", "right")
        assert board.focused_column is not None and board.focused_column.key == "Lost"
        last = highlighted_id(board)
        assert not board.check_action("move_card_right", ())
        assert dimmed_footer_keys(screen) == {"L"}
        await pilot.press("L")
        for account_id, status in ((first, "Contacted"), (last, "Lost")):
            account = demo_repo.account(account_id)
            assert account is not None and account.status == status
        assert demo_repo.revision == revision_after_load

    revision_after_load = demo_repo.revision
    run_pipeline(demo_repo, settings, clock, scenario)


def test_the_footer_keys_answer_the_mouse(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        footer = screen.query_one(KamFooter)
        line = footer.render_line(0).text
        # A dimmed key (no column left of the first) only rings the bell.
        await pilot.click(KamFooter, offset=(line.index(" H Move left") + 1, 0))
        assert demo_repo.revision == revision_after_load
        # The mouse on a key lights it and tells what it does.
        new = line.index(" n New") + 1
        await pilot.hover(KamFooter, offset=(new, 0))
        assert footer.tooltip == "Create an account in the focused column"
        lit = footer.render_line(0)
        assert lit.text == line
        backgrounds = {text.strip(): style and style.bgcolor for text, style, _ in lit}
        assert backgrounds["n"] != backgrounds["e"]
        # A click presses it.
        await pilot.click(KamFooter, offset=(new, 0))
        await pilot.pause()
        assert isinstance(app.screen, AccountForm)

    revision_after_load = demo_repo.revision
    run_pipeline(demo_repo, settings, clock, scenario)


def test_a_narrow_terminal_shows_the_columns_that_fit_and_follows_the_cursor(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        board = screen.board
        shown = [column.key for column in board.shown_columns]
        assert shown == ["Contacted", "Demo provided", "Proposal sent"]  # 60 // 16 = 3
        assert all(column.width == 20 for column in board.shown_columns)
        await pilot.press("l", "l", "l")
        assert board.focused_column is not None and board.focused_column.key == "Won"
        assert [column.key for column in board.shown_columns] == [*shown[1:], "Won"]
        # A card moved into a column out of view brings the column into view.
        await pilot.press("L", "escape")  # escape: moved to Lost without a reason
        assert [column.key for column in board.shown_columns][-1] == "Lost"
        moved = highlighted_id(board)
        account = demo_repo.account(moved)
        assert account is not None and account.status == "Lost"
        # Going back left scrolls back a column at a time.
        await pilot.press("h", "h", "h", "h")
        assert [column.key for column in board.shown_columns] == shown
        # A sideways wheel (two notches) scrolls; the cursor goes to the nearest column shown.
        board.scroll_columns(2)
        await pilot.pause()
        assert [column.key for column in board.shown_columns] == ["Proposal sent", "Won", "Lost"]
        assert board.focused_column is not None
        assert board.focused_column.key == "Proposal sent"

    run_pipeline(demo_repo, settings, clock, scenario, size=(60, 24))


def test_m_picks_any_status_by_name_and_escape_cancels(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        board = screen.board
        account_id = highlighted_id(board)
        await pilot.press("m")
        assert isinstance(app.screen, PickerDialog)
        await pilot.press("escape")
        assert not isinstance(app.screen, PickerDialog)
        account = demo_repo.account(account_id)
        assert account is not None and account.status == "Contacted"

        await pilot.press("m", *"wo", "enter", "escape")  # escape: no reason asked for Won
        await pilot.pause()
        account = demo_repo.account(account_id)
        assert account is not None and account.status == "Won"
        assert board.focused_column is not None and board.focused_column.key == "Won"
        assert highlighted_id(board) == account_id

    run_pipeline(demo_repo, settings, clock, scenario)


def test_arrows_and_vim_keys_move_the_highlight(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        board = screen.board
        await pilot.press("l", "j", "j")
        assert highlighted_id(board) == shown_ids(board, "Demo provided")[2]
        current = [column.key for column in board.columns if column.current]
        assert current == ["Demo provided"]
        await pilot.press("k")
        assert highlighted_id(board) == shown_ids(board, "Demo provided")[1]
        await pilot.press("h")
        assert highlighted_id(board) == shown_ids(board, "Contacted")[0]
        await pilot.press("down", "right")
        assert highlighted_id(board) == shown_ids(board, "Demo provided")[1], "kept per column"
        await pilot.press("down", "left", "up")
        assert highlighted_id(board) == shown_ids(board, "Contacted")[0]

    run_pipeline(demo_repo, settings, clock, scenario)


def test_d_deletes_after_confirmation_and_u_brings_it_back_with_its_children(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        board = screen.board
        account_id = highlighted_id(board)
        children = {kind: demo_repo.children(kind, account_id) for kind in CHILD_TYPES}
        assert sum(len(records) for records in children.values()) > 0

        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert demo_repo.account(account_id) is not None

        await pilot.press("d", "y")
        await pilot.pause()
        assert demo_repo.account(account_id) is None
        assert all(not demo_repo.children(kind, account_id) for kind in CHILD_TYPES)
        assert account_id not in shown_ids(board, "Contacted")

        await pilot.press("u")
        await pilot.pause()
        assert demo_repo.account(account_id) is not None
        assert {kind: demo_repo.children(kind, account_id) for kind in CHILD_TYPES} == children
        assert account_id in shown_ids(board, "Contacted")

    run_pipeline(demo_repo, settings, clock, scenario)


def test_o_shows_only_accounts_overdue_for_contact(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    today = clock().date()
    cadence = settings.schema.default_cadence_days

    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        board = screen.board
        every = [i for key in board.keys for i in shown_ids(board, key)]
        await pilot.press("o")
        shown = [i for key in board.keys for i in shown_ids(board, key)]
        overdue = [a.id for a in demo_repo.accounts() if is_overdue(a, today, cadence)]
        assert 0 < len(shown) < len(every)
        assert sorted(shown) == sorted(overdue)
        assert "overdue only" in str(screen.sub_title)
        await pilot.press("o")
        assert sorted(i for key in board.keys for i in shown_ids(board, key)) == sorted(every)

    run_pipeline(demo_repo, settings, clock, scenario)


def test_filter_text_matches_name_industry_assignee_and_tags(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    def shown(board: Board) -> set[str]:
        names = set()
        for key in board.keys:
            column = board.column(key)
            assert column is not None
            names |= {account.name for account in column.accounts}
        return names

    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        board = screen.board
        screen.apply_filter("winery")
        assert shown(board) == {"Coho Winery"}
        screen.apply_filter("food & bev")
        assert shown(board) == {"Coho Winery", "VanArsdel Foods", "Fourth Coffee"}
        screen.apply_filter("priority")
        assert shown(board) == {a.name for a in demo_repo.accounts() if a.key_account}
        screen.apply_filter("dev pat")
        assert shown(board) == {a.name for a in demo_repo.accounts() if a.assignee == "Dev Patel"}
        screen.apply_filter("")
        assert len(shown(board)) == len(demo_repo.accounts())

    run_pipeline(demo_repo, settings, clock, scenario)


def test_n_creates_an_account_in_the_focused_column(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        await pilot.press("l", "l", "n")
        assert isinstance(app.screen, AccountForm)
        name = app.screen.query_one("#" + field_id("name"), Input)
        name.focus()
        await pilot.press(*"Initech", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen)
        (created,) = [a for a in demo_repo.accounts() if a.name == "Initech"]
        assert created.status == "Proposal sent"
        assert highlighted_id(screen.board) == created.id

    run_pipeline(demo_repo, settings, clock, scenario)


def test_e_edits_the_highlighted_account(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        account_id = highlighted_id(screen.board)
        await pilot.press("e")
        assert isinstance(app.screen, AccountForm)
        name = app.screen.query_one("#" + field_id("name"), Input)
        name.focus()
        await pilot.press("end", "ctrl+u", *"Aardvark Works", "ctrl+s")
        await pilot.pause()
        account = demo_repo.account(account_id)
        assert account is not None and account.name == "Aardvark Works"
        assert highlighted_id(screen.board) == account_id

    run_pipeline(demo_repo, settings, clock, scenario)


def test_refresh_keeps_the_highlight_and_focus_account_finds_a_card(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        board = screen.board
        await pilot.press("j", "j")
        account_id = highlighted_id(board)
        first = demo_repo.account(shown_ids(board, "Contacted")[0])
        assert first is not None
        demo_repo.save(replace(first, status="Won"))
        screen.refresh_data()
        await pilot.pause()
        assert highlighted_id(board) == account_id, "the highlight stays on the same account"
        assert first.id in shown_ids(board, "Won")

        target = shown_ids(board, "Lost")[3]
        screen.focus_account(target)
        await pilot.pause()
        assert board.focused_column is not None and board.focused_column.key == "Lost"
        assert highlighted_id(board) == target

    run_pipeline(demo_repo, settings, clock, scenario)


def test_days_in_status_shown_on_the_card(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    today = clock().date()

    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        board = screen.board
        card, column = board.highlighted_card, board.focused_column
        assert card is not None and column is not None and column.cursor is not None
        assert card.account.status_since is not None
        days = (today - card.account.status_since).days
        assert f" {days}d" in card_text(column, column.cursor)
        await pilot.press("L")
        card, column = board.highlighted_card, board.focused_column
        assert card is not None and column is not None and column.cursor is not None
        assert " 0d" in card_text(column, column.cursor)
        assert card.account.status_since == today

    run_pipeline(demo_repo, settings, clock, scenario)


def test_a_new_day_counts_days_in_status_from_the_new_date(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    now = [clock()]

    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        board = screen.board
        column = board.focused_column
        assert column is not None and column.cursor is not None
        account = column.accounts[column.cursor]
        assert account.status_since is not None
        days = (now[0].date() - account.status_since).days
        assert f" {days}d" in card_text(column, column.cursor)
        now[0] += timedelta(days=1)  # midnight passes while another view shows
        await pilot.press("2", "1")
        assert app.screen is screen and board.focused_column is column
        assert f" {days + 1}d" in card_text(column, column.cursor)

    run_pipeline(demo_repo, settings, lambda: now[0], scenario)


def test_a_long_column_scrolls_to_keep_the_highlighted_card_in_view(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    with demo_repo.change("Add many accounts") as change:
        for number in range(60):
            change.save(Account(name=f"Won {number:02}", status="Won", lifecycle="Existing"))

    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        board = screen.board
        column = board.column("Won")
        assert column is not None
        every = sorted(
            (a for a in demo_repo.accounts() if a.status == "Won"), key=lambda a: a.name.casefold()
        )
        assert len(every) == 66
        assert shown_ids(board, "Won") == [a.id for a in every], "the column holds every card"
        assert header_text(board, "Won").startswith("Won\n● 66 · ")
        visible = column.visible_cards
        assert visible < 66

        await pilot.press("l", "l", "l", "end")
        assert highlighted_id(board) == every[-1].id
        assert column.top == 66 - visible, "scrolled down to the last card"
        shown = "\n".join(column_text(column))
        assert every[-1].name[:8] in shown and every[0].name[:8] not in shown

        await pilot.press("home")
        assert highlighted_id(board) == every[0].id and column.top == 0
        await pilot.press("pagedown")
        assert highlighted_id(board) == every[visible].id
        assert every[visible].name[:8] in "\n".join(column_text(column))
        await pilot.press("k")
        assert highlighted_id(board) == every[visible - 1].id

        proposal = next(a for a in demo_repo.accounts() if a.status == "Proposal sent")
        renamed = demo_repo.save(replace(proposal, name="Zzz Last"))
        screen.refresh_data()
        screen.focus_account(renamed.id)
        await pilot.pause()
        assert board.focused_column is not None
        assert board.focused_column.key == "Proposal sent"
        await pilot.press("L", "escape")  # escape: moved to Won without a reason
        stored = demo_repo.account(renamed.id)
        assert stored is not None and stored.status == "Won"
        assert board.focused_column.key == "Won"
        assert highlighted_id(board) == renamed.id, "the focus follows it to the end"
        assert "Zzz Last" in "\n".join(column_text(column))
        assert header_text(board, "Won").startswith("Won\n● 67 · ")

    run_pipeline(demo_repo, settings, clock, scenario)


def test_enter_opens_the_account_and_escape_comes_back_to_the_same_card(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        await pilot.press("l", "j", "j")
        account_id = highlighted_id(screen.board)
        await pilot.press("enter")
        await pilot.pause()
        opened = app.screen
        assert isinstance(opened, AccountScreen)
        assert opened.account_id == account_id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert highlighted_id(screen.board) == account_id
        assert app.focused is screen.board
        assert screen.board.focused_column is screen.board.column("Demo provided")

    run_pipeline(demo_repo, settings, clock, scenario)


def test_a_click_highlights_a_card_and_a_second_click_opens_it(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        board = screen.board
        column = board.column("Won")
        assert column is not None
        second = column.accounts[1]
        # Below the header and the first card: the second card's last line.
        y = column.header_lines + 2 * column.card_height - 1
        assert await pilot.click(Board, offset=(column.x + 3, y))
        assert board.focused_column is column
        assert highlighted_id(board) == second.id
        assert app.focused is board
        assert await pilot.click(Board, offset=(column.x + 3, y))
        await pilot.pause()
        opened = app.screen
        assert isinstance(opened, AccountScreen) and opened.account_id == second.id

    run_pipeline(demo_repo, settings, clock, scenario)


def first_cell_background(strip: Strip) -> object:
    segment = next(iter(strip))
    assert segment.style is not None
    return segment.style.bgcolor


def test_the_cursor_card_follows_the_focus_and_every_card_the_theme(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    def looks(board: Board) -> tuple[object, object, object]:
        """The background of the cursor card's first line, of the card below it and of
        the column's header, as the board draws them now."""
        column = board.focused_column
        assert column is not None and column.cursor is not None
        y = column.header_lines + (column.cursor - column.top) * column.card_height
        cursor = board.render_lines(Region(0, y, board.size.width, 1))[0]
        below = board.render_lines(Region(0, y + column.card_height, board.size.width, 1))[0]
        header = board.render_lines(Region(0, 0, board.size.width, 1))[0]
        return (
            first_cell_background(cursor.crop(column.x + 1, column.x + 2)),
            first_cell_background(below.crop(column.x + 1, column.x + 2)),
            first_cell_background(header.crop(column.x + 1, column.x + 2)),
        )

    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        board = screen.board
        focused = looks(board)
        assert focused[0] != focused[1]
        board.blur()
        await pilot.pause()
        blurred = looks(board)
        assert blurred[0] != focused[0] and blurred[1:] == focused[1:]
        board.focus()
        await pilot.pause()
        assert looks(board) == focused
        # Two themes alike but for their accent colours: the same background.
        for name, primary in (("kam-test-blue", "#2060C0"), ("kam-test-red", "#C02020")):
            app.register_theme(Theme(name, primary=primary, background="#202020"))
        app.theme = "kam-test-blue"
        await pilot.pause()
        blue = looks(board)
        app.theme = "kam-test-red"
        await pilot.pause()
        red = looks(board)
        assert red[0] != blue[0] and red[2] != blue[2]

    run_pipeline(demo_repo, settings, clock, scenario)


def test_the_reason_is_asked_on_the_statuses_the_config_names_won_and_lost() -> None:
    """The statuses numbers.won_status and lost_status name (the ones the Portfolio's
    turnaround counts) ask why, in any case; a status merely called Won then does not."""
    assert reason_question(" signed ", "Signed", "Dropped") == "Why was it won?"
    assert reason_question("DROPPED", "Signed", "Dropped") == "Why was it lost?"
    assert reason_question("Won", "Signed", "Dropped") is None
    assert reason_question("Lost", "Won", "Lost") == "Why was it lost?"


def test_escape_on_a_filtered_board_clears_marks_first_then_every_filter(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    def shown(board: Board) -> list[int]:
        return sorted(i for key in board.keys for i in shown_ids(board, key))

    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        board = screen.board
        every = shown(board)
        await pilot.press("slash", *"a", "enter", "o")
        await pilot.pause()
        assert 0 < len(shown(board)) < len(every)
        # One escape clears the typed filter and `o` at once.
        await pilot.press("escape")
        await pilot.pause()
        assert shown(board) == every
        assert screen.query_one(KamHeader).filter_text == ""
        assert not screen.account_filter.active
        assert "filter" not in str(screen.sub_title)
        # Nothing left to clear: escape is not offered in the footer.
        assert "clear_view_filter" not in {key.action for key in screen.query_one(KamFooter).keys}
        # On the team board, where cards can be marked, the first escape unmarks them.
        await pilot.press("4", "slash", *"a", "enter", "space")
        await pilot.pause()
        team = app.screen
        assert isinstance(team, TeamScreen)
        filtered = shown(team.board)
        assert team.board.marked
        assert 0 < len(filtered) < len(every)
        await pilot.press("escape")
        await pilot.pause()
        assert not team.board.marked
        assert shown(team.board) == filtered
        await pilot.press("escape")
        await pilot.pause()
        assert shown(team.board) == every

    run_pipeline(demo_repo, settings, clock, scenario)


def test_the_help_of_a_board_says_what_the_cards_and_headers_show(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    from kam_tui.ui.shell.help import LEGEND_TITLE, HelpScreen

    legends: dict[str, list[tuple[str, str]]] = {}

    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        for view in ("1", "4", "3"):
            await pilot.press(view, "question_mark")
            await pilot.pause()
            help_screen = app.screen
            assert isinstance(help_screen, HelpScreen)
            sections = {section.title: section for section in help_screen.sections}
            legend = sections.get(LEGEND_TITLE)
            legends[view] = (
                []
                if legend is None
                else [(entry.keys, entry.description) for entry in legend.entries]
            )
            await pilot.press("escape")

    run_pipeline(demo_repo, settings, clock, scenario)
    assert legends["1"] == [
        ("★", "Key account"),
        ("!", "Overdue for contact"),
        ("€4.8M", "Annual revenue"),
        ("57d", "Days in status"),
        ("Alice M.", "Assignee"),
        ("● 6 · €60.4M", "Column: accounts · revenue"),
    ]
    team = dict(legends["4"])
    assert team["✓"] == "Marked"
    assert team["Contacted"] == "Pipeline status"
    assert (team["3★"], team["12 open"], team["3!"]) == (
        "Key accounts",
        "Open actions",
        "Overdue accounts",
    )
    assert legends["3"] == [], "the table has no cards to explain"
