"""The status history a change set records: one entry per status or list change, in the
same change as the move, so undo and redo take it with them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Account, Activity, StatusChange
from kam_tui.store import Repository

TODAY = date(2026, 11, 20)


def history(repo: Repository, account_id: int) -> list[tuple[str, str, str, str, date | None]]:
    return [
        (entry.kind, entry.from_value, entry.to_value, entry.by, entry.day)
        for entry in repo.children(StatusChange, account_id)
    ]


def added(repo: Repository, **fields: object) -> Account:
    values: dict[str, object] = {"status": "Contacted", "lifecycle": "New", **fields}
    return repo.save(Account(name="Acme", **values))  # type: ignore[arg-type]


def test_a_new_account_records_its_status_and_list(repo: Repository) -> None:
    repo.user = "Alice Martin"
    created = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    account = added(
        repo,
        status="Demo provided",
        status_since=date(2026, 4, 1),
        lifecycle="New",
        created=created,
    )
    assert history(repo, account.id) == [
        ("status", "", "Demo provided", "Alice Martin", date(2026, 4, 1)),
        ("lifecycle", "", "New", "Alice Martin", date(2026, 3, 2)),
    ]


def test_a_status_move_is_recorded_by_the_user_on_the_clock_date(repo: Repository) -> None:
    account = added(repo, status="Contacted", status_since=date(2026, 1, 5))
    repo.user = "Bruno Keller"
    repo.save(replace(account, status="Proposal sent"))
    assert history(repo, account.id)[2:] == [
        (
            "status",
            "Contacted",
            "Proposal sent",
            "Bruno Keller",
            TODAY,
        )
    ]
    assert repo.count(StatusChange) == 3


def test_an_edit_that_keeps_status_and_list_records_nothing(repo: Repository) -> None:
    account = added(repo, status="Contacted", lifecycle="New")
    repo.save(replace(account, notes="met at the fair"))
    repo.log_activity(Activity(account_id=account.id, day=TODAY, summary="call", satisfaction=7))
    assert len(history(repo, account.id)) == 2


def test_undo_removes_the_entry_with_the_move_and_redo_restores_it(repo: Repository) -> None:
    account = added(repo, status="Contacted", lifecycle="New")
    repo.save(replace(account, status="Won", lifecycle="Existing"))
    moved = history(repo, account.id)[2:]
    assert moved == [
        ("status", "Contacted", "Won", "", TODAY),
        ("lifecycle", "New", "Existing", "", TODAY),
    ]
    repo.undo()
    assert len(history(repo, account.id)) == 2
    assert repo.account(account.id) == account
    repo.redo()
    assert history(repo, account.id)[2:] == moved


def test_two_moves_in_one_change_make_one_entry(repo: Repository) -> None:
    account = added(repo, status="Contacted")
    with repo.change("twice") as change:
        change.save(replace(account, status="Demo provided"))
        current = change.current(Account, account.id)
        assert current is not None
        change.save(replace(current, status="Lost"))
    assert history(repo, account.id)[2:] == [("status", "Contacted", "Lost", "", TODAY)]


def test_a_move_and_back_in_one_change_records_nothing(repo: Repository) -> None:
    account = added(repo, status="Contacted")
    with repo.change("there and back") as change:
        change.save(replace(account, status="Demo provided"))
        current = change.current(Account, account.id)
        assert current is not None
        change.save(replace(current, status="Contacted"))
        current = change.current(Account, account.id)
        assert current is not None
        change.save(replace(current, status="Won"))
    assert history(repo, account.id)[2:] == [("status", "Contacted", "Won", "", TODAY)]


def test_a_reason_is_kept_on_the_entry(repo: Repository) -> None:
    account = added(repo, status="Proposal sent")
    with repo.change("lost") as change:
        change.save(replace(account, status="Lost"), reason="price too high")
    entry = repo.children(StatusChange, account.id)[-1]
    assert (entry.to_value, entry.reason) == ("Lost", "price too high")
    with repo.change("won") as change:
        current = change.current(Account, account.id)
        assert current is not None
        change.save(replace(current, status="Won"))
        change.note_reason("came back")
        assert [entry.reason for entry in change.history_entries()] == ["came back"]
    assert repo.children(StatusChange, account.id)[-1].reason == "came back"


def test_the_demo_may_write_its_own_history(repo: Repository) -> None:
    with repo.change("own history") as change:
        new = Account(name="Acme", status="Won", lifecycle="New")
        account = change.save(new, record_history=False)
    assert history(repo, account.id) == []


def test_deleting_the_account_deletes_its_history_and_undo_restores_it(
    repo: Repository, clock: Clock
) -> None:
    account = added(repo, status="Contacted")
    repo.save(replace(account, status="Won"))
    repo.delete(repo.account(account.id) or account)
    assert repo.count(StatusChange) == 0
    repo.undo()
    assert len(history(repo, account.id)) == 3
