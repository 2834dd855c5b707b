"""The filter language: parsing, matching, descriptions and errors, on hand-made accounts."""

from __future__ import annotations

from datetime import date

import pytest

from kam_tui.domain.filters import Query, parse_query, quote, tokens
from kam_tui.domain.models import Account
from kam_tui.domain.schema import CustomFieldDef, Schema

TODAY = date(2026, 11, 20)
CADENCE = 30
SCHEMA = Schema(
    custom_fields=(
        CustomFieldDef("region", "Region", "choice", ("North", "South")),
        CustomFieldDef("seats", "Seats", "number"),
        CustomFieldDef("renewal", "Renewal date", "date"),
        CustomFieldDef("segment", "Segment", "text"),
    )
)

ACME = Account(
    id=1,
    name="Acme Corp",
    industry="Steel",
    assignee="Bruno Keller",
    status="Proposal sent",
    lifecycle="New",
    key_account=True,
    rating="Hot",
    tags=("fair", "Priority"),
    last_contact=date(2026, 9, 1),  # 80 days ago: overdue at a 30-day cadence
    custom={"region": "North", "seats": 120, "renewal": "2027-01-15", "segment": "Mid"},
)
BETA = Account(
    id=2,
    name="Beta Ltd",
    industry="Retail",
    assignee="me-user",
    status="Won",
    lifecycle="Existing",
    rating="",
    last_contact=date(2026, 11, 10),  # 10 days ago
    custom={"region": "South", "seats": 80},
)
GAMMA = Account(id=3, name="Gamma key", assignee="", status="Contacted", lifecycle="New")
ALL = (ACME, BETA, GAMMA)


def shown(text: str, me: str = "me-user") -> list[str]:
    query = parse_query(text, SCHEMA, me)
    assert not query.error, query.error
    return [account.name for account in ALL if query.matches(account, TODAY, CADENCE)]


def error_of(text: str) -> str:
    return parse_query(text, SCHEMA, "me-user").error


def test_free_text_is_one_phrase_as_before() -> None:
    assert shown("corp") == ["Acme Corp"]
    assert shown("  ACME corp ") == ["Acme Corp"]
    assert shown("acme steel") == []  # one phrase, not two words
    assert shown("priority") == ["Acme Corp"]  # a tag
    assert shown("bruno k") == ["Acme Corp"]  # the manager
    assert shown("") == ["Acme Corp", "Beta Ltd", "Gamma key"]


def test_manager_terms() -> None:
    assert shown("manager:bruno") == ["Acme Corp"]  # a word of the name
    assert shown("manager:keller") == ["Acme Corp"]
    assert shown('manager:"bruno keller"') == ["Acme Corp"]
    assert shown("manager:brun") == []  # whole words only
    assert shown("@Bruno") == ["Acme Corp"]
    assert shown("manager:me") == ["Beta Ltd"]
    assert shown("manager:none") == ["Gamma key"]
    assert shown("manager:Bruno,none") == ["Acme Corp", "Gamma key"]


def test_manager_me_needs_a_user() -> None:
    assert "user:" in parse_query("manager:me", SCHEMA, "").error


def test_status_list_rating_tag_industry() -> None:
    assert shown('status:"proposal SENT"') == ["Acme Corp"]
    assert shown('status:Won,"Proposal sent"') == ["Acme Corp", "Beta Ltd"]
    assert shown("list:new") == ["Acme Corp", "Gamma key"]
    assert shown("rating:hot") == ["Acme Corp"]
    assert shown("rating:none") == ["Beta Ltd", "Gamma key"]
    assert shown("tag:FAIR") == ["Acme Corp"]
    assert shown("industry:retail") == ["Beta Ltd"]


def test_flags_and_free_words_combine() -> None:
    assert shown("key") == ["Acme Corp"]
    assert shown("KEY list:new") == ["Acme Corp"]
    assert shown('"key"') == ["Gamma key"]  # quoted: the word itself, searched
    assert shown("overdue") == ["Acme Corp"]  # Gamma has no contact nor creation date
    assert shown("gamma list:new") == ["Gamma key"]


def test_no_contact_counts_days_since_the_last_contact() -> None:
    # Acme 80 days ago, Beta 10 days ago, Gamma never.
    assert shown("nocontact:30") == ["Acme Corp", "Gamma key"]
    assert shown("nocontact:10") == ["Acme Corp", "Beta Ltd", "Gamma key"]
    assert shown("nocontact:11") == ["Acme Corp", "Gamma key"]


def test_custom_fields() -> None:
    assert shown("region:north") == ["Acme Corp"]
    assert shown("Region:South,North") == ["Acme Corp", "Beta Ltd"]
    assert shown("seats:>100") == ["Acme Corp"]
    assert shown("seats:<=80") == ["Beta Ltd"]
    assert shown("seats:80") == ["Beta Ltd"]
    assert shown("renewal:<2027-02-01") == ["Acme Corp"]
    assert shown("segment:mid") == ["Acme Corp"]
    assert shown("segment:none") == ["Beta Ltd", "Gamma key"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("colour:red", "no field 'colour'"),
        ("status:Maybe", "expected one of Contacted, Demo provided, Proposal sent, Won, Lost"),
        ("list:Old", "no list 'Old'"),
        ("rating:Lukewarm", "expected one of Hot, Warm, Cold, none"),
        ("nocontact:soon", "nocontact needs a number of days"),
        ("nocontact", "nocontact needs a number of days, like nocontact:30"),
        ("seats:>many", "seats needs a number"),
        ("renewal:>soon", "renewal needs a date"),
        ("region:West", "expected one of North, South, none"),
        ("manager:", "manager needs a value"),
    ],
)
def test_errors_name_the_term_and_what_is_expected(text: str, expected: str) -> None:
    error = error_of(f"acme {text}")
    assert error.startswith(f"{text}:")
    assert expected in error


def test_a_query_in_error_hides_nothing() -> None:
    query = parse_query("colour:red", SCHEMA)
    assert not query.active
    assert query.describe() == ""
    assert all(query.matches(account, TODAY, CADENCE) for account in ALL)


def test_describe() -> None:
    query = parse_query('acme manager:me key status:"Proposal sent" nocontact:30', SCHEMA, "Eve")
    assert query.describe() == (
        "“acme” · manager Eve · key accounts · status Proposal sent · no contact in 30 days"
    )
    assert Query().describe() == ""


def test_hostile_text_is_only_text() -> None:
    query = parse_query("[bold red]x[/] \x1b[31m", SCHEMA)
    assert not query.error
    assert query.words == "[bold red]x[/] \x1b[31m"
    error = error_of("[b]:[/b]")  # not a field name: a free word
    assert error == ""
    assert "no field '[x'" not in error_of("x[x:1")


def test_tokens_and_quote() -> None:
    assert tokens('a status:"Proposal sent" "b c') == [
        ("a", False),
        ('status:"Proposal sent"', False),
        ('"b c', True),
    ]
    assert quote("Proposal sent") == '"Proposal sent"'
    assert quote("Won") == "Won"
    assert shown('status:"Proposal sent') == ["Acme Corp"]  # an open quote runs to the end


def test_the_query_line_shows_hostile_text_as_text() -> None:
    from kam_tui.ui.query_line import query_content

    error = query_content(parse_query("colour:[red]x\x1b", SCHEMA))
    assert "colour:[red]x" in error.plain
    assert "\x1b" not in error.plain
    described = query_content(parse_query("tag:[b]bold[/b] key", SCHEMA), 3)
    assert described.plain == "Filter: tag [b]bold[/b] · key accounts (3 shown)"
    assert query_content(parse_query("just words", SCHEMA)).plain == ""
