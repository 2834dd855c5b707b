"""The benchmark's generated Salesforce export: well-formed, and imported without a problem."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from kam_tui.bench.exchange_probe import STAGES, accounts_and_activities, salesforce_export
from kam_tui.cli.main import main
from kam_tui.config.settings import Settings
from kam_tui.domain.models import Account, Activity, Deal
from kam_tui.services import Workspace
from kam_tui.services.importing import apply_import, plan_import
from kam_tui.store import Repository


def test_the_generated_export_has_every_stage_and_messy_amounts() -> None:
    accounts, deals = salesforce_export(3, 20)
    account_rows = list(csv.DictReader(io.StringIO(accounts, newline="")))
    deal_rows = list(csv.DictReader(io.StringIO(deals, newline="")))
    assert [row["Name"] for row in account_rows] == [
        "Bench Account 000, Inc.",
        "Bench Account 001, Inc.",
        "Bench Account 002, Inc.",
    ]
    assert len(deal_rows) == 20
    assert {row["StageName"] for row in deal_rows} == {stage for stage, *_ in STAGES}
    # deal 1: 1,000 + 7,919 = 8,919 with cents and a separator; deal 2: 1,000 + 15,838
    assert [row["Amount"] for row in deal_rows[1:3]] == ["8,919.50", "16838"]
    assert deal_rows[4]["AccountId"] == account_rows[1]["Id"]  # 4 % 3 == 1
    assert (deal_rows[0]["CreatedDate"], deal_rows[0]["CloseDate"]) == ("01/02/23", "02/01/23")
    assert accounts.endswith("\r\n") and '"8,919.50"' in deals


def test_the_generated_export_imports_every_row(
    tmp_path: Path, repo: Repository, settings: Settings
) -> None:
    accounts, deals = salesforce_export(4, 30)
    (tmp_path / "Account.csv").write_text(accounts, encoding="utf-8", newline="")
    (tmp_path / "Opportunity.csv").write_text(deals, encoding="utf-8", newline="")
    workspace = Workspace(repo, settings)
    plan = plan_import(
        workspace, [tmp_path / "Account.csv", tmp_path / "Opportunity.csv"], settings=None
    )
    assert plan.refusals == [] and plan.problems == []
    assert [(item.name, item.created) for item in plan.files] == [
        ("Account.csv", 4),
        ("Opportunity.csv", 30),
    ]
    assert apply_import(workspace, plan, "bench").value == 34
    assert repo.count(Account) == 4 and repo.count(Deal) == 30
    amounts = sorted(deal.amount for deal in repo.all(Deal))
    assert 891_950 in amounts  # "8,919.50" in cents


def test_the_accounts_and_activities_alone_import_without_a_problem(
    tmp_path: Path, demo_repo: Repository, settings: Settings
) -> None:
    exported = tmp_path / "exported"
    exported.mkdir()
    demo_repo.close()
    export = ["--db", str(demo_repo.path), "export", "--format", "csv", "--out", str(exported)]
    assert main(export) == 0
    files = accounts_and_activities(exported, tmp_path / "shaped")
    assert [path.name for path in files] == ["accounts.csv", "activities.csv"]
    text = files[1].read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows and {row["contact_ids"] for row in rows} == {""}
    original = (exported / "activities.csv").read_text(encoding="utf-8")
    # The demo's activities name contacts, so the emptying is what the test sees.
    assert any(row["contact_ids"] for row in csv.DictReader(io.StringIO(original, newline="")))
    fresh = Repository.open(tmp_path / "fresh" / "kam.json", settings.schema)
    try:
        workspace = Workspace(fresh, settings)
        plan = plan_import(workspace, files)
        assert plan.refusals == [] and plan.problems == []
        written = apply_import(workspace, plan, "bench").value
        assert (fresh.count(Activity), written) == (len(rows), len(rows) + fresh.count(Account))
        assert fresh.count(Account) == 30
    finally:
        fresh.close()
