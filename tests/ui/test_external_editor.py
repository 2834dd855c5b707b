"""Long text edited in $VISUAL/$EDITOR from a form: ctrl+o, the app suspended, the text back."""

from __future__ import annotations

import contextlib
import json
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from kam_testing import PaneHost, PlanPaneScreen, run_app, synchronous
from textual.app import App, ComposeResult
from textual.drivers.headless_driver import HeadlessDriver
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.fields import MAX_TEXT
from kam_tui.domain.models import Action, SwotItem
from kam_tui.store import Repository
from kam_tui.ui.account.account_form import AccountForm
from kam_tui.ui.app import KamApp
from kam_tui.ui.external_editor import (
    CANNOT_SUSPEND,
    NO_EDITOR,
    edit_in_editor,
    editor_command,
    file_name,
    without_final_newline,
)
from kam_tui.ui.forms.dialog import FormDialog
from kam_tui.ui.forms.fields import field_id
from kam_tui.ui.plan.forms import ActionForm
from kam_tui.ui.plan.objectives import PlanPane
from kam_tui.ui.plan.swot import SwotPane
from kam_tui.ui.plan.swot_item import SwotItemDialog
from kam_tui.ui.shell.help import FORMS_TITLE, HelpScreen, KeyTable

TAILSPIN = 4
"""A demo account (see tests/ui/test_account.py)."""
ACCOUNT = 3
"""A demo account with actions."""

EDITOR_SCRIPT = """\
import json, os, stat, sys
path = sys.argv[-1]
with open(path, encoding="utf-8") as file:
    before = file.read()
mode = stat.S_IMODE(os.stat(path).st_mode)
folder = stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode)
with open({seen!r}, "w", encoding="utf-8") as file:
    json.dump({{"argv": sys.argv[1:], "before": before, "mode": mode, "folder": folder}}, file)
{action}
"""


def fake_editor(tmp_path: Path, name: str, action: str) -> tuple[str, Path]:
    """A small editor script (the command to set as $EDITOR, and the file where it notes
    what it was given): it records its arguments and the file, then runs `action`, Python
    with `path` the file to edit."""
    seen = tmp_path / f"{name}.json"
    script = tmp_path / f"{name}.py"
    script.write_text(EDITOR_SCRIPT.format(seen=str(seen), action=action), encoding="utf-8")
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}", seen


def rewrites_to(text: str) -> str:
    """An editor action that replaces the file's text with `text` and a final newline."""
    return f"open(path, 'w', encoding='utf-8').write({text!r} + '\\n')"


@pytest.fixture
def suspendable(monkeypatch: pytest.MonkeyPatch) -> None:
    """The headless driver made to answer as a terminal's does (it can be suspended), so the
    app's real App.suspend path runs in the Pilot."""
    monkeypatch.setattr(HeadlessDriver, "can_suspend", property(lambda _self: True))
    monkeypatch.setattr(HeadlessDriver, "suspend_application_mode", lambda _self: None)
    monkeypatch.setattr(HeadlessDriver, "resume_application_mode", lambda _self: None)


@pytest.fixture
def no_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither editor variable is set."""
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)


def messages(app: KamApp | PaneHost) -> list[str]:
    return [notification.message for notification in app._notifications]


async def open_notes(app: KamApp, pilot: Pilot[None]) -> TextArea:
    """The account form of Tailspin, its notes focused."""
    app.open_account(TAILSPIN)
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, AccountForm)
    notes = app.screen.query_one("#" + field_id("notes"), TextArea)
    notes.focus()
    await pilot.pause()
    return notes


class PaneScreen(PlanPaneScreen):
    """The plan pane alone, as the account screen shows it in its tab."""

    def compose(self) -> ComposeResult:
        yield PlanPane(account_id=ACCOUNT, id="plan-pane")


# The command


def test_visual_wins_over_editor_and_is_split_as_a_shell_would() -> None:
    assert editor_command({"VISUAL": "code --wait", "EDITOR": "vi"}) == ["code", "--wait"]
    assert editor_command({"VISUAL": "  ", "EDITOR": "'my editor' -n"}) == ["my editor", "-n"]
    with pytest.raises(Exception, match=r"Neither \$VISUAL nor \$EDITOR is set"):
        editor_command({})
    with pytest.raises(Exception, match=r"\$EDITOR cannot be read as a command"):
        editor_command({"EDITOR": "vi 'unclosed"})


def test_one_final_line_end_is_dropped_and_the_file_named_after_the_field() -> None:
    assert without_final_newline("a\nb\n") == "a\nb"
    assert without_final_newline("a\r\n") == "a"
    assert without_final_newline("a\n\n") == "a\n"
    assert without_final_newline("a") == "a"
    assert file_name("custom.tier") == "kam-custom-tier.md"
    assert file_name("") == "kam-text.md"


# In a form


def test_the_notes_come_back_from_the_editor_and_are_saved_with_the_form(
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suspendable: None,
) -> None:
    command, seen = fake_editor(tmp_path, "rewrite", rewrites_to("First line\n[b]second[/b] line"))
    monkeypatch.setenv("VISUAL", command + " --wait")
    monkeypatch.setenv("EDITOR", "false")  # VISUAL wins
    account = demo_repo.account(TAILSPIN)
    assert account is not None

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        notes = await open_notes(app, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert notes.text == "First line\n[b]second[/b] line"  # the final newline dropped
        assert any("Notes holds the edited text" in message for message in messages(app))
        assert demo_repo.account(TAILSPIN) == account, "nothing saved before the form is"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)

    run_app(demo_repo, settings, clock, scenario)
    saved = demo_repo.account(TAILSPIN)
    assert saved is not None and saved.notes == "First line\n[b]second[/b] line"
    given = json.loads(seen.read_text(encoding="utf-8"))
    assert given["argv"][0] == "--wait"
    edited = Path(given["argv"][1])
    assert edited.name == "kam-notes.md"
    assert given["before"] == account.notes
    assert (given["mode"], given["folder"]) == (0o600, 0o700)
    assert not edited.exists() and not edited.parent.exists(), "removed afterwards"


def test_an_editor_that_fails_or_changes_nothing_leaves_the_field(
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suspendable: None,
) -> None:
    failing, _ = fake_editor(tmp_path, "fail", rewrites_to("lost") + "\nsys.exit(1)")
    idle, _ = fake_editor(tmp_path, "idle", "open(path, 'a').write('\\n')")
    killed, _ = fake_editor(tmp_path, "killed", "os.kill(os.getpid(), 15)")
    monkeypatch.delenv("VISUAL", raising=False)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        notes = await open_notes(app, pilot)
        before = notes.text
        monkeypatch.setenv("EDITOR", failing)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert notes.text == before
        assert any("exited with status 1: Notes is unchanged" in m for m in messages(app))
        monkeypatch.setenv("EDITOR", idle)  # adds only the final newline: no change
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert notes.text == before
        assert any("The file was not changed: Notes is as it was" in m for m in messages(app))
        monkeypatch.setenv("EDITOR", killed)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert notes.text == before
        assert any("was stopped by signal 15: Notes is unchanged" in m for m in messages(app))
        monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert notes.text == before
        assert any("could not start" in m for m in messages(app))

    run_app(demo_repo, settings, clock, scenario)


def test_hostile_text_from_the_editor_is_shown_literally_and_refused_on_save(
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suspendable: None,
) -> None:
    hostile = "[bold red]x[/] \x1b[2J\x07 wiped"
    command, _ = fake_editor(tmp_path, "hostile", rewrites_to(hostile))
    monkeypatch.setenv("EDITOR", command)
    monkeypatch.delenv("VISUAL", raising=False)
    account = demo_repo.account(TAILSPIN)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        notes = await open_notes(app, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert notes.text == hostile
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AccountForm), "refused: the form stays open"
        assert "control character" in form.row("notes").error

    run_app(demo_repo, settings, clock, scenario)
    assert demo_repo.account(TAILSPIN) == account, "never written"


def test_a_one_line_field_keeps_its_text_when_the_editor_writes_two_lines(
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suspendable: None,
) -> None:
    """A line break (or an escape) put into a one-line input would be drawn raw over the
    form: the field keeps its text and the message says why."""
    command, _ = fake_editor(tmp_path, "two", rewrites_to("Tailspin\nline 2 [bold]x"))
    monkeypatch.setenv("EDITOR", command)
    monkeypatch.delenv("VISUAL", raising=False)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await open_notes(app, pilot)
        form = app.screen
        assert isinstance(form, AccountForm)
        name = form.query_one("#" + field_id("name"), Input)
        before = name.value
        name.focus()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert name.value == before
        assert any(
            "is one line of text" in message and "(LF, ^J)" in message and "unchanged" in message
            for message in messages(app)
        ), messages(app)

    run_app(demo_repo, settings, clock, scenario)


def test_a_too_long_text_from_the_editor_is_refused_with_the_forms_reason(
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suspendable: None,
) -> None:
    command, _ = fake_editor(tmp_path, "long", rewrites_to("n" * (MAX_TEXT + 1)))
    monkeypatch.setenv("EDITOR", command)
    monkeypatch.delenv("VISUAL", raising=False)
    account = demo_repo.account(TAILSPIN)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await open_notes(app, pilot)
        await pilot.press("ctrl+o", "ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AccountForm)
        assert str(MAX_TEXT) in form.row("notes").error

    run_app(demo_repo, settings, clock, scenario)
    assert demo_repo.account(TAILSPIN) == account


def test_without_an_editor_or_a_terminal_to_hand_over_it_says_so(
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_editor: None,
) -> None:
    command, seen = fake_editor(tmp_path, "never", rewrites_to("never"))

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        notes = await open_notes(app, pilot)
        before = notes.text
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert NO_EDITOR in messages(app)
        assert "$VISUAL" in NO_EDITOR and "$EDITOR" in NO_EDITOR
        # The headless driver, as textual-serve's, cannot suspend the app.
        monkeypatch.setenv("EDITOR", command)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert CANNOT_SUSPEND in messages(app)
        assert notes.text == before
        assert isinstance(app.screen, AccountForm)

    run_app(demo_repo, settings, clock, scenario)
    assert not seen.exists(), "the editor never ran"


def test_the_key_works_on_text_fields_only(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await open_notes(app, pilot)
        form = app.screen
        assert isinstance(form, AccountForm)
        assert form.check_action("open_in_editor", ()) is True
        form.query_one("#" + field_id("status")).focus()
        await pilot.pause()
        assert form.check_action("open_in_editor", ()) is False
        assert "ctrl+o editor" in str(form.query_one("#form").border_subtitle)

    run_app(demo_repo, settings, clock, scenario)


@synchronous
async def test_an_actions_one_line_report_comes_back_and_is_saved(
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suspendable: None,
) -> None:
    command, _ = fake_editor(tmp_path, "report", rewrites_to("Called Ana; demo booked"))
    monkeypatch.setenv("EDITOR", command)
    monkeypatch.delenv("VISUAL", raising=False)
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(PaneScreen())
        await pilot.pause()
        pane = app.screen.query_one(PlanPane)
        first = pane.actions()[0]
        await pilot.press("tab", "enter")
        form = app.screen
        assert isinstance(form, ActionForm)
        report = form.query_one("#" + field_id("report"), Input)
        report.focus()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert report.value == "Called Ana; demo booked"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = demo_repo.get(Action, first.id)
        assert saved is not None and saved.report == "Called Ana; demo booked"


def test_a_swot_item_is_edited_in_the_editor(
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suspendable: None,
) -> None:
    command, seen = fake_editor(tmp_path, "swot", rewrites_to("Strong partner network"))
    monkeypatch.setenv("EDITOR", command)
    monkeypatch.delenv("VISUAL", raising=False)
    before = {item.id for item in demo_repo.children(SwotItem, TAILSPIN)}

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        app.open_account(TAILSPIN, "swot")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SwotItemDialog)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.screen.query_one("#swot-text", TextArea).text == "Strong partner network"
        await pilot.press("ctrl+s")
        await pilot.pause()

    run_app(demo_repo, settings, clock, scenario)
    added = [item for item in demo_repo.children(SwotItem, TAILSPIN) if item.id not in before]
    assert [item.text for item in added] == ["Strong partner network"]
    assert Path(json.loads(seen.read_text())["argv"][0]).name == "kam-text.md"


def test_the_help_lists_the_forms_keys_with_the_editor(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(KeyTable)
        rows = [
            tuple(str(cell) for cell in table.get_row_at(index)) for index in range(table.row_count)
        ]
        titles = [row[0] for row in rows]
        start = titles.index(FORMS_TITLE)
        form_rows = rows[start + 1 :]
        assert ("^o", "Editor", "form-editor") in [row[:3] for row in form_rows]
        assert "form-save" in [row[2] for row in form_rows]

    run_app(demo_repo, settings, clock, scenario)


# Outside forms: the highlighted SWOT item's text, the highlighted action's report


def test_ctrl_o_on_a_swot_item_saves_its_text_as_one_undoable_change(
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suspendable: None,
) -> None:
    command, seen = fake_editor(tmp_path, "swot", rewrites_to("Rewritten in the editor"))
    hostile, _ = fake_editor(tmp_path, "hostile", rewrites_to("bad \x1b[2J"))
    monkeypatch.delenv("VISUAL", raising=False)
    revisions: list[int] = []
    edited: list[SwotItem] = []

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        app.open_account(TAILSPIN, "swot")
        await pilot.pause()
        await pilot.pause()
        pane = app.screen.query_one(SwotPane)
        item = pane.current_item
        assert item is not None
        revisions.append(demo_repo.revision)
        monkeypatch.setenv("EDITOR", command)
        await pilot.press("ctrl+o")
        await pilot.pause()
        saved = demo_repo.get(SwotItem, item.id)
        assert saved is not None and saved.text == "Rewritten in the editor"
        assert demo_repo.revision == revisions[0] + 1, "one change"
        assert json.loads(seen.read_text())["before"] == item.text
        edited.append(saved)
        monkeypatch.setenv("EDITOR", hostile)  # refused by the store's rules, never written
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert demo_repo.get(SwotItem, item.id) == saved
        assert any("control character" in message for message in messages(app))
        await pilot.press("u")
        await pilot.pause()
        restored = demo_repo.get(SwotItem, item.id)
        assert restored is not None and restored.text == item.text

    run_app(demo_repo, settings, clock, scenario)
    assert edited


@synchronous
async def test_ctrl_o_on_an_action_saves_its_report(
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suspendable: None,
) -> None:
    command, _ = fake_editor(tmp_path, "report", rewrites_to("Line one\nline two"))
    monkeypatch.setenv("EDITOR", command)
    monkeypatch.delenv("VISUAL", raising=False)
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(PaneScreen())
        await pilot.pause()
        pane = app.screen.query_one(PlanPane)
        await pilot.press("ctrl+o")  # the objectives have focus: no action to edit
        await pilot.pause()
        first = pane.actions()[0]
        assert demo_repo.get(Action, first.id) == first
        await pilot.press("tab", "ctrl+o")
        await pilot.pause()
        saved = demo_repo.get(Action, first.id)
        assert saved is not None and saved.report == first.report
        assert any("control character" in message for message in messages(app)), (
            "a report is one line: the store refuses a line break"
        )
        monkeypatch.setenv("EDITOR", fake_editor(tmp_path, "one", rewrites_to("Demo booked"))[0])
        await pilot.press("ctrl+o")
        await pilot.pause()
        saved = demo_repo.get(Action, first.id)
        assert saved is not None and saved.report == "Demo booked"
        assert pane.current_action is not None and pane.current_action.id == first.id


class TerminalApp:
    """Stands in for an app in a terminal: suspending it does nothing."""

    @contextlib.contextmanager
    def suspend(self) -> Iterator[None]:
        yield


def test_an_editor_command_with_control_characters_is_named_literally(tmp_path: Path) -> None:
    missing = str(tmp_path / "ed\x1b[2Jit")
    outcome = edit_in_editor(
        cast(App[Any], TerminalApp()), "old", "Notes", environ={"EDITOR": shlex.quote(missing)}
    )
    assert outcome.text is None
    assert "could not start" in outcome.message and "Notes is unchanged" in outcome.message
    assert "\x1b" not in outcome.message and "ed^[[2Jit" in outcome.message
