"""Source ids belong to their system: a row of one system never links to an account that
another system (or another mapping) brought in under the same id."""

from __future__ import annotations

from pathlib import Path

import pytest

from kam_tui.bench.exchange_probe import ACCOUNT_COLUMNS, OPPORTUNITY_COLUMNS
from kam_tui.cli.main import main
from kam_tui.domain.models import Account, Deal
from kam_tui.store import Repository

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mapping.yaml"
CUSTOMERS = ROOT / "examples" / "mapping" / "customers.csv"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _opportunity(path: Path, account_id: str) -> Path:
    """A Salesforce Opportunity.csv of one deal naming `account_id` as its account."""
    cells = ("006X00000000001", account_id, "Cross deal", "Prospecting", "100", "10")
    row = ",".join((*cells, "01/31/25", "FALSE", "FALSE", "01/02/25", "Web"))
    path.write_text(f"{OPPORTUNITY_COLUMNS}\r\n{row}\r\n", encoding="utf-8")
    return path


def test_the_same_system_still_links_by_id(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    account = tmp_path / "Account.csv"
    account.write_text(
        f"{ACCOUNT_COLUMNS}\r\n001X00000000001,FALSE,Acme Corp,Customer - Direct,,,,,\r\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "import", "--db", str(store_path), "--yes", str(account))
    assert code == 0, err
    opportunity = _opportunity(tmp_path / "Opportunity.csv", "001X00000000001")
    code, _, err = run(capsys, "import", "--db", str(store_path), "--yes", str(opportunity))
    assert code == 0, err
    repository = Repository.open(store_path, read_only=True)
    (acme,) = repository.accounts()
    (deal,) = repository.all(Deal)
    assert (deal.account_id, deal.title) == (acme.id, "Cross deal")


def _mapping_of_system(folder: Path, system: str) -> Path:
    """The example mapping with a `system:` line first."""
    path = folder / f"mapping-{len(system)}.yaml"
    path.write_text(f"system: {system}\n" + EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_two_mapping_systems_keep_their_own_records(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    first = _mapping_of_system(tmp_path, "Acme CRM")
    second = _mapping_of_system(tmp_path, "Old sheet")

    def customers(mapping: Path) -> tuple[int, str, str]:
        args = ("import", "--db", str(store_path), "--yes", "--mapping", str(mapping))
        return run(capsys, *args, str(CUSTOMERS))

    for mapping in (first, second):
        code, out, err = customers(mapping)
        assert code == 0, err
        assert "3 to create" in out
    code, out, err = customers(first)
    assert (code, "Nothing to import" in out) == (0, True), out + err
    repository = Repository.open(store_path, read_only=True)
    names = sorted(account.name for account in repository.accounts())
    assert names.count("Brightline Dental") == 2
    assert len(names) == 6


@pytest.mark.parametrize(
    ("system", "expected"),
    [('""', "the name of the system"), ('"a\\x1bb"', "without control characters")],
)
def test_a_bad_system_name_is_refused_where_it_is(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path, system: str, expected: str
) -> None:
    mapping = tmp_path / "bad.yaml"
    mapping.write_text(
        f"system: {system}\n" + EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8"
    )
    code, _, err = run(
        capsys,
        "import",
        "--db",
        str(store_path),
        "--dry-run",
        "--mapping",
        str(mapping),
        str(CUSTOMERS),
    )
    assert code == 2
    assert "bad.yaml:1" in err and "system" in err and expected in err, err


def test_a_salesforce_deal_does_not_join_a_mapped_account_of_the_same_id(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    code, _, err = run(
        capsys,
        "import",
        "--db",
        str(store_path),
        "--yes",
        "--mapping",
        str(EXAMPLE),
        str(CUSTOMERS),
    )
    assert code == 0, err
    # customers.csv holds C-100 (Brightline Dental), imported through the mapping.
    opportunity = _opportunity(tmp_path / "Opportunity.csv", "C-100")
    code, out, err = run(capsys, "import", "--db", str(store_path), "--yes", str(opportunity))
    assert code == 1
    assert "Opportunity.csv:2: AccountId: the Id of an imported account, not 'C-100'" in out + err
    repository = Repository.open(store_path, read_only=True)
    assert repository.count(Deal) == 0
    assert repository.count(Account) == 3
