"""`kam import` of the real Salesforce sample org, end to end, into a fresh store."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kam_tui.cli.main import main
from kam_tui.config.settings import Settings
from kam_tui.domain.models import Account, Contact, Deal, ImportLink, StatusChange
from kam_tui.services import Workspace
from kam_tui.services.importing import apply_import, plan_import
from kam_tui.store import Repository

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "salesforce-devorg"
"""The real Salesforce export (MIT; its README says where from), kept with the tests."""
FILES = [
    str(SAMPLE / f"{name}.csv")
    for name in ("Account", "Contact", "Opportunity", "OpportunityHistory")
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _imported(capsys: pytest.CaptureFixture[str], store_path: Path) -> Repository:
    code, out, err = run(capsys, "import", "--db", str(store_path), "--yes", *FILES)
    assert code == 0, err
    assert "Imported 127 record(s)" in out
    return Repository.open(store_path, read_only=True)


def test_the_sample_org_imports_with_its_counts(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    repository = _imported(capsys, store_path)
    assert repository.count(Account) == 18
    assert repository.count(Contact) == 25
    assert repository.count(Deal) == 36
    deal_history = [
        entry for entry in repository.all(StatusChange) if entry.reason.startswith("deal ")
    ]
    assert len(deal_history) == 48
    repository.close()


def test_sample_values_match_the_csv(capsys: pytest.CaptureFixture[str], store_path: Path) -> None:
    repository = _imported(capsys, store_path)
    accounts = {account.name: account for account in repository.accounts()}
    # Account.csv line 2: Edge Communications,...,Austin,TX,...,Electronics,139000000,...,Hot
    edge = accounts["Edge Communications"]
    assert (edge.industry, edge.rating, edge.address) == ("Electronics", "Hot", "Austin, TX")
    assert edge.annual_revenue == 13_900_000_000
    assert "United Oil & Gas, UK" in accounts  # a quoted comma
    # Contact.csv line 2: Rose Gonzalez, "SVP, Procurement", rose@edge.com, (512) 757-6000
    rose = next(c for c in repository.all(Contact) if c.name == "Rose Gonzalez")
    assert (rose.title, rose.email, rose.phone) == (
        "SVP, Procurement",
        "rose@edge.com",
        "(512) 757-6000",
    )
    assert (rose.level, rose.buying_role, rose.account_id) == ("management", "influencer", edge.id)
    deals = {deal.title: deal for deal in repository.all(Deal)}
    # Opportunity.csv line 4: Closed Won, 220000, 100, CloseDate 02/03/24, CreatedDate 02/23/26
    express = deals["Express Logistics Standby Generator"]
    assert (express.stage, express.outcome, express.amount) == ("Won", "won", 22_000_000)
    assert (express.probability, express.close_date) == (100, date(2024, 2, 3))
    assert express.created is None  # created after it closed (loaded later): left unknown
    # Line 33: Proposal/Price Quote, no amount, 75, CloseDate 03/31/26, CreatedDate 02/24/26
    zenith = deals["Zenith Industrial Partners-"]
    assert (zenith.stage, zenith.outcome, zenith.amount) == ("Proposal sent", "open", 0)
    assert (zenith.created, zenith.close_date) == (date(2026, 2, 24), date(2026, 3, 31))
    # Farmers' deal: Prospecting 02/24/26 02:18 AM, Closed Won 02:20 AM, Closed Lost 03/07/26.
    farmers = accounts["Farmers Coop. of Florida"]
    steps = [
        (entry.day, entry.from_value, entry.to_value)
        for entry in repository.children(StatusChange, farmers.id)
        if entry.reason.startswith("deal ")
    ]
    assert sorted(steps) == [
        (date(2026, 2, 24), "", "Contacted"),
        (date(2026, 2, 24), "Contacted", "Won"),
        (date(2026, 3, 7), "Won", "Lost"),
    ]
    assert (farmers.status, farmers.lifecycle) == ("Lost", "Lost")
    # Its status since the day its deal entered Closed Lost, which its own history dates.
    assert farmers.status_since == date(2026, 3, 7)
    own = [e for e in repository.children(StatusChange, farmers.id) if e.reason == ""]
    assert [(e.kind, e.day, e.to_value) for e in own if e.kind == "status"] == [
        ("status", date(2026, 3, 7), "Lost")
    ]
    # Zenith's open deal entered Proposal/Price Quote on 02/24/26 02:20 AM.
    zenith_account = accounts["Zenith Industrial Partners"]
    assert (zenith_account.status, zenith_account.status_since) == (
        "Proposal sent",
        date(2026, 2, 24),
    )
    # Pyramid has one open Prospecting deal and nothing won.
    assert (
        accounts["Pyramid Construction Inc."].status,
        accounts["Pyramid Construction Inc."].lifecycle,
    ) == (
        "Contacted",
        "New",
    )
    repository.close()


def test_every_salesforce_stage_is_mapped(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    repository = _imported(capsys, store_path)
    stages = sorted({deal.stage for deal in repository.all(Deal)})
    assert stages == ["Contacted", "Demo provided", "Lost", "Proposal sent", "Won"]
    repository.close()


def test_the_dry_run_writes_nothing(capsys: pytest.CaptureFixture[str], store_path: Path) -> None:
    assert run(capsys, "demo", "--db", str(store_path))[0] == 0
    before = store_path.read_bytes()
    code, out, err = run(capsys, "import", "--db", str(store_path), "--dry-run", *FILES)
    assert code == 0, err
    assert "Account.csv (Salesforce Account): 18 row(s): 18 to create" in out
    assert "OpportunityHistory.csv (Salesforce OpportunityHistory): 48 row(s): 48 to create" in out
    assert "dry run: nothing was written" in out
    assert store_path.read_bytes() == before


def test_without_a_terminal_the_import_asks_for_yes(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    code, _, err = run(capsys, "import", "--db", str(store_path), *FILES)
    assert code == 2 and "add --yes" in err
    assert not store_path.exists()


def test_a_second_import_changes_nothing(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    _imported(capsys, store_path).close()
    before = store_path.read_bytes()
    code, out, err = run(capsys, "import", "--db", str(store_path), "--yes", *FILES)
    assert code == 0, err
    assert (
        "Account.csv (Salesforce Account): 18 row(s): 0 to create, 0 to update, 18 unchanged" in out
    )
    assert "Nothing to import" in out
    assert store_path.read_bytes() == before


def test_a_newer_export_updates_what_changed_and_keeps_what_the_user_edited(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    _imported(capsys, store_path).close()
    repository = Repository.open(store_path, read_only=False)
    workspace = Workspace(repository, Settings())
    burlington = next(a for a in workspace.accounts() if a.name.startswith("Burlington"))
    assert workspace.save(replace(burlington, address="Edited by me")).refusal is None
    repository.close()
    newer = tmp_path / "Account.csv"
    text = (SAMPLE / "Account.csv").read_text(encoding="utf-8")
    newer.write_text(text.replace("Austin,TX", "Dallas,TX").replace("Burlington,NC", "Durham,NC"))
    code, out, err = run(capsys, "import", "--db", str(store_path), "--yes", str(newer))
    assert code == 0, err
    assert "0 to create, 1 to update, 17 unchanged" in out
    assert "Account.csv:3: BillingCity: kept the address edited in kam" in out
    repository = Repository.open(store_path, read_only=True)
    addresses = {a.name: a.address for a in repository.accounts()}
    assert addresses["Edge Communications"] == "Dallas, TX"
    assert addresses["Burlington Textiles Corp of America"] == "Edited by me"
    assert repository.count(Account) == 18
    repository.close()


def test_deleting_an_imported_account_deletes_its_links(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    _imported(capsys, store_path).close()
    repository = Repository.open(store_path, read_only=False)
    workspace = Workspace(repository, Settings())
    edge = next(a for a in workspace.accounts() if a.name == "Edge Communications")
    links = len(workspace.children(ImportLink, edge.id))
    # The account, its 2 contacts, 4 deals and their 5 stage-history entries (Edge SLA
    # was Closed Won, then Closed Lost).
    assert links == 12
    total = workspace.count(ImportLink)
    assert workspace.delete(edge).refusal is None
    assert workspace.count(ImportLink) == total - links
    repository.close()


def test_the_import_is_one_change_that_undo_takes_back(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True, exist_ok=True)
    repository = Repository.open(store_path, Settings().schema, read_only=False)
    workspace = Workspace(repository, Settings())
    plan = plan_import(workspace, [Path(name) for name in FILES])
    outcome = apply_import(workspace, plan, "Imported the sample")
    assert outcome.refusal is None and outcome.value == 127
    assert workspace.count(Deal) == 36
    undone = workspace.undo()
    assert undone.value is not None and undone.value.description == "Imported the sample"
    counts = [workspace.count(kind) for kind in (Account, Contact, Deal, StatusChange, ImportLink)]
    assert counts == [0, 0, 0, 0, 0]
    repository.close()


def test_a_stage_history_imported_later_finds_its_deals_by_their_links(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    first = ["import", "--db", str(store_path), "--yes", *FILES[:3]]
    assert run(capsys, *first)[0] == 0
    code, out, err = run(capsys, "import", "--db", str(store_path), "--yes", FILES[3])
    assert code == 0, err
    assert "48 row(s): 48 to create" in out
    repository = Repository.open(store_path, read_only=True)
    reasons = [entry.reason for entry in repository.all(StatusChange)]
    assert sum(reason.startswith("deal ") for reason in reasons) == 48
    assert "deal GenePoint SLA: Closed Won" in reasons
    repository.close()


def test_on_a_terminal_the_import_asks_first(
    capsys: pytest.CaptureFixture[str], store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter(["n", "y"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    code, out, _ = run(capsys, "import", "--db", str(store_path), FILES[0])
    assert code == 1 and "Nothing was imported." in out
    code, out, _ = run(capsys, "import", "--db", str(store_path), FILES[0])
    assert code == 0 and "Imported 18 record(s)" in out


def test_an_import_into_a_store_with_data_says_it_was_backed_up(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    assert run(capsys, "demo", "--db", str(store_path))[0] == 0
    code, out, err = run(capsys, "import", "--db", str(store_path), "--yes", FILES[0])
    assert code == 0, err
    assert "`kam restore` lists the backups" in out
    code, out, _ = run(capsys, "restore", "--db", str(store_path))
    assert code == 0 and "1. " in out
