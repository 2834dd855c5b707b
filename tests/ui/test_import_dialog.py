"""The palette's Import…: the Salesforce sample previewed and imported as one undoable change,
a cancelled preview, files with problems, paths that are wrong, a read-only store."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from kam_testing import run_app
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Account, Contact, Deal, ImportLink, StatusChange
from kam_tui.services import Workspace
from kam_tui.services.importing import ImportPlan, apply_import, plan_import
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp
from kam_tui.ui.importing.dialog import ImportDialog
from kam_tui.ui.shell.views import ViewScreen

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "salesforce-devorg"
"""The real Salesforce export kept with the tests: 18 accounts, 25 contacts, 36 deals, 48
stage-history rows (Lead.csv and OpportunityHistoryGroup.csv are not imported)."""
ACCOUNT_HEADER = (SAMPLE / "Account.csv").read_text(encoding="utf-8").splitlines()[0] + "\r\n"
"""The header line of a Salesforce Account export (17 columns, AnnualRevenue the 12th)."""


def account_row(source_id: str, name: str, revenue: str) -> str:
    """One line of an Account export."""
    return f"{source_id},FALSE,{name},,,Austin,TX,,,,Food,{revenue},10,Public,Hot,,Yes\r\n"


def counts(repo: Repository) -> tuple[int, int, int, int, int]:
    """(accounts, contacts, deals, deal stage-history entries, import links) in the store
    (an imported account's own status and list entries are not counted)."""
    deal_history = [entry for entry in repo.all(StatusChange) if entry.reason.startswith("deal ")]
    return (
        repo.count(Account),
        repo.count(Contact),
        repo.count(Deal),
        len(deal_history),
        repo.count(ImportLink),
    )


async def open_import(app: KamApp, pilot: Pilot[None]) -> ImportDialog:
    """Open Import… from the command palette."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    # The whole name: "Import" alone ranks the demo's Wide World Importers first.
    palette.query_one(Input).value = "Import…"
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, ImportDialog)
    return dialog


async def preview(app: KamApp, pilot: Pilot[None], dialog: ImportDialog, typed: str) -> None:
    """Type `typed` over the path offered and press enter; wait for the preview."""
    path = dialog.query_one("#import-path", Input)
    assert app.focused is path
    path.value = typed
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


def shown(dialog: ImportDialog) -> str:
    """The preview's text."""
    return dialog.query_one("#import-preview", TextArea).text


def status(dialog: ImportDialog) -> str:
    """The status line under the preview."""
    return str(dialog.query_one("#import-status", Static).content)


def test_the_sample_imports_from_the_palette_as_one_change_that_u_undoes(
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    before = counts(demo_repo)
    notes: list[str] = []

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        dialog = await open_import(app, pilot)
        assert dialog.query_one("#import-path", Input).value == f"{tmp_path}/"
        await preview(app, pilot, dialog, str(SAMPLE))
        text = shown(dialog)
        assert "Account.csv (Salesforce Account): 18 row(s)" in text
        assert "18 to create · 0 to update · 0 unchanged · 0 with problems" in text
        assert "OpportunityHistory.csv (Salesforce OpportunityHistory): 48 row(s)" in text
        assert "left out Lead.csv" in text
        assert "Enter imports 127 new and 0 updated record(s)" in status(dialog)
        assert counts(demo_repo) == before  # the preview writes nothing
        await pilot.press("enter")
        dialog.action_confirm()  # a second enter before the first is applied: ignored
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ViewScreen)
        accounts, contacts, deals, history, _ = before
        assert counts(demo_repo) == (accounts + 18, contacts + 25, deals + 36, history + 48, 127)
        assert "Edge Communications" in {account.name for account in demo_repo.accounts()}
        assert notes[-1].startswith("18 accounts, 25 contacts, 36 deals, 48 stage-history")
        await pilot.press("u")
        await pilot.pause()
        assert counts(demo_repo) == before
        assert "Edge Communications" not in {account.name for account in demo_repo.accounts()}

    run_app(demo_repo, settings, clock, scenario, notes)


def test_the_dialog_shows_it_is_working_while_the_import_is_planned(
    demo_repo: Repository, settings: Settings, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def slow_plan(*args: Any, **options: Any) -> ImportPlan:
        release.wait(10)
        return plan_import(*args, **options)

    monkeypatch.setattr("kam_tui.ui.importing.dialog.plan_import", slow_plan)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        dialog = await open_import(app, pilot)
        dialog.query_one("#import-path", Input).value = str(SAMPLE)
        await pilot.press("enter")
        await pilot.pause()
        assert dialog.query_one("#import-preview").loading
        assert status(dialog) == "Reading 6 file(s)…"
        await pilot.press("x")  # the app still answers keys meanwhile
        assert len(dialog.query_one("#import-path", Input).value) == len(str(SAMPLE)) + 1
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not dialog.query_one("#import-preview").loading
        assert "127 new" in status(dialog)

    run_app(demo_repo, settings, clock, scenario)


def test_a_cancelled_preview_writes_nothing(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    before = counts(demo_repo)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        dialog = await open_import(app, pilot)
        await preview(app, pilot, dialog, str(SAMPLE))
        assert "127 new" in status(dialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ViewScreen)
        assert counts(demo_repo) == before

    run_app(demo_repo, settings, clock, scenario)
    assert counts(demo_repo) == before
    demo_repo.wait_saved(10)
    assert "Edge Communications" not in demo_repo.path.read_text(encoding="utf-8")


def test_a_latin1_file_is_named_and_nothing_can_be_imported(
    demo_repo: Repository, settings: Settings, clock: Clock, tmp_path: Path
) -> None:
    bad = tmp_path / "Account.csv"
    bad.write_bytes((ACCOUNT_HEADER + account_row("001A", "Caf\xe9 Noir", "10")).encode("latin-1"))
    before = counts(demo_repo)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        dialog = await open_import(app, pilot)
        await preview(app, pilot, dialog, str(bad))
        text = shown(dialog)
        assert "Cannot import: 1 file problem(s)" in text
        assert "Account.csv:2: byte" in text and "0xe9" in text
        assert status(dialog).startswith("Nothing can be imported")
        path = dialog.query_one("#import-path", Input)
        assert app.focused is path  # the path is what to change: its keys go on editing it
        await pilot.press("backspace", "backspace", "backspace", "x")
        assert path.value == str(bad)[:-3] + "x"
        path.value = str(bad)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)  # enter imports nothing; still open
        assert "Cannot import: 1 file problem(s)" in shown(dialog)

    run_app(demo_repo, settings, clock, scenario)
    assert counts(demo_repo) == before


def test_a_bad_row_shows_its_problem_and_stops_the_import_until_skipped(
    demo_repo: Repository, settings: Settings, clock: Clock, tmp_path: Path
) -> None:
    rows = account_row("001A", "Good Co", "1000") + account_row("001B", "Bad [b]Co", "[red]lots[/]")
    (tmp_path / "Account.csv").write_text(ACCOUNT_HEADER + rows, encoding="utf-8")
    before = counts(demo_repo)
    notes: list[str] = []

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        dialog = await open_import(app, pilot)
        await preview(app, pilot, dialog, str(tmp_path))
        text = shown(dialog)
        assert "1 to create · 0 to update · 0 unchanged · 1 with problems" in text
        assert "Account.csv:3: AnnualRevenue:" in text and "not '[red]lots[/]'" in text
        assert "1 row(s) with problems stop the import" in status(dialog)
        await pilot.press("enter")
        await pilot.pause()
        assert counts(demo_repo) == before
        await pilot.press("s")
        await pilot.pause()
        assert "1 skipped" in shown(dialog)
        assert "Enter imports 1 new" in status(dialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ViewScreen)

    run_app(demo_repo, settings, clock, scenario, notes)
    assert notes[-1] == (
        "1 account (1 record(s) from 1 file(s)), as one change: u undoes it. "
        "1 row(s) with problems were left out."
    )
    names = {account.name for account in demo_repo.accounts()}
    assert "Good Co" in names and "Bad [b]Co" not in names
    assert demo_repo.count(Account) == before[0] + 1


def test_wrong_paths_and_markup_in_names_are_told_not_crashed_on(
    demo_repo: Repository, settings: Settings, clock: Clock, tmp_path: Path
) -> None:
    empty = tmp_path / "empty [b]folder"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a csv", encoding="utf-8")
    odd = tmp_path / "[b]x[i].csv"
    odd.write_text("a,b\r\n[bold]1[/],\x1b[31m2\r\n", encoding="utf-8")
    before = counts(demo_repo)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        dialog = await open_import(app, pilot)
        await preview(app, pilot, dialog, str(tmp_path / "missing.csv"))
        assert "missing.csv: no such file or folder" in shown(dialog)
        assert status(dialog) == "Nothing to preview: fix the paths."
        await preview(app, pilot, dialog, str(empty))
        assert "empty [b]folder: no .csv file in this folder" in shown(dialog)
        await preview(app, pilot, dialog, f'"{odd}" "unclosed')
        assert status(dialog).startswith("Cannot read the paths:")
        await preview(app, pilot, dialog, str(odd))
        assert "[b]x[i].csv:1: the headers of a Salesforce export" in shown(dialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ViewScreen)

    run_app(demo_repo, settings, clock, scenario)
    assert counts(demo_repo) == before


def test_a_read_only_store_previews_but_does_not_import(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    demo_repo.wait_saved(10)
    reader = Repository.open(demo_repo.path, demo_repo.schema, clock=clock, read_only=True)
    before = counts(reader)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        dialog = await open_import(app, pilot)
        assert status(dialog).startswith("Read-only (opened with --read-only)")
        await preview(app, pilot, dialog, str(SAMPLE))
        assert "18 to create" in shown(dialog)
        assert status(dialog) == (
            "Read-only (opened with --read-only): this import cannot be made."
        )
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)

    run_app(reader, settings, clock, scenario)
    assert counts(reader) == before
    reader.close()


def test_a_second_import_of_the_same_files_has_nothing_to_do(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    workspace = Workspace(demo_repo, settings, clock)
    first = plan_import(workspace, sorted(SAMPLE.glob("*.csv")), settings=settings.importing)
    assert apply_import(workspace, first, "first import").value == 127
    before = counts(demo_repo)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        dialog = await open_import(app, pilot)
        await preview(app, pilot, dialog, str(SAMPLE))
        assert "0 to create · 0 to update · 18 unchanged · 0 with problems" in shown(dialog)
        assert status(dialog) == "Nothing to import: the store already holds all of it."
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)

    run_app(demo_repo, settings, clock, scenario)
    assert counts(demo_repo) == before


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
"""The repository's mapping example: examples/mapping.yaml and the CSV files it maps."""


def test_a_mapping_file_typed_among_the_paths_maps_them(
    demo_repo: Repository, settings: Settings, clock: Clock, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("files:\n  - match: x.csv\n    kind: planets\n", encoding="utf-8")
    before = counts(demo_repo)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        dialog = await open_import(app, pilot)
        folder = EXAMPLES / "mapping"
        await preview(app, pilot, dialog, f"{folder} {broken}")
        assert shown(dialog).startswith(f"cannot use the mapping: {broken}:3:11: files[0].kind:")
        assert status(dialog) == "The import could not be planned."
        await preview(app, pilot, dialog, f"{folder} {broken} {EXAMPLES / 'mapping.yaml'}")
        assert "mapping.yaml: one mapping file per import" in shown(dialog)
        await preview(app, pilot, dialog, f"{folder} {EXAMPLES / 'mapping.yaml'}")
        text = shown(dialog)
        assert "customers.csv (mapping.yaml: accounts): 3 row(s)" in text
        assert "calls.csv (mapping.yaml: activities): 2 row(s)" in text
        assert "Enter imports 12 new" in status(dialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ViewScreen)

    run_app(demo_repo, settings, clock, scenario)
    accounts, contacts, deals, _, _ = counts(demo_repo)
    assert (accounts, contacts, deals) == (before[0] + 3, before[1] + 3, before[2] + 4)
