"""User text is data: the visible notation of control characters, validation refusing
them with their name and place, `kam check` listing them, and exports that keep the data
and carry no terminal control."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest
from hostile_text import HOSTILE, fill_hostile_store, hostile_name, hostile_schema
from textual.content import Content

from kam_tui.cli.check import check_repository
from kam_tui.cli.main import main
from kam_tui.domain.clock import Clock
from kam_tui.domain.fields import MULTILINE_FIELDS
from kam_tui.domain.fuzzy import fuzzy_match
from kam_tui.domain.models import (
    TABLES,
    Account,
    Action,
    Activity,
    Contact,
    KeyResult,
    Objective,
    ProcessStep,
    Record,
    SwotItem,
    TeamMember,
)
from kam_tui.domain.plan import report_file_name, status_report
from kam_tui.domain.schema import Schema
from kam_tui.domain.text import first_unsafe, is_unsafe, printable, printable_record
from kam_tui.domain.validation import TEXT_LIMITS, record_errors
from kam_tui.store import Repository
from kam_tui.ui.user_text import literal, markup_escaped

ESC_MESSAGE = "contains a control character (ESC, ^[) at position 5"


def no_control(text: str, *, newlines: bool = False) -> bool:
    return not any(is_unsafe(c) and not (newlines and c == "\n") for c in text)


# The visible notation


def test_printable_shows_every_control_character_in_caret_or_code_point_notation() -> None:
    assert printable(HOSTILE["terminal-control"]) == "Evil^[]0;pwned^G^[[2J^M^JFAKE LINE"
    assert printable("nul\x00 del\x7f csi\x9b end") == "nul^@ del^? csi<U+009B> end"
    assert printable("a\u202eb\u2066c\u2028d\ud800") == "a<U+202E>b<U+2066>c<U+2028>d<U+D800>"
    assert printable("tab\there") == "tab here"


def test_printable_keeps_newlines_and_tabs_of_multi_line_text_only() -> None:
    assert printable("one\ntwo\tthree\r", multiline=True) == "one\ntwo\tthree^M"
    assert printable("one\ntwo") == "one^Jtwo"


def test_printable_leaves_every_other_text_alone() -> None:
    for text in ("Northwind Traders", "x [/b] y", HOSTILE["wide-and-emoji"], "مرحبا שלום"):
        assert printable(text) is text or printable(text) == text
    assert all(no_control(printable(text)) for text in HOSTILE.values())


def test_first_unsafe_names_the_character_and_its_place() -> None:
    found = first_unsafe("Evil\x1b]0;")
    assert found is not None and found.describe() == "a control character (ESC, ^[) at position 5"
    assert first_unsafe("a\tb") is None
    assert first_unsafe("a\nb", multiline=True) is None
    assert first_unsafe("a\nb") is not None
    rlo = first_unsafe("ab\u202e")
    assert rlo is not None
    assert rlo.describe() == (
        "a control character (RIGHT-TO-LEFT OVERRIDE, <U+202E>) at position 3"
    )


def test_a_printable_record_escapes_every_text_nested_ones_included() -> None:
    account = Account(
        name="E\x1b",
        notes="line\nnext\x07",
        tags=("t\x1b",),
        team=(TeamMember("m\x1b", "r\x1b"),),
        custom={"note": "v\x9b", "size": 3},
    )
    shown = printable_record(account)
    assert shown.name == "E^[" and shown.notes == "line\nnext^G" and shown.tags == ("t^[",)
    assert shown.team == (TeamMember("m^[", "r^["),) and shown.custom == {
        "note": "v<U+009B>",
        "size": 3,
    }
    plain = Account(name="Plain")
    assert printable_record(plain) is plain


def test_literal_content_is_never_markup() -> None:
    for text in HOSTILE.values():
        content = literal(text)
        assert isinstance(content, Content) and content.plain == printable(text)


def test_escaped_markup_reads_back_as_the_text() -> None:
    for text in [*HOSTILE.values(), "[/lin · Ω [/b] [x", "a\\[b]", "end\\", "\\\\[b]x"]:
        assert Content.from_markup(markup_escaped(text)).plain == printable(text)


# Validation


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (Account(name="Evil\x1b]0;", status="Won", lifecycle="New"), "name"),
        (Account(name="A", status="Won", lifecycle="New", website="http\x1b"), "website"),
        (Contact(name="Evil\x1b"), "name"),
        (Contact(name="Ann", email="evil\x1b@example.com"), "email"),
        (Activity(day=date(2026, 1, 1), summary="Call\x1b"), "summary"),
        (Objective(title="Grow\x1b"), "title"),
        (Action(title="Call\x1b"), "title"),
        (Action(title="Call", owner="Evil\x1b"), "owner"),
        (SwotItem(text="Fast\x1b"), "text"),
        (ProcessStep(buying_step="Need\x1b"), "buying_step"),
    ],
)
def test_validation_refuses_a_control_character_naming_field_and_character(
    record: Record, field: str
) -> None:
    errors = record_errors(record, Schema())
    assert "contains a control character (ESC, ^[)" in errors[field]


def test_validation_names_the_position_and_the_item_of_a_list() -> None:
    schema = Schema()
    account = Account(
        name="Evil\x1b",
        status="Won",
        lifecycle="New",
        tags=("ok", "b\x07"),
        team=(TeamMember("Ann\x1b"),),
    )
    errors = record_errors(account, schema)
    assert errors["name"] == ESC_MESSAGE
    assert errors["tags"] == "the tag 'b^G' contains a control character (BEL, ^G) at position 2"
    assert errors["team"].startswith("the team member 'Ann^[' contains")
    objective = Objective(title="Grow", key_results=(KeyResult("Sites\x1b"),))
    assert "the key result 'Sites^['" in record_errors(objective, schema)["key_results"]


def test_newlines_are_allowed_only_in_note_like_fields_and_tabs_everywhere() -> None:
    schema = Schema()
    account = Account(name="A\tB", status="Won", lifecycle="New", notes="one\ntwo\tthree")
    assert record_errors(account, schema) == {}
    assert record_errors(Activity(day=date(2026, 1, 1), summary="a\nb"), schema) == {}
    assert record_errors(SwotItem(text="a\nb"), schema) == {}
    assert (
        "LF, ^J"
        in record_errors(Account(name="A\nB", status="Won", lifecycle="New"), schema)["name"]
    )
    assert "CR, ^M" in record_errors(SwotItem(text="a\r\nb"), schema)["text"]
    assert "LF, ^J" in record_errors(Action(title="a", report="a\nb"), schema)["report"]


def test_every_text_field_has_a_limit_and_the_multi_line_ones_exist() -> None:
    """TEXT_LIMITS and MULTILINE_FIELDS come from the field catalogue, while the
    control-character check walks the fields themselves: a text field added or renamed
    must be in both."""
    for kind in TABLES.values():
        texts = {item.name for item in fields(kind) if item.type == "str"}
        assert set(TEXT_LIMITS[kind]) == texts, kind.KIND
    for table, name in MULTILINE_FIELDS:
        assert name in TEXT_LIMITS[TABLES[table]], (table, name)


def test_a_control_character_wins_over_the_length_limit() -> None:
    errors = record_errors(Account(name="\x1b" * 500, status="Won", lifecycle="New"), Schema())
    assert errors["name"].startswith("contains a control character (ESC, ^[) at position 1")


# Old stores, kam check and the exports


@pytest.fixture
def hostile_store(store_path: Path, clock: Clock) -> Path:
    """Hostile text in every field but the statuses and lists, which `kam`'s default config
    must know."""
    repository = Repository.open(store_path, hostile_schema(), clock=clock)
    fill_hostile_store(repository, clock().date(), in_statuses=False)
    repository.close()
    return store_path


def test_an_old_store_holding_control_characters_loads_and_check_lists_them(
    hostile_store: Path, clock: Clock
) -> None:
    repository = Repository.open(hostile_store, hostile_schema(), clock=clock, read_only=True)
    try:
        assert {a.name for a in repository.accounts()} == {hostile_name(key) for key in HOSTILE}
        problems = check_repository(repository)
    finally:
        repository.close()
    assert any(
        "account" in problem
        and "name: contains a control character (ESC, ^[) at position 5" in problem
        for problem in problems
    )
    for kind in ("contact", "activity", "objective", "action", "SWOT item", "process step"):
        assert any(
            problem.startswith(kind) and "control character" in problem for problem in problems
        )
    assert all(no_control(problem) for problem in problems)


def test_kam_check_prints_the_problems_without_control_characters(
    hostile_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", "--db", str(hostile_store)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "control character (ESC, ^[)" in err
    assert no_control(out, newlines=True) and no_control(err, newlines=True)


def test_kam_export_keeps_every_string_and_writes_no_control_character(
    hostile_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["export", "--format", "json", "--db", str(hostile_store)])
    out, _ = capsys.readouterr()
    assert code == 0
    assert no_control(out, newlines=True)  # JSON escapes them: \u001b
    document = json.loads(out)
    assert {account["name"] for account in document["accounts"]} == {
        hostile_name(key) for key in HOSTILE
    }
    assert {account["notes"] for account in document["accounts"]} == set(HOSTILE.values())


def test_the_status_report_and_its_file_name_hold_no_control_character() -> None:
    today = date(2026, 11, 20)
    actions = [
        Action(id=n, title=text, owner=text, due=date(2026, 1, 1), status="open")
        for n, text in enumerate(HOSTILE.values(), start=1)
    ]
    for name in HOSTILE.values():
        report = status_report(name, actions, today)
        assert no_control(report, newlines=True)
        assert "Evil^[]0;pwned^G^[[2J^M^JFAKE LINE" in report
        file_name = report_file_name(name, today)
        assert no_control(file_name) and "/" not in file_name and len(file_name) < 100


# The palette's matcher


def test_fuzzy_match_finds_letters_in_order_and_prefers_the_whole_query() -> None:
    whole = fuzzy_match("north", "Northwind Traders")
    assert whole.offsets == (0, 1, 2, 3, 4)
    spread = fuzzy_match("ntr", "Northwind Traders")
    assert spread.offsets == (0, 3, 11) and 0 < spread.score < whole.score
    assert fuzzy_match("xyz", "Northwind").score == 0
    assert fuzzy_match("", "Northwind").score == 0


def test_fuzzy_match_takes_one_pass_over_a_long_hostile_name() -> None:
    # Textual's matcher tries every placement of the letters: on this name and query there
    # are too many to finish; taking the letters greedily is one pass.
    name = printable(HOSTILE["long"])
    found = fuzzy_match("x [/b]", name)
    assert found.score > 0 and len(found.offsets) == len("x[/b]")
    assert fuzzy_match("a" * 40, "ab" * 1000).score > 0
