"""`kam import` of hand-made HubSpot exports (companies, contacts, deals), end to end."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kam_tui.cli.main import main
from kam_tui.domain.exchange.values import parse_when
from kam_tui.domain.models import Account, Contact, Deal, ImportLink
from kam_tui.store import Repository

HUBSPOT = Path(__file__).resolve().parents[1] / "data" / "hubspot"
PREFIX = "hubspot-crm-exports-"
FILES = [
    str(HUBSPOT / f"{PREFIX}{kind}-2024-09-01.csv") for kind in ("companies", "contacts", "deals")
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_dry_run_names_each_file_and_every_problem(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    code, out, _ = run(capsys, "import", "--db", str(store_path), "--dry-run", *FILES)
    assert code == 1  # problems stop a real import
    assert f"{PREFIX}companies-2024-09-01.csv (HubSpot Company): 3 row(s): 3 to create" in out
    assert f"{PREFIX}contacts-2024-09-01.csv (HubSpot Contact): 4 row(s): 3 to create" in out
    assert f"{PREFIX}deals-2024-09-01.csv (HubSpot Deal): 6 row(s): 5 to create" in out
    assert (
        f"{PREFIX}contacts-2024-09-01.csv:5: Associated Company IDs: the Record ID of an "
        "account, or its name in Associated Company (both cells are empty)"
    ) in out
    assert (
        f"{PREFIX}deals-2024-09-01.csv:6: Deal Stage: a stage named in import.stage_map, "
        "not 'Negotiating' (did you mean 'Negotiation/Review'?)"
    ) in out
    assert "2 problem(s):" in out
    assert (  # Klaus Berger's contact row names 9002;9003
        "note: 1 row(s) name several companies in Associated Company IDs (first: "
        f"{PREFIX}contacts-2024-09-01.csv:3): each came in on the first named, the primary"
    ) in out
    assert not store_path.exists()


def test_a_bad_row_stops_the_import(capsys: pytest.CaptureFixture[str], store_path: Path) -> None:
    code, _, err = run(capsys, "import", "--db", str(store_path), "--yes", *FILES)
    assert code == 1
    assert "nothing was imported: 2 problem(s)" in err


def _imported(capsys: pytest.CaptureFixture[str], store_path: Path) -> Repository:
    args = ["import", "--db", str(store_path), "--yes", "--skip-bad-rows", *FILES]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert "Imported 11 record(s)" in out
    return Repository.open(store_path, read_only=True)


def test_the_good_rows_import_with_their_counts_and_values(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    repository = _imported(capsys, store_path)
    assert (repository.count(Account), repository.count(Contact), repository.count(Deal)) == (
        3,
        3,
        5,
    )
    accounts = {account.name: account for account in repository.accounts()}
    # Companies line 2 (after the BOM; CRLF): "12,500,000", Jane Doe, Boston, MA.
    acme = accounts["Acme Robotics"]
    assert (acme.address, acme.website, acme.industry) == (
        "Boston, MA, United States",
        "acme-robotics.example",
        "Industrial Automation",
    )
    assert (acme.annual_revenue, acme.assignee) == (1_250_000_000, "Jane Doe")
    # An open deal in Contract sent and a won one: Proposal sent since it was created.
    assert (acme.status, acme.status_since, acme.lifecycle) == (
        "Proposal sent",
        date(2024, 3, 10),
        "Existing",
    )
    nordwind = accounts["Nordwind Logistik, GmbH"]  # a quoted comma; no state
    assert (nordwind.address, nordwind.annual_revenue) == ("Hamburg, Germany", 450_000_050)
    # appointmentscheduled (open, created 2024-05-02) and a lost deal, nothing won.
    assert (nordwind.status, nordwind.status_since, nordwind.lifecycle) == (
        "Contacted",
        date(2024, 5, 2),
        "New",
    )
    harbor = accounts["Blue Harbor Foods"]
    assert (harbor.annual_revenue, harbor.assignee, harbor.status) == (0, "", "Demo provided")
    contacts = {contact.name: contact for contact in repository.all(Contact)}
    ada = contacts["Ada Lovelace"]
    assert (ada.title, ada.phone, ada.owner, ada.account_id) == (
        "VP, Operations",
        "(617) 555-0101",
        "Jane Doe",
        acme.id,
    )
    assert contacts["Klaus Berger"].account_id == nordwind.id  # "9002;9003": the first
    assert contacts["Maya Chen"].account_id == harbor.id  # no id: linked by the name
    assert "Sam Walker" not in contacts
    deals = {deal.title: deal for deal in repository.all(Deal)}
    retrofit = deals["Acme line retrofit"]  # "$185,000.00", 06/30/2024, 03/10/2024 10:00 AM
    assert (retrofit.amount, retrofit.stage, retrofit.outcome) == (
        18_500_000,
        "Proposal sent",
        "open",
    )
    assert (retrofit.close_date, retrofit.created, retrofit.owner) == (
        date(2024, 6, 30),
        date(2024, 3, 10),
        "Jane Doe",
    )
    assert retrofit.probability == 35  # "Deal probability" 0.35
    spare = deals["Acme spare parts"]  # Closed won, "42,000", created 11/02/2023
    assert (spare.amount, spare.stage, spare.outcome, spare.created) == (
        4_200_000,
        "Won",
        "won",
        date(2023, 11, 2),
    )
    assert spare.probability == 100  # "1"
    pilot = deals["Nordwind fleet pilot"]  # 09/30/24: a two-digit year
    assert pilot.probability == 20  # empty: appointmentscheduled's default
    assert (pilot.stage, pilot.close_date, pilot.amount) == (
        "Contacted",
        date(2024, 9, 30),
        7_500_000,
    )
    warehouse = deals["Nordwind warehouse"]
    assert (warehouse.outcome, warehouse.stage, warehouse.amount) == ("lost", "Lost", 12_000_050)
    cold = deals["Blue Harbor cold storage"]  # "1,250.5"; 2024-08-15 04:30 PM; by name
    assert cold.probability == 80  # "… Bought-In (Sales Pipeline)": its default
    assert (cold.amount, cold.stage, cold.created, cold.account_id) == (
        125_050,
        "Demo provided",
        date(2024, 8, 15),
        harbor.id,
    )
    assert "Blue Harbor trial" not in deals
    systems = {(link.system, link.object) for link in repository.all(ImportLink)}
    assert systems == {("HubSpot", "Company"), ("HubSpot", "Contact"), ("HubSpot", "Deal")}
    repository.close()


def test_a_second_import_changes_nothing(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    _imported(capsys, store_path).close()
    before = store_path.read_bytes()
    args = ["import", "--db", str(store_path), "--yes", "--skip-bad-rows", *FILES]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert "Nothing to import: the store already holds all of it." in out
    assert store_path.read_bytes() == before


def test_the_config_maps_a_stage_of_its_own_pipeline(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("import:\n  stage_map:\n    Negotiating: Proposal sent\n")
    args = ["import", "--db", str(store_path), "--config", str(config), "--yes", "--skip-bad-rows"]
    code, out, err = run(capsys, *args, *FILES)
    assert code == 0, err
    assert "Imported 12 record(s)" in out
    repository = Repository.open(store_path, read_only=True)
    trial = next(deal for deal in repository.all(Deal) if deal.title == "Blue Harbor trial")
    assert (trial.stage, trial.outcome, trial.amount) == ("Proposal sent", "open", 990_000)
    repository.close()


def test_an_iso_moment_with_a_twelve_hour_time_is_read() -> None:
    moment = parse_when("2024-08-15 04:30 PM")
    assert moment is not None and (moment.hour, moment.minute) == (16, 30)
    twelve = parse_when("2024-08-15 12:05 AM")
    assert twelve is not None and twelve.hour == 0
    with pytest.raises(ValueError, match="hour 13 with PM"):
        parse_when("2024-08-15 13:05 PM")


def test_a_latin1_or_truncated_hubspot_file_is_named_not_misread(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    latin = tmp_path / "companies.csv"
    latin.write_bytes("Record ID,Company name\n1,Café Müller\n".encode("latin-1"))
    code, _, err = run(capsys, "import", "--db", str(store_path), "--dry-run", str(latin))
    assert code == 1
    assert "companies.csv:2: byte 28: UTF-8 text, not 0xe9 is 'é' in Latin-1/CP1252" in err
    cut = tmp_path / "deals.csv"
    cut.write_text(
        "Record ID,Deal Name,Deal Stage,Associated Company\n"
        "1,Whole,Closed won,Acme\n"
        '2,"Cut short,Closed'
    )
    companies = tmp_path / "named.csv"
    companies.write_text("Record ID,Company name\n9,Acme\n")
    args = ["import", "--db", str(store_path), "--dry-run", str(companies), str(cut)]
    code, out, _ = run(capsys, *args)
    assert code == 1
    assert "deals.csv:3: a complete last line (the file is truncated: a quote is not closed)" in out
    assert "deals.csv (HubSpot Deal): 2 row(s): 1 to create" in out
