"""HubSpot activity exports (calls, meetings, emails, notes, tasks) imported as activities
of their companies' accounts, beside the companies file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kam_tui.cli.main import main
from kam_tui.domain.models import Account, Activity
from kam_tui.store import Repository

FOLDER = Path(__file__).resolve().parents[1] / "data" / "hubspot-activities"
FILES = sorted(str(path) for path in FOLDER.glob("*.csv"))
PREFIX = "hubspot-crm-exports-"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_dry_run_counts_each_activity_file(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    code, out, _ = run(capsys, "import", "--db", str(store_path), "--dry-run", *FILES)
    assert code == 1
    assert f"{PREFIX}calls-2024-09-01.csv (HubSpot Call): 3 row(s): 2 to create" in out
    assert f"{PREFIX}meetings-2024-09-01.csv (HubSpot Meeting): 1 row(s): 1 to create" in out
    assert f"{PREFIX}notes-2024-09-01.csv (HubSpot Note): 1 row(s): 1 to create" in out
    assert f"{PREFIX}tasks-2024-09-01.csv (HubSpot Task): 3 row(s): 2 to create" in out
    assert (
        f"{PREFIX}calls-2024-09-01.csv:4: Associated Company IDs: the Record ID of an "
        "imported account, not '9999'"
    ) in out
    assert "1 task(s) not completed left out" in out
    assert not store_path.exists()


def test_activities_come_in_on_their_accounts_and_a_second_import_changes_nothing(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    args = ["import", "--db", str(store_path), "--yes", "--skip-bad-rows", *FILES]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert "Imported 9 record(s)" in out  # 3 companies, 2 calls, 1 meeting, 1 note, 2 tasks
    repository = Repository.open(store_path, read_only=True)
    accounts = {account.name: account for account in repository.accounts()}
    acme, nordwind = accounts["Acme Robotics"], accounts["Nordwind Logistik, GmbH"]
    harbor = accounts["Blue Harbor Foods"]
    seen = {
        (activity.account_id, activity.kind, activity.day, activity.summary, activity.logged_by)
        for activity in repository.all(Activity)
    }
    assert seen == {
        (
            acme.id,
            "call",
            date(2024, 8, 12),
            "Kick-off call\nAgreed the rollout plan, next step: pilot",
            "Jane Doe",
        ),
        # The first associated company is the account; markup and a formula kept as text.
        (
            nordwind.id,
            "call",
            date(2024, 8, 14),
            '[bold]Pricing[/bold] call\n=HYPERLINK("http://x")',
            "Max Mustermann",
        ),
        # No company id: the company's name finds the account.
        (
            harbor.id,
            "meeting",
            date(2024, 8, 20),
            "Quarterly review\nWalked the plant.\nThey want a second line.",
            "Jane Doe",
        ),
        (nordwind.id, "note", date(2024, 8, 21), "Budget freeze until Q4", "Max Mustermann"),
        (
            acme.id,
            "email",
            date(2024, 8, 22),
            "Send the proposal\nSent v2 with the discount",
            "Jane Doe",
        ),
        (harbor.id, "call", date(2024, 8, 23), "Follow-up call\nReached the CFO", "Jane Doe"),
    }
    # Each account's last contact follows its newest activity.
    assert (acme.last_contact, nordwind.last_contact, harbor.last_contact) == (
        date(2024, 8, 22),
        date(2024, 8, 21),
        date(2024, 8, 23),
    )
    repository.close()
    before = store_path.read_bytes()
    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert "Nothing to import" in out
    assert store_path.read_bytes() == before
    assert Repository.open(store_path, read_only=True).count(Account) == 3
