"""An account's last contact and satisfaction follow its activities: logged, edited, deleted."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kam_tui.domain.models import Account, Activity
from kam_tui.domain.rules import followed_activities, newest_touch
from kam_tui.store import Repository

ACME = Account(name="Acme", status="Contacted", lifecycle="New")
CALL = Activity(id=1, day=date(2026, 11, 1), summary="call", satisfaction=4)
EMAIL = Activity(id=2, day=date(2026, 11, 5), summary="email")
VISIT = Activity(id=3, day=date(2026, 11, 3), summary="visit", satisfaction=8)


def test_newest_touch_is_the_newest_day_and_the_newest_score() -> None:
    assert newest_touch([]) == (None, None)
    assert newest_touch([CALL, EMAIL, VISIT]) == (date(2026, 11, 5), 8)
    same_day = replace(VISIT, id=4, day=date(2026, 11, 1), satisfaction=2)
    assert newest_touch([same_day, CALL]) == (date(2026, 11, 1), 2)  # logged later


def test_an_edited_day_or_score_moves_the_account() -> None:
    account = replace(ACME, last_contact=date(2026, 11, 5), satisfaction=8)
    edited_back = replace(EMAIL, day=date(2026, 10, 1))
    moved = followed_activities(account, [CALL, EMAIL, VISIT], [CALL, edited_back, VISIT])
    assert (moved.last_contact, moved.satisfaction) == (date(2026, 11, 3), 8)
    rescored = replace(VISIT, satisfaction=6)
    moved = followed_activities(account, [CALL, EMAIL, VISIT], [CALL, EMAIL, rescored])
    assert (moved.last_contact, moved.satisfaction) == (date(2026, 11, 5), 6)
    unscored = replace(VISIT, satisfaction=None)  # the call's 4 is now the newest score
    moved = followed_activities(account, [CALL, EMAIL, VISIT], [CALL, EMAIL, unscored])
    assert moved.satisfaction == 4
    summary_only = replace(VISIT, summary="site visit")
    assert followed_activities(account, [CALL, VISIT], [CALL, summary_only]) == account


def test_a_later_day_of_the_account_own_stays_and_no_score_keeps_the_last() -> None:
    imported = replace(ACME, last_contact=date(2026, 12, 1), satisfaction=7)
    assert followed_activities(imported, [CALL], [CALL, EMAIL]).last_contact == date(2026, 12, 1)
    newer = replace(EMAIL, day=date(2026, 12, 9))
    assert followed_activities(imported, [CALL], [CALL, newer]).last_contact == date(2026, 12, 9)
    following = replace(ACME, last_contact=date(2026, 11, 1), satisfaction=4)
    emptied = followed_activities(following, [CALL], [])
    assert (emptied.last_contact, emptied.satisfaction) == (None, 4)


def test_editing_an_activity_is_one_undoable_change_that_moves_its_account(
    repo: Repository,
) -> None:
    account = repo.save(ACME)
    old = repo.log_activity(replace(CALL, id=0, account_id=account.id))
    new = repo.log_activity(replace(VISIT, id=0, account_id=account.id))
    stored = repo.account(account.id)
    assert stored is not None
    assert (stored.last_contact, stored.satisfaction) == (date(2026, 11, 3), 8)
    revision = repo.revision
    repo.log_activity(replace(new, day=date(2026, 10, 20), satisfaction=9))
    assert repo.revision == revision + 1
    stored = repo.account(account.id)
    assert stored is not None
    assert (stored.last_contact, stored.satisfaction) == (date(2026, 11, 1), 4)
    assert len(repo.children(Activity, account.id)) == 2
    repo.undo()
    stored = repo.account(account.id)
    assert stored is not None
    assert (stored.last_contact, stored.satisfaction) == (date(2026, 11, 3), 8)
    assert repo.get(Activity, new.id) == new
    repo.delete(new)  # the visit's score goes with it: the call's is the newest again
    stored = repo.account(account.id)
    assert stored is not None
    assert (stored.last_contact, stored.satisfaction) == (old.day, 4)
