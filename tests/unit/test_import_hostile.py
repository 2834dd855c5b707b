"""`kam import` of hand-made hostile files: each problem named file:line: column, nothing
written unless --skip-bad-rows, and what is written keeps the rules of the forms."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kam_tui.cli.main import main
from kam_tui.domain.models import Activity, Contact, Deal
from kam_tui.store import Repository

DATA = Path(__file__).resolve().parents[1] / "data" / "import"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def files(*names: str) -> list[str]:
    return [str(DATA / name) for name in names]


HOSTILE = files("hostile_accounts.csv", "truncated_contacts.csv", "users.csv")


def test_bad_rows_stop_the_import_and_each_is_named(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    assert run(capsys, "demo", "--db", str(store_path))[0] == 0
    before = store_path.read_bytes()
    code, out, err = run(capsys, "import", "--db", str(store_path), "--yes", *HOSTILE)
    assert code == 1
    assert "hostile_accounts.csv:4: Name: contains a control character (BEL, ^G)" in out
    assert "hostile_accounts.csv:5: AnnualRevenue: an amount like 12500 or 12,500.00" in out
    assert "hostile_accounts.csv:6: Id: a unique id; 001A is also on line 2" in out
    assert "truncated_contacts.csv:3: AccountId: the Id of an imported account, not '001Z'" in out
    assert "truncated_contacts.csv:4: 7 cells, found 5 (the last line is truncated)" in out
    assert "nothing was imported: 5 problem(s)" in err
    assert "truncated_contacts.csv:2" not in out  # Ann's account imports
    assert store_path.read_bytes() == before


def test_skip_bad_rows_imports_the_others_with_formulas_and_markup_as_plain_text(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    args = ["import", "--db", str(store_path), "--yes", "--skip-bad-rows"]
    code, out, err = run(capsys, *args, *HOSTILE, *files("tasks.csv", "events.csv"))
    assert code == 0, err
    assert "hostile_accounts.csv (Salesforce Account): 6 row(s): 3 to create" in out
    assert "3 skipped" in out
    assert "hostile_accounts.csv:7: Rating: took 'Hott' as 'Hot'" in out
    assert "1 task(s) not completed left out" in out
    repository = Repository.open(store_path, read_only=True)
    accounts = {account.name: account for account in repository.accounts()}
    assert set(accounts) == {'=HYPERLINK("http://x","y")', "[bold red]Markup[/] Inc", "Typo Corp"}
    formula = accounts['=HYPERLINK("http://x","y")']
    # "1,250,000.50" with separators and decimals; "hot" in any case; the owner from users.csv.
    assert (formula.annual_revenue, formula.rating, formula.assignee) == (
        125_000_050,
        "Hot",
        "Alice Martin",
    )
    assert [c.name for c in repository.all(Contact)] == ["Ann Lee"]
    activities = sorted(repository.all(Activity), key=lambda a: a.day or date.min)
    assert [(a.kind, a.day, a.summary, a.logged_by) for a in activities] == [
        ("call", date(2024, 3, 5), "Call about renewal\nTalked price, agreed", "Alice Martin"),
        ("email", date(2024, 3, 6), "Sent offer", "Alice Martin"),
        ("meeting", date(2024, 3, 7), "Site visit", "Alice Martin"),
    ]
    assert formula.last_contact == date(2024, 3, 7)
    repository.close()


def test_a_latin1_file_is_refused_by_name_line_and_byte(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    code, _, err = run(
        capsys, "import", "--db", str(store_path), "--yes", *files("latin1_accounts.csv")
    )
    assert code == 1
    # 'Id,Name,BillingCity\n' is 20 bytes, '001L,Caf' 8 more: the é is byte 28, on line 2.
    assert "latin1_accounts.csv:2: byte 28: UTF-8 text, not 0xe9 is 'é' in Latin-1/CP1252" in err
    assert "nothing was imported" in err
    assert not store_path.parent.exists()  # nothing imported: no store (nor folder) made


def test_an_import_that_writes_nothing_leaves_no_new_store_behind(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = tmp_path / "new" / "kam.json"
    code, _, err = run(capsys, "import", "--db", str(store), "--yes", *HOSTILE)
    assert code == 1 and "nothing was imported: 5 problem(s)" in err
    assert not store.parent.exists()  # the folder it made for the store is gone too
    headers_only = tmp_path / "Account.csv"
    headers_only.write_text("Id,Name,BillingCity\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", "--db", str(store), "--yes", str(headers_only))
    assert code == 0 and "Nothing to import: the files hold no rows." in out
    assert not store.parent.exists()
    args = ["import", "--db", str(store), "--yes", "--skip-bad-rows", *HOSTILE]
    assert run(capsys, *args)[0] == 0
    assert store.exists()  # what it writes is kept


def test_a_one_megabyte_cell_is_refused(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    big = tmp_path / "Account.csv"
    big.write_text("Id,Name,BillingCity\n001A,Fine,Paris\n001B," + "x" * 1_000_000 + ",Rome\n")
    code, out, _ = run(capsys, "import", "--db", str(store_path), "--dry-run", str(big))
    assert code == 1
    assert "Account.csv:3: Name: a cell of at most 65,536 characters, not 1,000,000" in out
    assert "1 to create" in out  # the row before it


def test_an_over_long_name_is_refused_by_the_field_limit(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    long = tmp_path / "Account.csv"
    long.write_text("Id,Name,BillingCity\n001A," + "n" * 5000 + ",Paris\n")
    code, out, _ = run(capsys, "import", "--db", str(store_path), "--dry-run", str(long))
    assert code == 1
    assert "Account.csv:2: Name: " in out and "120" in out


def test_the_config_maps_a_stage_of_its_own(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("import:\n  stage_map:\n    Discovery: Demo provided\n")
    args = ["import", "--db", str(store_path), "--config", str(config), "--yes"]
    opportunities = files("hostile_accounts.csv", "custom_stage_opportunities.csv")
    code, _, err = run(capsys, *args, "--skip-bad-rows", *opportunities)
    assert code == 0, err
    repository = Repository.open(store_path, read_only=True)
    (deal,) = repository.all(Deal)
    assert (deal.stage, deal.amount, deal.created) == ("Demo provided", 1_000_000, date(2024, 3, 1))
    assert repository.accounts()[0].status == "Demo provided"
    repository.close()


def test_a_stage_map_naming_an_unknown_status_is_a_config_error(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("import:\n  stage_map:\n    Discovery: Demo given\n")
    code, _, err = run(capsys, "--config", str(config), "check")
    assert code == 2
    assert (
        "config.yaml:3:16: import.stage_map.Discovery: 'Demo given' is not a pipeline status" in err
    )


def test_an_unrecognised_file_alone_is_refused_and_beside_others_left_out(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "Lead.csv"
    other.write_text("Id,Company,LastName\n00Q1,Acme,Doe\n")
    code, _, err = run(capsys, "import", "--db", str(store_path), "--dry-run", str(other))
    assert code == 1 and "Lead.csv:1: the headers of a Salesforce export" in err
    assert not store_path.exists()

    accounts = Path(__file__).resolve().parents[1] / "data" / "salesforce-devorg" / "Account.csv"
    code, out, err = run(
        capsys, "import", "--db", str(store_path), "--yes", str(other), str(accounts)
    )
    assert code == 0, err
    assert "left out Lead.csv: not the headers of a Salesforce export" in out + err
    assert "Account.csv (Salesforce Account): 18 row(s): 18 to create" in out + err
    assert store_path.exists()


def test_the_config_names_the_lifecycle_lists_an_import_uses(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(
        "lists: [Prospect, Customer, Back, Gone]\n"
        "import:\n  lifecycle: {new: Prospect, existing: Customer, returning: Back, lost: Gone}\n"
    )
    args = ["import", "--db", str(store_path), "--config", str(config), "--yes"]
    opportunities = files("hostile_accounts.csv", "custom_stage_opportunities.csv")
    config.write_text(config.read_text() + "  stage_map: {Discovery: Contacted}\n")
    code, _, err = run(capsys, *args, "--skip-bad-rows", *opportunities)
    assert code == 0, err
    repository = Repository.open(store_path, read_only=True)
    lists = {account.name: account.lifecycle for account in repository.accounts()}
    # The formula-named account has one open deal and nothing won: the `new` list.
    assert lists['=HYPERLINK("http://x","y")'] == "Prospect"
    repository.close()


def test_a_lifecycle_rule_naming_an_unknown_list_is_a_config_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("import:\n  lifecycle: {lost: Gone}\n")
    code, _, err = run(capsys, "--config", str(config), "check")
    assert code == 2
    assert "config.yaml:2:21: import.lifecycle.lost: 'Gone' is not a list of `lists`" in err


def test_a_row_of_an_account_whose_own_row_is_bad_says_so(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    both = files("hostile_accounts.csv", "contacts_of_a_bad_account.csv")
    code, out, _ = run(capsys, "import", "--db", str(store_path), "--dry-run", *both)
    assert code == 1
    # 001C is Bell Corp, whose name holds a BEL.
    assert (
        "contacts_of_a_bad_account.csv:2: AccountId: an account that imports; "
        "001C's own row has a problem" in out
    )
