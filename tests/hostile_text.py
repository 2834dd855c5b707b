"""Hostile text: strings that must be shown literally everywhere, and a store full of them.

The store is written as an old store (or a hand-edited file) would hold it: around
validation, which refuses most of these strings today.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any
from unittest import mock

from kam_tui.domain.models import (
    Account,
    Action,
    Activity,
    Contact,
    KeyResult,
    Objective,
    ProcessStep,
    SwotItem,
    TeamMember,
)
from kam_tui.domain.schema import DEFAULT_STATUSES, CustomFieldDef, Schema, StatusDef
from kam_tui.domain.text import is_unsafe
from kam_tui.domain.validation import MAX_NAME, MAX_SWOT_TEXT, MAX_TAG
from kam_tui.store import Repository

_LONG_PART = "Ω [/b] \x1b[31m 株式 \u202e [link=x]y[/link] 👩‍👩‍👧 "
HOSTILE: dict[str, str] = {
    "closing-tag": "x [/b] y",
    "tags-and-link": "[/red]x [bold]B[/bold] [link=https://example.org]L[/link]",
    "actions-and-variables": "[@click=app.quit]Quit[/] [$accent]v[/] [bold unclosed \\[esc]",
    "terminal-control": "Evil\x1b]0;pwned\x07\x1b[2J\r\nFAKE LINE",
    "c0-and-c1": "nul\x00 bs\x08 vt\x0b ff\x0c del\x7f csi\x9b2J osc\x9d0;t\x9c nel\x85 end",
    "right-to-left": "abc\u202edcba\u202c مرحبا بالعالم שלום \u2067עולם\u2069",
    "wide-and-emoji": "株式会社テスト 한국어 中文 👩‍👩‍👧‍👦 🇩🇪 ✨",
    "separators-and-tab": "line\u2028para\u2029tab\there",
    "long": (_LONG_PART * (2000 // len(_LONG_PART) + 1))[:2000],
}
"""Markup, unbalanced and closing tags, links and actions, control characters (ESC, BEL,
CR, LF, C1), right-to-left overrides with Arabic and Hebrew, emoji and wide CJK, line
separators and a tab, and a 2,000-character text."""

SHOWN: dict[str, str] = {
    "closing-tag": "x [/b] y",
    "tags-and-link": "[/red]x [bold]B[/bold] [link=https://example.org]L[/link]",
    "terminal-control": "Evil^[]0;pwned^G^[[2J^M^JFAKE LINE",
    "c0-and-c1": "nul^@ bs^H vt^K ff^L del^? csi<U+009B>2J",
    "right-to-left": "abc<U+202E>dcba<U+202C>",
}
"""How some of them read on screen (a part that fits in a narrow column)."""


def hostile_name(key: str) -> str:
    """The name (of an account, a contact...) holding the hostile string `key`: as much of
    it as a name may hold, for a store must load."""
    return HOSTILE[key][:MAX_NAME]


HOSTILE_STATUS = "Hot [/b] \x1b[2Jlead"
"""A pipeline status of the config that is hostile too (the config is typed by a user)."""


def hostile_schema() -> Schema:
    """The default config plus a hostile status, team member and custom fields."""
    return Schema(
        statuses=(*Schema().statuses, StatusDef(HOSTILE_STATUS, "red")),
        team=(HOSTILE["closing-tag"],),
        custom_fields=(
            CustomFieldDef("note", "Note [/b] \x1b[31m", "text"),
            CustomFieldDef("tier", "Tier [bold]", "choice", ("gold", HOSTILE["tags-and-link"])),
        ),
    )


@contextmanager
def unvalidated() -> Iterator[None]:
    """Let records through without validation, as an old store or a hand edit would."""
    with mock.patch("kam_tui.store.change_set.validate"):
        yield


def _value(text: str, valid: str, hostile: bool) -> str:
    return text if hostile else valid


def fill_hostile_store(
    repository: Repository, today: date, *, in_statuses: bool = True
) -> dict[str, int]:
    """One account per hostile string, with every text field of it and of each record kind
    that belongs to it set to that string (as much of it as the field may hold: names 120
    characters, SWOT items 500, tags 40, notes and choices 2,000). Every other account also
    puts the string in its fields of fixed choices (level, kind...), and in its status and
    list unless not `in_statuses` (the config must list those). Returns the account ids by
    key."""
    ids: dict[str, int] = {}
    with unvalidated(), repository.change("Hostile records") as change:
        for number, (key, text) in enumerate(HOSTILE.items()):
            odd = number % 2 == 1
            name = text[:MAX_NAME]  # the store keeps each text within its field's limit
            account = change.save(
                Account(
                    name=name,
                    industry=name,
                    offer_type=name,
                    rating=_value(text, "Hot", odd),
                    address=name,
                    website=name,
                    status=_value(text, DEFAULT_STATUSES[number % 3], odd and in_statuses),
                    lifecycle=_value(text, "New", odd and in_statuses),
                    assignee=name,
                    team=(TeamMember(name, _value(name, "account support", odd)),),
                    key_account=odd,
                    stage=_value(text, "presales", odd),
                    last_contact=date(today.year - 1, 1, 1),
                    custom={"note": text, "tier": text},
                    tags=(text[:MAX_TAG], "plain"),
                    notes=text,
                )
            )
            ids[key] = account.id
            contact = change.save(
                Contact(
                    account_id=account.id,
                    name=name,
                    title=name,
                    level=_value(text, "management", odd),
                    buying_role=_value(text, "influencer", odd),
                    stance=_value(text, "neutral", odd),
                    influence=_value(text, "medium", odd),
                    email=name,
                    phone=name,
                    owner=name,
                )
            )
            change.save(
                Activity(
                    account_id=account.id,
                    kind=_value(text, "meeting", odd),
                    day=date(today.year - 1, 1, 1),
                    summary=text,
                    contact_ids=(contact.id,),
                    logged_by=name,
                )
            )
            objective = change.save(
                Objective(
                    account_id=account.id,
                    title=name,
                    key_results=(KeyResult(name, Decimal(10), Decimal(4)),),
                )
            )
            change.save(
                Action(
                    account_id=account.id,
                    title=name,
                    owner=name,
                    due=date(today.year - 1, 6, 1),
                    status=_value(text, "open", odd),
                    objective_id=objective.id,
                    report=text,
                )
            )
            for perspective, quadrant in (("customer", "S"), ("view_of_us", "W")):
                change.save(
                    SwotItem(
                        account_id=account.id,
                        perspective=perspective,
                        quadrant=quadrant,
                        text=text[:MAX_SWOT_TEXT],
                        priority=_value(text, "high", odd),
                    )
                )
            change.save(
                ProcessStep(
                    account_id=account.id,
                    buying_step=name,
                    selling_stage=_value(text, "Prospecting", odd),
                    owner=name,
                    state=_value(text, "not started", odd),
                )
            )
    return ids


def screen_lines(app: Any) -> list[str]:
    """Every line the app's current screen draws, as the terminal would get it (notifications
    and dialogs included), without the styles."""
    update = app.screen._compositor.render_update(full=True)
    return ["".join(segment.text for segment in strip) for strip in update.strips]


def unsafe_on_screen(app: Any) -> list[tuple[int, str]]:
    """(line, character) of every character on screen a terminal would act on."""
    return [
        (number, repr(character))
        for number, line in enumerate(screen_lines(app))
        for character in line
        if is_unsafe(character)
    ]


def assert_clean(app: Any, where: str) -> str:
    """Check the screen draws no control character; return it as one text for more checks."""
    found = unsafe_on_screen(app)
    assert not found, f"{where}: control characters reach the terminal: {found[:5]}"
    return "\n".join(screen_lines(app))
