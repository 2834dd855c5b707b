"""The footer: the most important keys first, "? more" when some do not fit, none cut."""

from __future__ import annotations

from kam_testing import run_app
from textual.pilot import Pilot

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp
from kam_tui.ui.shell.footer import FOOTER_ORDER, OTHER_KEYS, KamFooter, footer_rank
from kam_tui.ui.shell.help import HelpScreen

PALETTE = "▏^p Commands "


def footer_line(app: KamApp) -> str:
    """The footer of the showing screen, as text."""
    return app.screen.query_one(KamFooter).render_line(0).text


def test_a_binding_id_the_order_does_not_name_stands_with_the_others() -> None:
    others = FOOTER_ORDER.index(OTHER_KEYS)
    assert footer_rank("a-key-nobody-ranked") == others
    assert footer_rank("open-account") < others < footer_rank("undo")
    assert footer_rank("help") == len(FOOTER_ORDER) - 1, "the help key comes last"


def test_the_pipeline_at_80_columns_shows_its_first_keys_then_more(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    lines: list[str] = []

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        lines.append(footer_line(app))
        await pilot.press("slash", "a", "enter")
        await pilot.pause()
        lines.append(footer_line(app))

    run_app(demo_repo, settings, clock, scenario, size=(80, 24))
    plain, filtered = lines
    assert len(plain) == 80
    assert plain == (
        " ⏎ Open  H Move left  L Move right  n New  e Edit  / Filter  ? more" + PALETTE
    )
    # With a filter on, the way back to everything comes first, and pushes keys out whole.
    assert filtered.startswith(" esc Show all  ⏎ Open  H Move left  L Move right  n New ")
    assert filtered.split("▏")[0].rstrip().endswith(" n New  ? more")
    assert "/ Filter" not in filtered and "/ F" not in filtered


def test_the_pipeline_at_120_columns_shows_more_keys_in_order(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    lines: list[str] = []

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        lines.append(footer_line(app))

    run_app(demo_repo, settings, clock, scenario, size=(120, 40))
    assert lines == [
        " ⏎ Open  H Move left  L Move right  n New  e Edit  / Filter  m Move to  s Sort"
        "  o Overdue  f Filter  ? more" + PALETTE
    ]


def test_a_view_whose_keys_all_fit_says_help_not_more(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    lines: list[str] = []

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("3")
        await pilot.pause()
        lines.append(footer_line(app))

    run_app(demo_repo, settings, clock, scenario, size=(80, 24))
    (table,) = lines
    assert table.startswith(" ⏎ Open  e Edit  / Filter  s Sort  u Undo  q Quit  ? Help ")
    assert "more" not in table


def test_every_key_shown_is_whole_at_every_width(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        footer = app.screen.query_one(KamFooter)
        offered = {f" {key.display} {key.description} " for key in footer.keys}
        offered.add(" ? more ")
        for width in range(40, 140, 3):
            room = width - len(PALETTE)
            shown = footer.fitting(room)
            drawn = "".join(f" {key.display} {description} " for key, description in shown)
            assert len(drawn) - 1 <= room, width
            for key, description in shown:
                assert f" {key.display} {description} " in offered
            if len(shown) < len(footer.keys):
                assert shown[-1][1] == "more", width

    run_app(demo_repo, settings, clock, scenario, size=(80, 24))


def test_a_click_on_more_opens_the_help_with_every_key(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        line = footer_line(app)
        await pilot.click(KamFooter, offset=(line.index("? more") + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = {entry.ids for section in app.screen.sections for entry in section.entries}
        assert {"filter-overdue", "cycle-sort", "filter-board", "undo", "quit"} <= listed

    run_app(demo_repo, settings, clock, scenario, size=(80, 24))
