"""A mapped file's records are made without their dataclass __init__: the same records,
every field set (its value, else its default, a fresh one from a factory)."""

from __future__ import annotations

from datetime import date

import pytest

from kam_tui.domain.exchange.making import record_maker as _maker
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
