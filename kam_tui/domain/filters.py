"""The filter language of every view: free words plus terms like `manager:me key overdue`."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kam_tui.domain.models import RATINGS, Account
from kam_tui.domain.numbers import parse_decimal
from kam_tui.domain.rules import is_overdue
from kam_tui.domain.schema import CustomFieldDef, Schema

FLAGS = ("key", "overdue")
"""Terms that are a bare word: key accounts only, overdue for contact only."""
FIELDS = ("manager", "status", "list", "tag", "rating", "industry", "nocontact")
"""The built-in field names of `name:value` terms (a custom field is named by its key)."""
NONE_VALUE = "none"
"""The value meaning "not set": `manager:none` is unassigned, `rating:none` unrated."""
ME_VALUE = "me"
"""`manager:me`: this user's accounts (the config's `user:`)."""
COMPARISONS = (">=", "<=", ">", "<", "=")
"""How a number or date value is compared, written before it: `size:>100`."""

LANGUAGE_HELP: tuple[tuple[str, str, str], ...] = (
    ("acme corp", "Words", "In the name, industry, manager or tags, as before; terms "
     'combine with them and each other; quote a word to search it: "key"'),
    ("@Bruno", "Manager", "manager:Bruno, a manager's whole name or one of its words; "
     "manager:me is you (the config's user:), manager:none the unassigned accounts"),
    ("status:Won", "Status", 'A pipeline status: status:"Proposal sent"; several, any of '
     "them: status:Won,Lost"),
    ("list:New", "List", "A lifecycle list (several: list:New,Returning)"),
    ("key", "Key only", "Key accounts only"),
    ("overdue", "Overdue", "Past their contact cadence"),
    ("nocontact:30", "Untouched", "Last contact 30 or more days ago, or never"),
    ("tag:x", "Tag", "Tagged x"),
    ("rating:Hot", "Rating", "Hot, Warm, Cold, or none"),
    ("field:value", "Custom", "Any custom field of the config by key or label (region:North); "
     "numbers and dates compare with > < >= <= (seats:>100, renewal:<2027-01-01)"),
    ("F", "Saved", "Save a view's filter under a name ('my key accounts' = manager:me key, "
     "'Bruno's overdue' = manager:Bruno overdue) and recall it on any view"),
)  # fmt: skip
"""The language, for the help: (example, what it is, how it matches). Terms combine (all
must hold); names and values ignore case."""

_FIELD_TERM = re.compile(r"([A-Za-z_][\w-]*):(.*)", re.DOTALL)
_SAFE_VALUE = re.compile(r'[^\s",]+')

AccountTest = Callable[[Account, date, int], bool]
"""Whether an account passes one term, given today and the default cadence in days."""


class FilterError(ValueError):
    """A term the language does not know, or a value it cannot take; says which and why."""


@dataclass(frozen=True)
class Term:
    """One term of a query: what was typed, what it means, and its test."""

    source: str
    """The term as typed."""
    described: str
    """What it means, in words, for the header."""
    test: AccountTest
    """The test an account must pass."""


@dataclass(frozen=True)
class Query:
    """A parsed filter: an account is shown when it passes every term and holds the free
    words (as one phrase) in its name, industry, manager or tags."""

    text: str = ""
    """The query as typed."""
    words: str = ""
    """The free words, case-folded, matched as one phrase; empty matches everything."""
    terms: tuple[Term, ...] = ()
    """The terms, all of which an account must pass."""
    error: str = ""
    """Why the text is not a query ("" when it is); a query in error hides nothing."""

    @property
    def active(self) -> bool:
        """True when the query hides anything."""
        return not self.error and bool(self.words or self.terms)

    def matches(self, account: Account, today: date, default_cadence_days: int) -> bool:
        """True when `account` passes the query."""
        if self.error:
            return True
        words = self.words
        if words and not (
            words in account.name.casefold()
            or words in account.industry.casefold()
            or words in account.assignee.casefold()
            or any(words in tag.casefold() for tag in account.tags)
        ):
            return False
        return all(term.test(account, today, default_cadence_days) for term in self.terms)

    def passes_terms(self, account: Account, today: date, default_cadence_days: int) -> bool:
        """True when `account` passes every term (the free words left to the caller: the
        Table matches them word by word)."""
        return all(term.test(account, today, default_cadence_days) for term in self.terms)

    @property
    def free_words(self) -> tuple[str, ...]:
        """The free words one by one, case-folded."""
        return tuple(self.words.split())

    def describe(self) -> str:
        """What the query shows, in words ("" when it shows everything, or is in error)."""
        if not self.active:
            return ""
        parts = [f"“{self.words}”"] if self.words else []
        parts += [term.described for term in self.terms]
        return " · ".join(parts)


EMPTY_QUERY = Query()
"""The query that shows everything."""


def quote(value: str) -> str:
    """`value` as a term value: quoted when it holds spaces or commas."""
    return value if _SAFE_VALUE.fullmatch(value) else f'"{value.replace(chr(34), "")}"'


def tokens(text: str) -> list[tuple[str, bool]]:
    """The tokens of `text`, split on spaces outside double quotes: (token with its quotes
    kept, True when it opens with a quote). A quote left open runs to the end."""
    found: list[tuple[str, bool]] = []
    index, end = 0, len(text)
    while index < end:
        if text[index].isspace():
            index += 1
            continue
        start = index
        quoted = False
        while index < end and not text[index].isspace():
            if text[index] == '"':
                closing = text.find('"', index + 1)
                quoted = quoted or index == start
                index = end if closing < 0 else closing + 1
            else:
                index += 1
        found.append((text[start:index], quoted))
    return found


def split_values(raw: str) -> list[str]:
    """The comma-separated values of a term, each unquoted and stripped."""
    values: list[str] = []
    current: list[str] = []
    inside = False
    for char in raw:
        if char == '"':
            inside = not inside
        elif char == "," and not inside:
            values.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    values.append("".join(current).strip())
    return values


def parse_query(text: str, schema: Schema, me: str = "") -> Query:
    """The query `text` writes; `me` is the user `manager:me` stands for. A term the
    language does not know gives a Query whose `error` names it and says what is expected
    (never an exception)."""
    words: list[str] = []
    terms: list[Term] = []
    found = tokens(text)
    try:
        for token, quoted in found:
            term = None if quoted else _term(token, schema, me)
            if term is None:
                words.append(token.replace('"', ""))
            else:
                terms.append(term)
    except FilterError as error:
        return Query(text=text, error=str(error))
    plain = not terms and not any(quoted for _token, quoted in found)
    phrase = text.strip() if plain else " ".join(word for word in words if word)
    return Query(text=text, words=phrase.casefold(), terms=tuple(terms))


def _term(token: str, schema: Schema, me: str) -> Term | None:
    """The term `token` writes; None for a free word."""
    lowered = token.casefold()
    if lowered == "key":
        return Term(token, "key accounts", lambda account, _today, _days: account.key_account)
    if lowered == "overdue":
        return Term(token, "overdue", is_overdue)
    if lowered == "nocontact":
        raise FilterError(f"{token}: nocontact needs a number of days, like nocontact:30")
    if token.startswith("@") and len(token) > 1:
        return _manager(token, token[1:], me)
    found = _FIELD_TERM.fullmatch(token)
    if found is None:
        return None
    name, raw = found.group(1).casefold(), found.group(2)
    values = split_values(raw)
    if not any(values):
        raise FilterError(f"{token}: {name} needs a value after the colon")
    if name == "manager":
        return _manager(token, raw, me)
    if name == "status":
        return _choice(token, "status", values, schema.status_names, lambda a: a.status)
    if name == "list":
        return _choice(token, "list", values, schema.lists, lambda a: a.lifecycle)
    if name == "rating":
        return _choice(token, "rating", values, RATINGS, lambda a: a.rating, unset=True)
    if name == "tag":
        wanted = {value.casefold() for value in values}
        return Term(
            token,
            f"tag {' or '.join(values)}",
            lambda account, _t, _d: any(tag.casefold() in wanted for tag in account.tags),
        )
    if name == "industry":
        return _text_field(token, "industry", values, lambda a: a.industry)
    if name == "nocontact":
        return _no_contact(token, raw)
    custom = _custom_field(name, schema)
    if custom is not None:
        return _custom(token, custom, raw, values)
    known = [*FIELDS, *(field.key for field in schema.custom_fields)]
    raise FilterError(
        f"{token}: no field {name!r}; use one of {', '.join(known)} (or quote the words "
        'to search them: "a:b")'
    )


def _manager(token: str, raw: str, me: str) -> Term:
    names: list[str] = []
    for value in split_values(raw):
        lowered = value.casefold()
        if lowered == ME_VALUE:
            if not me:
                raise FilterError(f"{token}: 'me' needs your name as `user:` in the config")
            names.append(me)
        elif lowered == NONE_VALUE:
            names.append("")
        else:
            names.append(value)
    wanted = {name.casefold() for name in names}
    shown = " or ".join(name or "unassigned" for name in names)

    def test(account: Account, _today: date, _days: int) -> bool:
        """The manager's whole name, or one of its words (a first name), matches."""
        assignee = account.assignee.casefold()
        return assignee in wanted or any(word in wanted for word in assignee.split())

    return Term(token, f"manager {shown}", test)


def _choice(
    token: str,
    noun: str,
    values: Sequence[str],
    allowed: Sequence[str],
    read: Callable[[Account], str],
    *,
    unset: bool = False,
) -> Term:
    """A term whose values must be among `allowed` (case-insensitive); `unset` also
    accepts `none`."""
    allowed = [choice for choice in allowed if choice]
    by_fold = {choice.casefold(): choice for choice in allowed}
    if unset:
        by_fold[NONE_VALUE] = ""
    chosen: list[str] = []
    for value in values:
        choice = by_fold.get(value.casefold())
        if choice is None:
            expected = ", ".join([*allowed, *((NONE_VALUE,) if unset else ())])
            raise FilterError(f"{token}: no {noun} {value!r}; expected one of {expected}")
        chosen.append(choice)
    wanted = frozenset(chosen)
    shown = " or ".join(choice or "none" for choice in chosen)
    return Term(token, f"{noun} {shown}", lambda account, _t, _d: read(account) in wanted)


def _text_field(
    token: str, noun: str, values: Sequence[str], read: Callable[[Account], object]
) -> Term:
    """A term matching a text value whole, case-insensitively (`none`: empty)."""
    wanted = {"" if value.casefold() == NONE_VALUE else value.casefold() for value in values}

    def test(account: Account, _today: date, _days: int) -> bool:
        value = read(account)
        return ("" if value is None else str(value)).casefold() in wanted

    return Term(token, f"{noun} {' or '.join(values)}", test)


def _no_contact(token: str, raw: str) -> Term:
    """`nocontact:N`: never contacted, or last contacted N or more days ago."""
    text = raw.strip()
    if not text.isdigit() or len(text) > 5:
        raise FilterError(f"{token}: nocontact needs a number of days, like nocontact:30")
    days = int(text)

    def test(account: Account, today: date, _days: int) -> bool:
        last = account.last_contact
        return last is None or (today - last).days >= days

    return Term(token, f"no contact in {days} days", test)


def _custom_field(name: str, schema: Schema) -> CustomFieldDef | None:
    """The custom field named `name` by its key or its label (case-insensitive)."""
    for field in schema.custom_fields:
        if name in (field.key.casefold(), field.label.casefold().replace(" ", "")):
            return field
    return None


def _custom(token: str, field: CustomFieldDef, raw: str, values: Sequence[str]) -> Term:
    """A custom field's term: a choice among its choices, a number or date compared with
    >, <, >=, <= or =, or a text matched whole."""
    key = field.key

    def read(account: Account) -> object:
        return account.custom.get(key)

    if field.kind in ("number", "rating", "date"):
        text = raw.strip()
        operator = next((op for op in COMPARISONS if text.startswith(op)), "")
        if operator or len(values) == 1:
            bound_text = text[len(operator) :].strip()
            if bound_text.casefold() != NONE_VALUE:
                return _compare(token, field, operator or "=", bound_text)
    if field.kind == "choice":
        return _choice(token, field.key, values, field.choices,
                       lambda a: str(read(a) or ""), unset=True)  # fmt: skip
    return _text_field(token, field.key, values, read)


def _compare(token: str, field: CustomFieldDef, operator: str, text: str) -> Term:
    """A number or date custom field compared with a bound."""
    key = field.key
    if field.kind == "date":
        try:
            bound: Decimal | date = date.fromisoformat(text)
        except ValueError:
            raise FilterError(f"{token}: {key} needs a date like 2026-01-31") from None

        def value_of(account: Account) -> Decimal | date | None:
            value = account.custom.get(key)
            try:
                return date.fromisoformat(value) if isinstance(value, str) else None
            except ValueError:
                return None
    else:
        try:
            bound = parse_decimal(text)
        except ValueError:
            raise FilterError(f"{token}: {key} needs a number, like {key}:>100") from None

        def value_of(account: Account) -> Decimal | date | None:
            value = account.custom.get(key)
            if value is None or value == "":
                return None
            try:
                return parse_decimal(str(value))
            except ValueError:
                return None

    def test(account: Account, _today: date, _days: int) -> bool:
        value = value_of(account)
        if value is None:
            return False
        return _COMPARE[operator](value, bound)

    return Term(token, f"{key} {operator} {text}", test)


_COMPARE: dict[str, Callable[[object, object], bool]] = {
    ">=": lambda a, b: a >= b,  # type: ignore[operator]
    "<=": lambda a, b: a <= b,  # type: ignore[operator]
    ">": lambda a, b: a > b,  # type: ignore[operator]
    "<": lambda a, b: a < b,  # type: ignore[operator]
    "=": lambda a, b: a == b,
}
