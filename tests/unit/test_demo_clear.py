"""`kam demo --clear` removes only the demo accounts the user left as they were: an account
the user edited, or under which a record was added or changed, is kept and listed."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import FIXED_NOW

from kam_tui.cli.main import main
from kam_tui.domain.clock import Clock, fixed_clock
from kam_tui.domain.demo import DEMO_COMPANY_NAMES, build_demo
from kam_tui.domain.demo_edits import DemoComparison
from kam_tui.domain.models import CHILD_TYPES, Account, Activity, Contact, SwotItem
from kam_tui.store import Repository


def by_name(repository: Repository, name: str) -> Account:
    return next(a for a in repository.accounts() if a.name == name)


def test_clear_keeps_what_the_user_touched_and_says_why(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    assert main(["demo", "--db", str(store_path)]) == 0
    repository = Repository.open(store_path)
    edited = repository.save(replace(by_name(repository, "Contoso Pharma"), status="Won"))
    renamed = repository.save(replace(by_name(repository, "Litware Systems"), name="Litware"))
    with_contact = by_name(repository, "Fabrikam Motors")
    added = repository.save(Contact(account_id=with_contact.id, name="Our new champion"))
    with_activity = by_name(repository, "Tailspin Airlines")
    repository.log_activity(
        Activity(account_id=with_activity.id, kind="call", day=FIXED_NOW.date(), summary="Called")
    )
    with_swot = by_name(repository, "Woodgrove Bank")
    swot = repository.children(SwotItem, with_swot.id)[0]
    repository.save(replace(swot, text="Our own analysis"))
    real = repository.save(Account(name="Real customer", status="Won", lifecycle="Existing"))
    repository.close()
    capsys.readouterr()

    assert main(["demo", "--clear", "--db", str(store_path)]) == 0
    out = capsys.readouterr().out

    assert "Removed 25 demo accounts and their records." in out
    assert "Kept 5 demo account(s) no longer as `kam demo` made them" in out
    assert f"'Contoso Pharma' (id {edited.id}): the account was changed" in out
    assert f"'Litware' (id {renamed.id}): the account was changed" in out
    assert f"'Fabrikam Motors' (id {with_contact.id}): 1 contact record(s) added or changed" in out
    assert "'Tailspin Airlines'" in out and "1 activity record(s) added or changed" in out
    assert "'Woodgrove Bank'" in out and "1 SWOT item record(s) added or changed" in out
    repository = Repository.open(store_path, read_only=True)
    names = sorted(a.name for a in repository.accounts())
    kept = ["Contoso Pharma", "Litware", "Fabrikam Motors", "Tailspin Airlines", "Woodgrove Bank"]
    assert names == sorted([*kept, "Real customer"])
    assert repository.get(Contact, added.id) is not None
    assert by_name(repository, "Contoso Pharma").status == "Won"
    assert repository.get(Account, real.id) is not None
    repository.close()


def test_clear_removes_every_untouched_demo_of_several_loads(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    for arguments in (["demo"], ["demo", "--force"], ["demo", "--force"]):
        assert main([*arguments, "--db", str(store_path)]) == 0
    capsys.readouterr()
    assert main(["demo", "--clear", "--db", str(store_path)]) == 0
    out = capsys.readouterr().out
    assert "Removed 90 demo accounts" in out and "Kept" not in out
    repository = Repository.open(store_path, read_only=True)
    assert repository.count(Account) == 0
    assert all(repository.count(kind) == 0 for kind in CHILD_TYPES)
    repository.close()


def test_a_demo_loaded_just_before_midnight_is_recognised(tmp_path: Path) -> None:
    after_midnight: Clock = fixed_clock(FIXED_NOW.replace(hour=0, minute=0, second=1))
    repository = Repository.open(tmp_path / "kam.json", clock=after_midnight)
    with repository.change("Loaded the demo portfolio") as change:
        build_demo(change, repository.schema, FIXED_NOW.date() - timedelta(days=1))
    comparison = DemoComparison(repository.schema)
    for account in repository.accounts():
        children = {kind: repository.children(kind, account.id) for kind in CHILD_TYPES}
        assert comparison.changes(account, children) == []
    assert len(repository.accounts()) == len(DEMO_COMPANY_NAMES)
    repository.close()
