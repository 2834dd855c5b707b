"""Figures of import and export, each the wall time of one `kam` command in a child process
(Python's start included, as a user runs it): the CSV export of the benchmark's store and
that export imported back into an empty store (all of it, and its accounts and activities
alone, as the issue counts them), and a Salesforce-shaped export of deals imported into an
empty store, as a dry run and for real."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from kam_tui.bench.child import isolated_env

EXCHANGE_ACCOUNTS = 100
"""Accounts of the generated Salesforce export."""
EXCHANGE_DEALS = 10_000
"""Opportunities of the generated Salesforce export, spread evenly over its accounts."""
TIMEOUT_SECONDS = 600.0
"""The longest one command may take before the benchmark gives up."""
FIRST_CREATED = date(2023, 1, 2)
"""The created date of the first generated opportunity."""

STAGES: tuple[tuple[str, int, bool, bool], ...] = (
    ("Prospecting", 10, False, False),
    ("Qualification", 10, False, False),
    ("Needs Analysis", 20, False, False),
    ("Value Proposition", 50, False, False),
    ("Id. Decision Makers", 60, False, False),
    ("Perception Analysis", 70, False, False),
    ("Proposal/Price Quote", 75, False, False),
    ("Negotiation/Review", 90, False, False),
    ("Closed Won", 100, True, True),
    ("Closed Lost", 0, True, False),
)
"""Salesforce's ten standard stages: (name, probability, IsClosed, IsWon)."""
ACCOUNT_COLUMNS = "Id,IsDeleted,Name,Type,BillingCity,BillingState,Industry,AnnualRevenue,Rating"
"""The generated Account.csv's header (Data Loader's names)."""
OPPORTUNITY_COLUMNS = (
    "Id,AccountId,Name,StageName,Amount,Probability,CloseDate,IsClosed,IsWon,CreatedDate,LeadSource"
)
"""The generated Opportunity.csv's header."""
INDUSTRIES = ("Energy", "Electronics", "Apparel", "Construction", "Consulting", "Hospitality")


class ExchangeFailed(RuntimeError):
    """A `kam` command of the probe did not succeed."""


@dataclass(frozen=True)
class ExchangeRuns:
    """What the exchange probe measured."""

    export_csv_s: float
    """`kam export --format csv` of the benchmark's store into a new folder."""
    export_files: int
    """The CSV files that export wrote."""
    accounts: int
    """Accounts of the generated Salesforce export."""
    deals: int
    """Opportunities of the generated Salesforce export."""
    deals_dry_run_s: float
    """`kam import --dry-run` of the generated Account.csv and Opportunity.csv (no store)."""
    deals_import_s: float
    """`kam import --yes` of the same files into a new store, saved when it exits."""
    imported_records: int
    """The records that import created (accounts, deals, their history entries)."""
    roundtrip_s: float
    """`kam import --yes` of the CSV export (every file) into a new store."""
    roundtrip_records: int
    """The records that import created."""
    accounts_activities_s: float
    """`kam import --yes` of the export's accounts and activities alone into a new store:
    the issue's "10,000 accounts with 100,000 activities" (their contact cells emptied,
    since no contacts come with them)."""
    accounts_activities_records: int
    """The records that import created."""


def _us_date(day: date) -> str:
    """A date as Salesforce's Data Loader writes it for a US user: MM/DD/YY."""
    return day.strftime("%m/%d/%y")


def salesforce_export(accounts: int, deals: int) -> tuple[str, str]:
    """The text of a Salesforce Data Loader Account.csv and Opportunity.csv: `deals`
    opportunities over `accounts` accounts, every standard stage, amounts with and without
    cents and thousands separators (so some cells are quoted), US dates, CRLF line ends."""
    account_rows = [ACCOUNT_COLUMNS.split(",")]
    for number in range(accounts):
        account_rows.append(
            [
                f"001BENCH{number:010d}",
                "FALSE",
                f"Bench Account {number:03d}, Inc.",
                "Customer - Direct",
                "Austin",
                "TX",
                INDUSTRIES[number % len(INDUSTRIES)],
                str(1_000_000 * (number + 1)),
                ("Hot", "Warm", "Cold")[number % 3],
            ]
        )
    deal_rows = [OPPORTUNITY_COLUMNS.split(",")]
    for number in range(deals):
        stage, probability, closed, won = STAGES[number % len(STAGES)]
        created = FIRST_CREATED + timedelta(days=number % 700)
        amount = 1_000 + (number * 7_919) % 490_000
        deal_rows.append(
            [
                f"006BENCH{number:010d}",
                f"001BENCH{number % accounts:010d}",
                f"Bench deal {number}",
                stage,
                f"{amount:,}.50" if number % 2 else str(amount),
                str(probability),
                _us_date(created + timedelta(days=30 + number % 90)),
                "TRUE" if closed else "FALSE",
                "TRUE" if won else "FALSE",
                _us_date(created),
                "Web",
            ]
        )
    return _csv(account_rows), _csv(deal_rows)


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def run_kam(arguments: list[str], home: Path) -> tuple[float, str]:
    """Run `kam ARGUMENTS` in a child process with its user folders under `home`; its wall
    seconds and its output. Raises ExchangeFailed when it does not exit with 0."""
    home.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "kam_tui", *arguments]
    started = time.perf_counter()
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=isolated_env(home),
        stdin=subprocess.DEVNULL,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise ExchangeFailed(
            f"`kam {' '.join(arguments[:3])} …` exited with {done.returncode}:\n"
            f"{done.stderr[-2000:]}{done.stdout[-1000:]}"
        )
    return seconds, done.stdout


def accounts_and_activities(exported: Path, folder: Path) -> list[Path]:
    """The accounts.csv and activities.csv of kam's CSV export in `exported`, copied into
    `folder` with each activity's contacts emptied (no contacts come with them)."""
    folder.mkdir(parents=True)
    accounts = folder / "accounts.csv"
    accounts.write_bytes((exported / "accounts.csv").read_bytes())
    text = (exported / "activities.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    column = rows[0].index("contact_ids")
    for row in rows[1:]:
        row[column] = ""
    activities = folder / "activities.csv"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    activities.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return [accounts, activities]


def _imported(output: str) -> int:
    """The count in the CLI's "Imported N record(s)" line."""
    for line in output.splitlines():
        if line.startswith("Imported ") and " record(s)" in line:
            return int(line.split()[1].replace(",", ""))
    raise ExchangeFailed(f"the import did not say what it imported:\n{output[-1000:]}")


def measure_exchange(
    store: Path, work: Path, accounts: int = EXCHANGE_ACCOUNTS, deals: int = EXCHANGE_DEALS
) -> ExchangeRuns:
    """Export `store` to CSV; import a generated Salesforce export of `deals` deals over
    `accounts` accounts into an empty store, as a dry run and for real; then import the
    CSV export into another empty store."""
    home = work / "home"
    exported = work / "exported"
    exported.mkdir(parents=True)
    export_s, _ = run_kam(
        ["--db", str(store), "export", "--format", "csv", "--out", str(exported)], home
    )
    account_text, deal_text = salesforce_export(accounts, deals)
    source = work / "salesforce"
    source.mkdir()
    (source / "Account.csv").write_text(account_text, encoding="utf-8", newline="")
    (source / "Opportunity.csv").write_text(deal_text, encoding="utf-8", newline="")
    files = [str(source / "Account.csv"), str(source / "Opportunity.csv")]
    target = work / "imported" / "kam.json"
    dry_s, _ = run_kam(["--db", str(target), "import", "--dry-run", *files], home)
    if target.exists():
        raise ExchangeFailed("the dry run wrote a store")
    import_s, output = run_kam(["--db", str(target), "import", "--yes", *files], home)
    exported_files = sorted(str(path) for path in exported.glob("*.csv"))
    back = work / "roundtrip" / "kam.json"
    roundtrip_s, back_output = run_kam(
        ["--db", str(back), "import", "--yes", *exported_files], home
    )
    shaped = [str(path) for path in accounts_and_activities(exported, work / "shaped")]
    shaped_s, shaped_output = run_kam(
        ["--db", str(work / "shaped-store" / "kam.json"), "import", "--yes", *shaped], home
    )
    return ExchangeRuns(
        export_csv_s=export_s,
        export_files=len(exported_files),
        accounts=accounts,
        deals=deals,
        deals_dry_run_s=dry_s,
        deals_import_s=import_s,
        imported_records=_imported(output),
        roundtrip_s=roundtrip_s,
        roundtrip_records=_imported(back_output),
        accounts_activities_s=shaped_s,
        accounts_activities_records=_imported(shaped_output),
    )


def exchange_figures(runs: ExchangeRuns) -> dict[str, object]:
    """The probe's figures, with their units in their keys."""
    return {
        "export_csv_s": runs.export_csv_s,
        "export_csv_files": runs.export_files,
        "import_deals_accounts": runs.accounts,
        "import_deals_deals": runs.deals,
        "import_deals_dry_run_s": runs.deals_dry_run_s,
        "import_deals_s": runs.deals_import_s,
        "import_deals_records": runs.imported_records,
        "import_roundtrip_s": runs.roundtrip_s,
        "import_roundtrip_records": runs.roundtrip_records,
        "import_accounts_activities_s": runs.accounts_activities_s,
        "import_accounts_activities_records": runs.accounts_activities_records,
    }
