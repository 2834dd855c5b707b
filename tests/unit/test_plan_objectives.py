"""Objectives' owner and due date: stored without a migration, in the report and the plan."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Account, Action, KeyResult, Objective
from kam_tui.domain.plan import by_position, objective_lines, status_report
from kam_tui.domain.schema import Schema
from kam_tui.services import Workspace
from kam_tui.services.plan_document import account_plan
from kam_tui.store import Repository

TODAY = date(2026, 11, 20)
HALF = KeyResult(name="Sites", target=Decimal(4), current=Decimal(2))
MET = KeyResult(name="Visits", target=Decimal(2), current=Decimal(2))


def test_an_objective_is_overdue_once_its_day_passed_with_its_results_unmet() -> None:
    late = Objective(title="Grow", due=date(2026, 11, 17), key_results=(HALF,))
    assert late.is_overdue(TODAY)
    assert not late.is_overdue(date(2026, 11, 17))
    assert not Objective(title="Met", due=date(2026, 11, 1), key_results=(MET,)).is_overdue(TODAY)
    assert Objective(title="Unmeasured", due=date(2026, 11, 1)).is_overdue(TODAY)
    assert not Objective(title="Undated", key_results=(HALF,)).is_overdue(TODAY)


def test_the_status_report_lists_the_objectives_after_the_actions() -> None:
    objectives = [
        Objective(id=2, title="Renew", owner="", position=1),
        Objective(id=1, title="Grow", owner="Bruno", due=date(2026, 11, 17), key_results=(HALF,)),
    ]
    assert objective_lines(objectives, TODAY) == [
        "  - Grow (Bruno, due 2026-11-17, 3 days overdue, 50%)",
        "  - Renew ((no owner), no due date, no target)",
    ]
    report = status_report("Northwind", [Action(id=1, title="Call")], TODAY, objectives)
    assert report.endswith(
        "Objectives:\n"
        "  - Grow (Bruno, due 2026-11-17, 3 days overdue, 50%)\n"
        "  - Renew ((no owner), no due date, no target)\n"
        "\n"
        "Total: 0 done, 1 open, 0 overdue\n"
    )
    assert "Objectives:" not in status_report("Northwind", [], TODAY)


def test_a_store_written_before_owner_and_due_loads_them_empty(
    repo: Repository, store_path: Path, schema: Schema, clock: Clock
) -> None:
    account = repo.save(Account(name="Acme", status="Contacted", lifecycle="New"))
    objective = repo.save(Objective(account_id=account.id, title="Grow", owner="Bruno"))
    action = repo.save(Action(account_id=account.id, title="Call", position=3))
    repo.wait_saved(10)
    repo.close()
    data = json.loads(store_path.read_text(encoding="utf-8"))
    stored = data["objectives"][str(objective.id)]
    assert (stored["owner"], stored["due"]) == ("Bruno", None)
    for key in ("owner", "due"):  # as an older version wrote it
        del data["objectives"][str(objective.id)][key]
    del data["actions"][str(action.id)]["position"]
    store_path.write_text(json.dumps(data), encoding="utf-8")
    reopened = Repository.open(store_path, schema, clock=clock)
    try:
        loaded = reopened.get(Objective, objective.id)
        assert loaded is not None and (loaded.owner, loaded.due) == ("", None)
        moved = reopened.get(Action, action.id)
        assert moved is not None and moved.position == 0
    finally:
        reopened.close()


def test_the_markdown_plan_gives_each_objective_its_owner_and_due_date(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    workspace = Workspace(demo_repo, settings, clock)
    account = demo_repo.account(3)
    assert account is not None
    first = by_position(demo_repo.children(Objective, 3))[0]
    demo_repo.save(
        Objective(account_id=3, title="Renew", owner="Chloé D.", due=date(2026, 11, 10), position=9)
    )
    plan = account_plan(workspace, account)
    assert "### Renew (–)\n\nOwner: Chloé D. · Due: 2026-11-10 (**10 days overdue**)\n" in plan
    assert f"### {first.title}" in plan
