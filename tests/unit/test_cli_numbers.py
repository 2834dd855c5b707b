"""`kam numbers` on a fixture store: the figures in JSON with their units, the text and
Markdown reports, the filters, and a read-only open."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kam_tui.cli import numbers
from kam_tui.cli.figures_json import money_text
from kam_tui.cli.main import main
from kam_tui.domain.clock import fixed_clock
from kam_tui.domain.models import Account, Activity, Deal, StatusChange
from kam_tui.domain.portfolio import DEFINITIONS
from kam_tui.store import Repository


@pytest.fixture
def fixture_store(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three accounts, two deals, a rated history and a status history, on 20 Nov 2026."""
    monkeypatch.setattr(numbers, "CLOCK", fixed_clock(datetime(2026, 11, 20, 9, tzinfo=UTC)))
    repository = Repository.open(store_path)
    big = repository.save(
        Account(
            name="Big | *Corp*",
            status="Won",
            lifecycle="Existing",
            assignee="Ana",
            key_account=True,
            strategic_value=5,
            annual_revenue=600_000,
            cost_to_serve=100_000,
            last_contact=date(2026, 11, 10),
        )
    )
    small = repository.save(
        Account(
            name="Small",
            status="Contacted",
            lifecycle="New",
            assignee="Ben",
            annual_revenue=100_000,
            cost_to_serve=150_050,
        )
    )
    repository.save(Account(name="Idle", status="Lost", lifecycle="Lost"))
    repository.save(
        Deal(
            account_id=big.id,
            title="Renewal",
            amount=250_000,
            outcome="won",
            close_date=date(2026, 2, 1),
        )
    )
    repository.save(
        Deal(
            account_id=big.id,
            title="Pilot",
            amount=100_000,
            outcome="won",
            close_date=date(2025, 3, 1),
        )
    )
    repository.save(
        Deal(
            account_id=small.id,
            title="Expansion",
            amount=9_000,
            outcome="lost",
            close_date=date(2026, 5, 1),
            reason="Price",
        )
    )
    for day, score in ((date(2026, 1, 5), 9), (date(2026, 6, 5), 6)):
        repository.log_activity(
            Activity(account_id=small.id, kind="call", day=day, summary="Call", satisfaction=score)
        )
    for day, before, after in (
        (date(2026, 1, 1), "", "Contacted"),
        (date(2026, 1, 21), "Contacted", "Won"),
    ):
        repository.save(StatusChange(account_id=big.id, day=day, from_value=before, to_value=after))
    repository.close()
    return store_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_money_is_a_decimal_string() -> None:
    assert money_text(123450) == "1234.50"
    assert money_text(-5) == "-0.05"
    assert money_text(0) == "0.00"


def test_json_names_every_figure_with_its_unit(
    capsys: pytest.CaptureFixture[str], fixture_store: Path
) -> None:
    code, out, _ = run(capsys, "numbers", "--format", "json", "--db", str(fixture_store))
    assert code == 0
    document = json.loads(out)
    assert document["today"] == "2026-11-20"
    totals = document["totals"]
    assert totals["accounts"] == {"value": 3, "unit": "count"}
    assert totals["revenue"] == {"value": "7000.00", "unit": "€"}
    assert totals["profit"] == {"value": "4499.50", "unit": "€"}  # 7,000 - 2,500.50
    assert totals["margin"]["unit"] == "ratio"
    assert totals["margin"]["value"] == pytest.approx(449_950 / 700_000)
    assert totals["sales_this_year"] == {"value": "2500.00", "unit": "€"}
    assert totals["sales_last_year"] == {"value": "1000.00", "unit": "€"}
    assert totals["growth"]["value"] == pytest.approx(1.5)
    assert totals["average_satisfaction"] == {"value": 6.0, "unit": "score 0-10"}
    assert totals["overdue"] == {
        "value": 1,
        "unit": "count",
    }  # Small: last contact 5 June, 168 days > 30
    assert {f"totals.{key}" for key in totals} <= DEFINITIONS.keys()
    assert [row["manager"] for row in document["by_manager"]] == ["Ana", "Ben", ""]
    concentration = document["concentration"]
    assert concentration["top_5_share"] == {"value": 1.0, "unit": "ratio"}
    assert concentration["index"]["value"] == pytest.approx((6 / 7) ** 2 + (1 / 7) ** 2)
    assert concentration["ranked"][0]["account"]["name"] == "Big | *Corp*"
    profitability = document["profitability"]
    assert profitability["accounts"][0]["profit"] == {"value": "-500.50", "unit": "€"}
    assert profitability["loss_makers"]["value"] == 1
    turnaround = document["turnaround"]
    assert turnaround["days_to_won_average"] == {"value": 20.0, "unit": "days"}
    assert turnaround["deal_win_rate"]["value"] == pytest.approx(2 / 3)
    assert turnaround["lost_reasons"] == [
        {"reason": "Price", "count": {"value": 1, "unit": "count"}}
    ]
    satisfaction = document["satisfaction"]
    assert [q["quarter"] for q in satisfaction["by_quarter"]] == ["2026 Q1", "2026 Q2"]
    assert [row["name"] for row in satisfaction["falling"]] == ["Small"]
    health = document["health"]
    assert len(health["accounts"]) == 3
    assert health["accounts"][0]["score"]["unit"] == "score 0-100"
    assert {part["component"] for part in health["accounts"][0]["parts"]} == {
        "contact",
        "satisfaction",
        "plan",
        "stakeholders",
        "margin",
    }


def test_manager_filter(capsys: pytest.CaptureFixture[str], fixture_store: Path) -> None:
    code, out, _ = run(
        capsys, "numbers", "--format", "json", "--manager", "Ben", "--db", str(fixture_store)
    )
    assert code == 0
    document = json.loads(out)
    assert document["filter"]["manager"] == "Ben"
    assert document["totals"]["accounts"]["value"] == 1
    assert document["totals"]["sales_this_year"]["value"] == "0.00"
    code, out, _ = run(
        capsys, "numbers", "--format", "json", "--manager", "", "--db", str(fixture_store)
    )
    assert json.loads(out)["totals"]["accounts"]["value"] == 1  # Idle, unassigned


def test_an_unknown_manager_or_status_is_refused(
    capsys: pytest.CaptureFixture[str], fixture_store: Path
) -> None:
    code, _, err = run(capsys, "numbers", "--manager", "Bne", "--db", str(fixture_store))
    assert code == 2
    assert "no account manager 'Bne'; did you mean 'Ben'?" in err
    code, _, err = run(capsys, "numbers", "--status", "Wonn", "--db", str(fixture_store))
    assert code == 2 and "'Won'" in err


def test_text_report(capsys: pytest.CaptureFixture[str], fixture_store: Path) -> None:
    code, out, _ = run(capsys, "numbers", "--db", str(fixture_store))
    assert code == 0
    assert out.startswith("Portfolio on 2026-11-20: all accounts\n")
    assert "  Annual revenue " in out and "€7,000.00" in out
    assert "-€500.50" in out  # Small's loss
    assert "Big | *Corp*" in out


def test_markdown_report_escapes_names_and_lists_the_definitions(
    capsys: pytest.CaptureFixture[str], fixture_store: Path
) -> None:
    code, out, _ = run(
        capsys, "numbers", "--format", "md", "--key-accounts", "--db", str(fixture_store)
    )
    assert code == 0
    assert out.startswith("# Portfolio on 2026-11-20: key accounts only\n")
    assert "## Totals" in out and "| Figure | Value |" in out
    assert r"Big \| \*Corp\*" in out
    assert "Small" not in out.split("## Definitions")[0]
    for key in DEFINITIONS:
        assert f"- **{key}**: " in out


def test_the_store_is_opened_read_only(
    capsys: pytest.CaptureFixture[str], fixture_store: Path
) -> None:
    before = fixture_store.read_bytes()
    modified = fixture_store.stat().st_mtime_ns
    assert run(capsys, "numbers", "--db", str(fixture_store))[0] == 0
    assert fixture_store.read_bytes() == before
    assert fixture_store.stat().st_mtime_ns == modified


def test_a_missing_store_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "numbers", "--db", str(tmp_path / "none.json"))
    assert code == 1 and "no store at" in err


def test_numbers_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["numbers", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "--format {text,md,json}" in out and "--manager NAME" in out


def test_names_with_markup_and_pipes_are_shown_as_typed(
    capsys: pytest.CaptureFixture[str], store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(numbers, "CLOCK", fixed_clock(datetime(2026, 11, 20, tzinfo=UTC)))
    repository = Repository.open(store_path)
    hostile = "[red]x[/red] | *y* `z`"
    repository.save(
        Account(name=hostile, status="Won", lifecycle="New", annual_revenue=5, assignee=hostile)
    )
    repository.close()
    _, text, _ = run(capsys, "numbers", "--db", str(store_path))
    assert f"1  {hostile}" in text
    _, markdown, _ = run(capsys, "numbers", "--format", "md", "--db", str(store_path))
    assert r"| 1 | \[red\]x\[/red\] \| \*y\* \`z\` |" in markdown
    _, document, _ = run(capsys, "numbers", "--format", "json", "--db", str(store_path))
    assert json.loads(document)["concentration"]["ranked"][0]["account"]["name"] == hostile
    assert json.loads(document)["by_manager"][0]["manager"] == hostile
