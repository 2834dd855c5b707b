"""A mapped file's records are made without their dataclass __init__: the same records,
every field set (its value, else its default, a fresh one from a factory); its cells taken
column by column are those taken row by row; new links' fingerprints worked out column by
column are those worked out one draft at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kam_tui.domain.exchange.building import Draft
from kam_tui.domain.exchange.generic import spec_for
from kam_tui.domain.exchange.linking import decide, new_fingerprints
from kam_tui.domain.exchange.own import own_mapping
from kam_tui.domain.exchange.reading import read_table
from kam_tui.domain.exchange.sources import Incoming, ObjectSpec, map_columns, map_rows
from kam_tui.domain.making import record_builder, record_copier, row_builder
from kam_tui.domain.making import record_maker as _maker
from kam_tui.domain.models import RECORD_TYPES, Account, Activity, Deal, Record


@pytest.mark.parametrize("kind", RECORD_TYPES, ids=lambda kind: kind.TABLE)
def test_a_record_made_from_no_values_is_the_default_record(kind: type[Record]) -> None:
    assert _maker(kind)({}) == kind()


def test_a_record_made_from_values_equals_the_one_init_makes() -> None:
    values = {"name": "Acme", "status": "Contacted", "custom": {"tier": "A"}, "tags": ("x",)}
    made, first, second = _maker(Account)(values), _maker(Account)({}), _maker(Account)({})
    assert isinstance(made, Account) and isinstance(first, Account)
    assert isinstance(second, Account)
    assert made == Account(**values)  # type: ignore[arg-type]
    assert made.custom is values["custom"]
    assert first.custom is not second.custom  # a fresh dict each
    deal = {"title": "Renewal", "amount": 120_000, "created": date(2024, 1, 2)}
    assert _maker(Deal)(deal) == Deal(**deal)  # type: ignore[arg-type]
    activity = {"kind": "call", "day": date(2024, 1, 2), "summary": "Hi"}
    assert repr(_maker(Activity)(activity)) == repr(Activity(**activity))  # type: ignore[arg-type]


def test_a_value_for_no_field_is_refused_as_init_refuses_it() -> None:
    with pytest.raises(TypeError):
        _maker(Deal)({"title": "x", "colour": "red"})


def test_a_record_built_from_values_in_order_equals_the_one_init_makes() -> None:
    build = record_builder(Account, ("name", "industry", "custom"))
    first, second = build("Acme", "", {}), build("Orion", "Energy", {"tier": "A"})
    assert first == Account(name="Acme")
    assert second == Account(name="Orion", industry="Energy", custom={"tier": "A"})
    assert first.team == () and first.status == "" and first.strategic_value == 3
    assert first.tags == () and first.cadence_days is None and first.stage == "presales"
    assert record_builder(Account, ("name", "industry", "custom")) is build  # made once
    with pytest.raises(ValueError, match="no fields"):
        record_builder(Deal, ("title", "colour"))
    with pytest.raises(ValueError, match="no fields"):
        record_builder(Deal, ("title", "title"))


def test_a_row_of_cells_makes_the_record_its_cells_not_skipped_make() -> None:
    skip = object()
    keys = ("name", "industry", "status", "strategic_value")
    build = row_builder(Account, keys, skip, {"status": "Contacted"}, ("custom",))
    assert build is not None
    for cells in [("Acme", skip, skip, 4), ("Orion", "Energy", "Won", skip)]:
        values = {key: cell for key, cell in zip(keys, cells, strict=True) if cell is not skip}
        expected = _maker(Account)({"status": "Contacted", **values, "custom": {"tier": "A"}})
        assert build(cells, {"tier": "A"}) == expected
    assert build(("Acme", skip, skip, skip), {}).strategic_value == 3
    assert build(("Acme", skip, skip, skip), {}).status == "Contacted"
    assert row_builder(Account, ("name", "colour"), skip, {}) is None  # as the maker refuses
    assert row_builder(Account, ("name", "name"), skip, {}) is None


def test_a_record_copied_with_an_id_and_values_is_the_one_replace_makes() -> None:
    account = Account(name="Acme", status="Contacted", tags=("x",), custom={"tier": "A"})
    copy = record_copier(Account, frozenset({"status", "strategic_value"}))
    made = copy(account, 7, {"status": "Won", "strategic_value": 5})
    assert made == replace(account, id=7, status="Won", strategic_value=5)
    assert made.custom is account.custom and made.tags == ("x",)
    assert record_copier(Account, frozenset({"status", "strategic_value"})) is copy


def _draft(record: Record, n: int, fields: frozenset[str] | None) -> Draft:
    spec = ObjectSpec("Opportunity", record.TABLE, frozenset(), "Id", "AccountId", (), 1)
    incoming = Incoming(spec, "deals.csv", n + 2, f"006{n}", "001", {})
    return Draft(incoming, record, ("Salesforce", f"001{n % 3}"), fields=fields)


def test_fingerprints_by_column_are_those_decide_works_out_one_draft_at_a_time() -> None:
    deals = [
        Deal(title=f"Deal {n % 4}", amount=n % 3, probability=(None, 1, 0)[n % 3])
        for n in range(30)
    ]
    accounts = [
        Account(name="Acme", key_account=n % 2 == 0, strategic_value=1 + n % 2) for n in range(6)
    ]
    drafts = [_draft(deal, n, None) for n, deal in enumerate(deals)]
    mixed = frozenset({"name", "key_account", "strategic_value"})
    drafts += [_draft(account, n, mixed) for n, account in enumerate(accounts)]
    by_column = new_fingerprints(drafts)
    one_by_one = [
        decide(draft, "Salesforce", None, None, draft.skip).link.imported for draft in drafts
    ]
    assert by_column == one_by_one
    assert by_column[0]["amount"] != by_column[1]["amount"]
    assert len(by_column[0]) == 9  # eight fields and the account's source id


def test_a_mapped_file_by_columns_has_the_rows_values_and_problems_it_has_row_by_row() -> None:
    header = "id,account_id,kind,day,summary,contact_ids,satisfaction,logged_by"
    lines = [
        "1,7,call,2024-01-02, Hello ,,8,Ann",
        "2,7,meeting,2024-01-03,,,,",
        ",7,note,2024-01-04,No id,,,",
        "1,8,call,2024-01-05,Same id,,,",
        '3, 9 ,email,2024-01-06,"Two\nlines",,,Bob',
        "\x07,9,call,,Bell,,,",
    ]
    table = read_table("activities.csv", "\n".join([header, *lines]).encode())
    mapping = own_mapping("activities.csv", table.headers)
    assert mapping is not None
    spec = spec_for(mapping)
    rows, problems = map_rows(spec, table)
    by_column, texts, column_problems = map_columns(spec, table)
    assert [str(problem) for problem in column_problems] == [str(p) for p in problems]
    assert len(problems) == 3  # no id, the same id twice, a control character
    shown = [(row.line, row.source_id, row.parent_id, row.values) for row in rows]
    assert [(row.line, row.source_id, row.parent_id, {}) for row in by_column] == [
        (line, source_id, parent_id, {}) for line, source_id, parent_id, _ in shown
    ]
    assert texts == {key: [values[key] for *_, values in shown] for key in texts}
    assert texts["summary"] == ["Hello", "", "Two\nlines"] and by_column[2].parent_id == "9"
