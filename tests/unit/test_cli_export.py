"""`kam export`: CSV a spreadsheet reads as data, the Markdown account plan and Portfolio,
and files written whole, private and never over another file unasked."""

from __future__ import annotations

import csv
import io
import json
import stat
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hostile_text import unvalidated

from kam_tui.cli import export, numbers
from kam_tui.cli.export_csv import FORMULA_STARTS, TABLE_NAMES, neutralised, table_rows
from kam_tui.cli.export_options import EXPORT_TABLES
from kam_tui.cli.main import main
from kam_tui.domain.clock import fixed_clock
from kam_tui.domain.markdown import md
from kam_tui.domain.models import (
    TABLES,
    Account,
    Action,
    Activity,
    Contact,
    Deal,
    KeyResult,
    Objective,
    ProcessStep,
    StatusChange,
    SwotItem,
    TeamMember,
)
from kam_tui.domain.schema import CustomFieldDef, Schema
from kam_tui.services.plan_document import plan_file_name
from kam_tui.store import Repository

TODAY = date(2026, 11, 20)
CONFIG = """\
custom_fields:
  - {key: region, label: Region, type: text}
  - {key: seats, label: Seats, type: number}
"""
NOTES = "Line 1\nLine 2 <b>*bold*</b> [link](x) | pipe \x1b[31mred\x07 \u202eevil"
"""Hostile text kept as data: markup, control characters, a newline."""
FORMULAS = {
    "name": '=HYPERLINK("http://evil.example","click")',
    "industry": "-2+3",
    "offer_type": "+1",
    "address": "@SUM(A1)",
    "website": "\tx",
}
"""Account fields whose text starts with a formula character."""
REPORT = "Waiting on legal | *urgent* `now`"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def store(tmp_path: Path, store_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A store with one account holding formulas and hostile text, and one of each record
    that belongs to it; returns the options that choose that store and its config."""
    clock = fixed_clock(datetime(2026, 11, 20, 9, tzinfo=UTC))
    monkeypatch.setattr(export, "CLOCK", clock)
    monkeypatch.setattr(numbers, "CLOCK", clock)
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    repository = Repository.open(store_path)
    with unvalidated(), repository.change("Fixture") as change:
        account = change.save(
            Account(
                name=FORMULAS["name"],
                industry=FORMULAS["industry"],
                offer_type=FORMULAS["offer_type"],
                address=FORMULAS["address"],
                website=FORMULAS["website"],
                status="Won",
                lifecycle="Existing",
                assignee="Ana",
                team=(TeamMember("Bo", "executive sponsor"), TeamMember("=Cy")),
                annual_revenue=123_456,
                potential_revenue=1_000_000,
                cost_to_serve=200_000,
                satisfaction=7,
                last_contact=date(2026, 11, 1),
                custom={"region": "=1+1", "seats": 12},
                tags=("=cmd", "vip"),
                notes=NOTES,
            )
        )
        boss = change.save(
            Contact(
                account_id=account.id,
                name="Boss | *Big*",
                level="executive",
                buying_role="influencer",
                owner="Ana",
            )
        )
        change.save(Contact(account_id=account.id, name="Aide", reports_to=boss.id, owner="Ana"))
        change.save(
            Activity(account_id=account.id, day=date(2026, 11, 1), summary="-called", kind="call")
        )
        objective = change.save(
            Objective(
                account_id=account.id,
                title="Grow",
                key_results=(KeyResult("Seats", Decimal(10), Decimal(4)),),
            )
        )
        change.save(
            Action(
                account_id=account.id,
                title="Call legal",
                owner="Ana",
                due=date(2026, 11, 10),
                objective_id=objective.id,
                report=REPORT,
            )
        )
        for perspective, quadrant in (("view_of_us", "S"), ("customer", "W")):
            change.save(
                SwotItem(
                    account_id=account.id,
                    perspective=perspective,
                    quadrant=quadrant,
                    text="Reliable delivery",
                    priority="high",
                )
            )
        change.save(ProcessStep(account_id=account.id, buying_step="Legal review"))
        change.save(Deal(account_id=account.id, title="Renewal", amount=50_000_050, stage="Won"))
        change.save(StatusChange(account_id=account.id, day=TODAY, from_value="", to_value="Won"))
        change.save(Account(name="Quiet", status="Won", lifecycle="New"))
    repository.close()
    return ["--db", str(store_path), "--config", str(config)]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_tables_offered_are_the_store_s() -> None:
    assert TABLE_NAMES == EXPORT_TABLES
    assert set(TABLES) - set(EXPORT_TABLES) == {"import_links"}, "only bookkeeping is left out"


def test_csv_writes_one_private_file_per_table_into_the_folder(
    capsys: pytest.CaptureFixture[str], store: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code, said, _ = run(capsys, "export", *store, "--format", "csv", "--out", str(out))
    assert code == 0
    assert said.startswith(f"Writing to {out}:\n")
    assert sorted(path.name for path in out.iterdir()) == sorted(f"{t}.csv" for t in EXPORT_TABLES)
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    accounts = read_csv(out / "accounts.csv")
    first = accounts[0]
    assert list(first)[:3] == ["id", "name", "industry"]
    assert first["annual_revenue (€)"] == "1234.56"
    assert first["cost_to_serve (€)"] == "2000.00"
    assert first["satisfaction"] == "7" and first["last_contact"] == "2026-11-01"
    assert first["custom.region"] == "'=1+1" and first["custom.seats"] == "12"
    assert first["team"] == "Bo (executive sponsor); =Cy (account support)"
    assert first["tags"] == "'=cmd, vip" and first["key_account"] == "no"
    contacts = read_csv(out / "contacts.csv")
    assert [row["account_id"] for row in contacts] == [first["id"]] * 2
    assert contacts[1]["reports_to"] == contacts[0]["id"]
    objective = read_csv(out / "objectives.csv")[0]
    assert objective["key_results"] == "Seats: 4 of 10"
    action = read_csv(out / "actions.csv")[0]
    assert action["report"] == REPORT and action["objective_id"] == objective["id"]
    assert read_csv(out / "deals.csv")[0]["amount (€)"] == "500000.50"
    assert read_csv(out / "activities.csv")[0]["summary"] == "'-called"


def test_every_text_cell_starting_with_a_formula_character_is_neutralised(
    capsys: pytest.CaptureFixture[str], store: list[str], tmp_path: Path
) -> None:
    assert run(capsys, "export", *store, "--format", "csv", "--out", str(tmp_path))[0] == 0
    checked = 0
    for table in EXPORT_TABLES:
        with (tmp_path / f"{table}.csv").open(encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file):
                for cell in row.values():
                    assert not cell.startswith(FORMULA_STARTS[:-1]), (table, cell)
                    checked += 1
    assert checked > 100
    accounts = read_csv(tmp_path / "accounts.csv")[0]
    for key, text in FORMULAS.items():
        assert accounts[key] == "'" + text  # a quote in front, the text kept after it
    # Hostile text comes back as data: markup, control characters and the newline.
    assert accounts["notes"] == NOTES


def test_numbers_are_never_neutralised_so_negative_money_stays_a_number() -> None:
    schema = Schema(custom_fields=(CustomFieldDef("delta", "Delta", "number"),))
    account = Account(id=3, name="-Loss", cost_to_serve=-72_000_000, custom={"delta": "-5.5"})
    header, row = table_rows("accounts", [account], schema)
    cells = dict(zip(header, row, strict=True))
    assert cells["cost_to_serve (€)"] == "-720000.00"
    assert cells["custom.delta"] == "-5.5"
    assert cells["name"] == "'-Loss"
    assert neutralised("'quoted") == "''quoted"  # one quote stripped gives the text back
    assert neutralised("plain") == "plain"


def test_one_table_goes_to_stdout_with_a_bom_on_request(
    capsys: pytest.CaptureFixture[str], store: list[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "export", *store, "--format", "csv", "--table", "deals")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:3] == ["id", "account_id", "title"] and len(rows) == 2
    code, out, _ = run(capsys, "export", *store, "--format", "csv", "--table", "deals", "--bom")
    assert code == 0 and out.startswith("\ufeffid,account_id,title")
    code, out, _ = run(capsys, "export", *store, "--format", "csv", "--table", "swot", "--out", "-")
    assert code == 0 and out.count("Reliable delivery") == 2
    code, _, err = run(capsys, "export", *store, "--format", "csv", "--out", "-")
    assert code == 2 and "--table" in err
    # --table with --out writes that one file
    code, _, _ = run(capsys, "export", *store, "--format", "csv", "--table", "deals", "--bom",
                     "--out", str(tmp_path))  # fmt: skip
    assert code == 0 and (tmp_path / "deals.csv").read_bytes().startswith(b"\xef\xbb\xbfid,")
    assert not (tmp_path / "accounts.csv").exists()


def test_an_existing_file_is_refused_by_name_then_replaced_with_force(
    capsys: pytest.CaptureFixture[str], store: list[str], tmp_path: Path
) -> None:
    (tmp_path / "contacts.csv").write_text("mine", encoding="utf-8")
    code, out, err = run(capsys, "export", *store, "--format", "csv", "--out", str(tmp_path))
    assert code == 1 and out == ""
    assert f"{tmp_path / 'contacts.csv'} exists; --force replaces it" in err
    assert (tmp_path / "contacts.csv").read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "accounts.csv").exists()  # nothing written at all
    code, _, _ = run(capsys, "export", *store, "--format", "csv", "--out", str(tmp_path), "--force")
    assert code == 0 and read_csv(tmp_path / "contacts.csv")[0]["name"] == "Boss | *Big*"
    code, _, err = run(capsys, "export", *store, "--format", "csv", "--out", str(tmp_path / "no"))
    assert code == 2 and "no folder" in err


def test_the_current_folder_is_the_default(
    capsys: pytest.CaptureFixture[str],
    store: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "export", *store, "--format", "md", "--portfolio")
    assert code == 0 and out.startswith(f"Writing to {tmp_path}:")
    written = tmp_path / "portfolio-2026-11-20.md"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    code, expected, _ = run(capsys, "numbers", *store, "--format", "md")
    assert code == 0 and written.read_text(encoding="utf-8") == expected


def test_json_is_unchanged_on_stdout_and_written_with_out(
    capsys: pytest.CaptureFixture[str], store: list[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "export", *store)
    assert code == 0
    document = json.loads(out)
    assert document["accounts"][0]["annual_revenue"] == 123_456  # cents, as stored
    assert run(capsys, "export", *store, "--out", str(tmp_path))[0] == 0
    assert (tmp_path / "kam-export-2026-11-20.json").read_text(encoding="utf-8") == out


def test_the_account_plan_in_markdown(capsys: pytest.CaptureFixture[str], store: list[str]) -> None:
    name = FORMULAS["name"]
    code, plan, _ = run(capsys, "export", *store, "--format", "md", "--account", name, "--out", "-")
    assert code == 0
    assert plan.startswith('# Account plan: =HYPERLINK("http://evil.example","click")\n')
    assert "| Annual revenue | €1,234.56 |" in plan
    assert "| Profit | -€765.44 (-62% margin) |" in plan
    assert "Score: **" in plan and "| contact |" in plan
    assert "- (high) Reliable delivery" in plan
    assert (
        "- **conflict**: “Reliable delivery” is a strength in the customer's view of us but a "
        "weakness in the customer's own position" in plan
    )
    assert "### Grow (40%)" in plan and "| Seats | 4 | 10 | 40% |" in plan
    assert (
        "| Call legal | Ana | 2026-11-10 (**10 days overdue**) | open | Grow | "
        "Waiting on legal \\| \\*urgent\\* \\`now\\` |" in plan
    )
    assert "- **Boss \\| \\*Big\\***: executive, influencer" in plan
    assert "  - **Aide**: management" in plan
    assert "- ⚠ No decision maker is known for this account." in plan
    assert "Single-threaded: every relationship on our side runs through Ana." in plan
    assert "- Buying step **Legal review**: no selling stage" in plan
    assert "Cadence: every 30 days (the default); last contact 2026-11-01 (19 days ago)" in plan
    assert "| 2026-11-01 | call | -called |" in plan
    assert "| Renewal | Won | €500,000.50 |" in plan
    # no raw control character, and no user text that opens markup
    assert "\x1b" not in plan and "<b>" not in plan


def test_hostile_names_cannot_break_the_plan_tables() -> None:
    assert md("a|b *c* _d_ `e` <f> [g](h) \\ & $") == (
        "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\<f\\> \\[g\\](h) \\\\ \\& \\$"
    )
    assert md("one\x1b[2Jtwo\nthree") == "one^\\[\\[2Jtwo^Jthree"
    assert md("one\ntwo", multiline=True) == "one<br>two"


def test_the_markdown_options_are_checked(
    capsys: pytest.CaptureFixture[str], store: list[str]
) -> None:
    code, _, err = run(capsys, "export", *store, "--format", "md")
    assert code == 2 and "--account NAME or --portfolio" in err
    code, _, err = run(capsys, "export", *store, "--format", "md", "--account", "Quite")
    assert code == 2 and "no account named 'Quite'; did you mean 'Quiet'?" in err
    code, _, err = run(capsys, "export", *store, "--account", "Quiet")
    assert code == 2 and "for --format md" in err
    code, out, _ = run(capsys, "export", *store, "--format", "md", "--account", "quiet", "--out=-")
    assert code == 0 and out.startswith("# Account plan: Quiet\n")


def test_the_plan_s_default_file_name() -> None:
    assert plan_file_name("Margie's Travel", TODAY) == "account-plan-margie-s-travel-2026-11-20.md"
    assert plan_file_name("../\x1b[2J", TODAY) == "account-plan-2j-2026-11-20.md"
    assert plan_file_name("***", TODAY) == "account-plan-account-2026-11-20.md"
