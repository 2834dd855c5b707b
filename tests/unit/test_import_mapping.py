"""`kam import --mapping FILE`: any CSV through a YAML mapping, the repo's example first
(so the example cannot rot), then every refusal naming where it is."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kam_tui.cli.main import main
from kam_tui.domain.models import Account, Activity, Contact, Deal
from kam_tui.store import Repository

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mapping.yaml"
FILES = sorted(str(path) for path in (ROOT / "examples" / "mapping").glob("*.csv"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _import(
    capsys: pytest.CaptureFixture[str], store_path: Path, mapping: Path, *files: str
) -> tuple[int, str, str]:
    return run(
        capsys, "import", "--db", str(store_path), "--yes", "--mapping", str(mapping), *files
    )


def test_the_example_imports_with_its_counts_and_values(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    code, out, err = _import(capsys, store_path, EXAMPLE, *FILES)
    assert code == 0, err
    assert "customers.csv (mapping.yaml: accounts): 3 row(s): 3 to create" in out
    assert "Imported 12 record(s)" in out
    repository = Repository.open(store_path, read_only=True)
    counts = [repository.count(kind) for kind in (Account, Contact, Deal, Activity)]
    assert counts == [3, 3, 4, 2]
    accounts = {account.name: account for account in repository.accounts()}
    # customers.csv line 2: "Hot lead" -> Hot, "1,200,000", JD -> Jane Doe.
    bright = accounts["Brightline Dental"]
    assert (bright.rating, bright.annual_revenue, bright.assignee, bright.website) == (
        "Hot",
        120_000_000,
        "Jane Doe",
        "brightline.example",
    )
    # Its deals: Hot (open, opened 03.02.2025) and Signed (won): Proposal sent, Existing.
    assert (bright.status, bright.status_since, bright.lifecycle) == (
        "Proposal sent",
        date(2025, 2, 3),
        "Existing",
    )
    kessler = accounts["Kessler Maschinenbau"]
    assert (kessler.rating, kessler.annual_revenue, kessler.status) == (
        "Warm",
        85_000_050,
        "Demo provided",
    )
    harbour = accounts["Harbour & Sons"]  # Frozen -> Cold; one Dead deal: Lost, Lost
    assert (harbour.rating, harbour.status, harbour.lifecycle) == ("Cold", "Lost", "Lost")
    contacts = {contact.name: contact for contact in repository.all(Contact)}
    nora = contacts["Nora Brightman"]  # linked by the company's name; C-level -> executive
    assert (nora.account_id, nora.level, nora.title) == (
        bright.id,
        "executive",
        "Chief Operating Officer",
    )
    assert (contacts["Ivy Harbour"].title, contacts["Ivy Harbour"].level) == (
        "IT lead, stores",
        "technical",
    )
    deals = {deal.title: deal for deal in repository.all(Deal)}
    rollout = deals["Brightline clinic rollout"]  # "48,000.00", 03.02.2025 to 30.06.2025
    assert (rollout.amount, rollout.created, rollout.close_date, rollout.outcome) == (
        4_800_000,
        date(2025, 2, 3),
        date(2025, 6, 30),
        "open",
    )
    assert (deals["Brightline pilot"].stage, deals["Brightline pilot"].outcome) == ("Won", "won")
    visit = next(a for a in repository.all(Activity) if a.account_id == bright.id)
    assert (visit.kind, visit.day, visit.logged_by) == ("visit", date(2025, 2, 12), "Jane Doe")
    assert visit.summary == "Walked the clinic with Nora; she wants the rollout\nbefore summer."
    repository.close()


def test_the_example_imported_again_changes_nothing(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    assert _import(capsys, store_path, EXAMPLE, *FILES)[0] == 0
    before = store_path.read_bytes()
    code, out, err = _import(capsys, store_path, EXAMPLE, *FILES)
    assert code == 0, err
    assert "Nothing to import: the store already holds all of it." in out
    assert store_path.read_bytes() == before


def _mapping(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "map.yaml"
    path.write_text(text)
    return path


ACCOUNTS = """files:
  - match: customers.csv
    kind: accounts
    id: Customer No
    columns:
      Company: name
      Temperature: {target}
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            ACCOUNTS.format(target="ratng"),
            "map.yaml:7:20: files[0].columns.Temperature: 'ratng' is not a field of accounts "
            "in the field catalogue; did you mean 'rating'?",
        ),
        (
            ACCOUNTS.format(target="custom.tier"),
            "map.yaml:7:20: files[0].columns.Temperature: 'custom.tier' is not a field of accounts",
        ),
        (
            ACCOUNTS.replace("kind: accounts", "kind: acounts").format(target="rating"),
            "map.yaml:3:11: files[0].kind: 'acounts' is not a kind of record; did you mean "
            "'accounts'?",
        ),
        (
            ACCOUNTS.format(target="status") + "    values:\n      status: {Hot: Burning}\n",
            "map.yaml:9:21: files[0].values.status.Hot: 'Burning' is not one of Contacted, "
            "Demo provided, Proposal sent, Won, Lost",
        ),
        (
            ACCOUNTS.format(target="rating") + '    name: "bell\\a"\n',
            "map.yaml:8:11: files[0].name: a name of at most 120 characters without control "
            "characters",
        ),
        (
            ACCOUNTS.format(target="rating") + "    colums: {}\n",
            "map.yaml:8:5: files[0].colums: unknown key 'colums'; did you mean 'columns'?",
        ),
        (
            ACCOUNTS.replace("kind: accounts", "kind: contacts").format(target="title"),
            "files[0].account: expected `account:`, the column naming each row's account",
        ),
    ],
)
def test_a_wrong_mapping_is_refused_naming_file_line_and_key(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path, text: str, expected: str
) -> None:
    code, _, err = _import(capsys, store_path, _mapping(tmp_path, text), FILES[1])
    assert code == 2
    assert expected in err, err
    assert not store_path.exists()


def test_a_column_the_file_lacks_refuses_the_file(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    mapping = _mapping(tmp_path, ACCOUNTS.format(target="rating").replace("Temperature", "Temp"))
    customers = next(name for name in FILES if name.endswith("customers.csv"))
    code, _, err = _import(capsys, store_path, mapping, customers)
    assert code == 1
    assert (
        "customers.csv:1: Temp: a column of that name (the mapping for 'customers.csv' names it)"
        in err
    )


def test_a_cell_that_does_not_read_is_named_by_line_and_column(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    data = tmp_path / "deals.csv"
    data.write_text(
        "Id,Account,Title,Close,Size\n"
        "1,Acme,Good deal,31.12.2025,100\n"
        "2,Acme,Bad date,2025-12-31,100\n"
        "3,Acme,Bad amount,01.01.2026,lots\n"
        "4,Nobody,No account,01.01.2026,5\n"
    )
    accounts = tmp_path / "accounts.csv"
    accounts.write_text("Name\nAcme\n")
    mapping = _mapping(
        tmp_path,
        "files:\n"
        "  - {match: accounts.csv, kind: accounts, columns: {Name: name}}\n"
        "  - match: deals.csv\n"
        "    kind: deals\n"
        "    id: Id\n"
        "    account: {column: Account, by: name}\n"
        "    columns: {Title: title, Close: close_date, Size: amount}\n"
        '    date_format: "%d.%m.%Y"\n',
    )
    args = ["import", "--db", str(store_path), "--dry-run", "--mapping", str(mapping)]
    code, out, _ = run(capsys, *args, str(accounts), str(data))
    assert code == 1
    assert "deals.csv:3: Close: a date as %d.%m.%Y, not '2025-12-31'" in out
    assert "deals.csv:4: Size: an amount like 12500 or 12,500.00, not 'lots'" in out
    assert "deals.csv:5: Account: the name of an imported account, not 'Nobody'" in out
    assert "deals.csv (map.yaml: deals): 4 row(s): 1 to create" in out


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"- just\n- a list\n", "map.yaml:1:1: expected a mapping with `files:`, got a list"),
        (b"files: 5\n", "map.yaml:1:8: files: expected a list of files, got the number 5"),
        (b"\xff\xfe\x00f", "map.yaml: not UTF-8 text"),
        (b"files:\n" + b"  " + b"[" * 40 + b"]" * 40 + b"\n", "nested more than"),
        (b"", "an empty mapping file"),
    ],
)
def test_a_hostile_mapping_file_is_refused_without_a_crash(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path, data: bytes, expected: str
) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_bytes(data)
    code, _, err = _import(capsys, store_path, mapping, FILES[1])
    assert code == 2
    assert expected in err, err


def test_hostile_rows_of_a_mapped_file_are_named_or_kept_as_data(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    accounts = tmp_path / "accounts.csv"
    accounts.write_text(
        "Key,Name,Boss\n"
        'A1,"=HYPERLINK(""http://evil.example"")",\n'
        "A2,[bold]Markup[/bold] & Co,\n"
        "A2,Twice,\n"
        "A3,Bell\x07 Inc,\n"
        "A\u202e4,Reversed id,\n"
    )
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("Key,Account,Name,Boss\nC1,A1,Ada,\nC2,A1,Bob,C1\nC3,A1,Cy,C9\nC4,A9,Di,\n")
    mapping = _mapping(
        tmp_path,
        "files:\n"
        "  - {match: accounts.csv, kind: accounts, id: Key, columns: {Name: name}}\n"
        "  - match: contacts.csv\n"
        "    kind: contacts\n"
        "    id: Key\n"
        "    account: Account\n"
        "    columns: {Name: name, Boss: reports_to}\n",
    )
    args = ["import", "--db", str(store_path), "--yes", "--skip-bad-rows", "--mapping"]
    code, out, err = run(capsys, *args, str(mapping), str(accounts), str(contacts))
    assert code == 0, err
    assert "accounts.csv:4: Key: a unique id; A2 is also on line 3" in out
    assert "accounts.csv:5: Name: " in out  # the BEL control character
    expected = "a record id of at most 120 characters, without control characters"
    assert f"accounts.csv:6: Key: {expected}" in out
    assert "contacts.csv:4: Boss: the id of a record of contacts this import holds, not 'C9'" in out
    assert "contacts.csv:5: Account: the id of an imported account, not 'A9'" in out
    repository = Repository.open(store_path, read_only=True)
    names = sorted(account.name for account in repository.accounts())
    assert names == ['=HYPERLINK("http://evil.example")', "[bold]Markup[/bold] & Co"]
    contacts_by_name = {contact.name: contact for contact in repository.all(Contact)}
    assert sorted(contacts_by_name) == ["Ada", "Bob"]
    assert contacts_by_name["Bob"].reports_to == contacts_by_name["Ada"].id
    repository.close()


def test_a_typo_in_a_choice_is_taken_and_noted(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    accounts = tmp_path / "accounts.csv"
    accounts.write_text("Name,Heat,Stage\nAcme,hott,Demo provded\n")
    mapping = _mapping(
        tmp_path,
        "files:\n"
        "  - {match: accounts.csv, kind: accounts, columns: {Name: name, Heat: rating, "
        "Stage: status}}\n",
    )
    args = ["import", "--db", str(store_path), "--yes", "--mapping", str(mapping)]
    code, out, err = run(capsys, *args, str(accounts))
    assert code == 0, err
    assert "note: accounts.csv:2: Heat: took 'hott' as 'Hot'" in out
    assert "note: accounts.csv:2: Stage: took 'Demo provded' as 'Demo provided'" in out
    repository = Repository.open(store_path, read_only=True)
    acme = repository.accounts()[0]
    assert (acme.rating, acme.status, acme.lifecycle) == ("Hot", "Demo provided", "New")
    repository.close()
