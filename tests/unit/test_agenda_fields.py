"""The planned next contact as stored, replicated and written in the Markdown plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Account
from kam_tui.domain.schema import Schema
from kam_tui.domain.validation import record_errors
from kam_tui.services import Workspace
from kam_tui.services.plan_document import account_plan
from kam_tui.store import Repository
from kam_tui.sync.values import decode, encode

TAILSPIN = 4
"""A demo key account with a cadence of 14 days, last contacted on 13 October 2026."""


def gid_of(table: str, record_id: int) -> str:
    return f"AAAAAAAAAAAA:{table}:{record_id}"


def test_an_account_stored_before_the_fields_existed_loads_with_none_planned() -> None:
    account = Account.from_doc(3, {"name": "Old", "cadence_days": 14})
    assert (account.next_contact, account.next_contact_kind) == (None, "")


def test_the_planned_contact_is_stored_and_replicated_as_iso_day_and_kind() -> None:
    account = Account(7, name="Acme", next_contact=date(2026, 12, 1), next_contact_kind="call")
    doc = account.to_doc()
    assert (doc["next_contact"], doc["next_contact_kind"]) == ("2026-12-01", "call")
    assert Account.from_doc(7, doc) == account
    values = encode(account, gid_of)
    assert (values["next_contact"], values["next_contact_kind"]) == ("2026-12-01", "call")
    assert decode("accounts", 7, values, lambda _gid: None, kept_gid="", local=None) == account


def test_a_kind_that_is_not_an_activity_kind_is_refused(schema: Schema) -> None:
    account = Account(name="Acme", status="Won", lifecycle="New", next_contact_kind="call")
    assert record_errors(account, schema) == {}
    errors = record_errors(replace(account, next_contact_kind="telepathy"), schema)
    assert list(errors) == ["next_contact_kind"]


def test_the_markdown_plan_names_the_next_contact(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    workspace = Workspace(demo_repo, settings, clock)
    account = demo_repo.account(TAILSPIN)
    assert account is not None and account.last_contact == date(2026, 10, 13)
    # 13 October + 14 days = 27 October, from the cadence while nothing is planned.
    assert "Next contact: 2026-10-27, from the cadence.\n" in account_plan(workspace, account)
    planned = replace(account, next_contact=date(2026, 11, 24), next_contact_kind="visit")
    assert "Next contact: 2026-11-24 (visit).\n" in account_plan(workspace, planned)
