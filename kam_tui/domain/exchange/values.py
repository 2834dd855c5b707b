"""Cell values as exports write them: US and ISO dates, 12-hour times, amounts with
separators, percentages and booleans; each parser raises ValueError saying what it expected."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from kam_tui.domain.money import MAX_CENTS

_US = re.compile(
    r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2}|\d{4})"
    r"(?:[ T](?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ap>[AaPp][Mm])?)?$"
)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")
_ISO_12H = re.compile(
    r"^(?P<day>\d{4}-\d{2}-\d{2})[ T](?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*"
    r"(?P<ap>[AaPp][Mm])$"
)
_AMOUNT = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
DATE_EXPECTED = "a date MM/DD/YY, MM/DD/YYYY or YYYY-MM-DD (a time may follow)"


def parse_when(text: str) -> datetime | None:
    """A moment from `MM/DD/YY`, `MM/DD/YYYY`, either with `hh:mm AM/PM` or `hh:mm`, or ISO
    8601 (also with a 12-hour `hh:mm AM/PM`, as HubSpot writes it); None for an empty
    cell. Two-digit years are 2000-2068 and 1969-1999 (as Python)."""
    raw = text.strip()
    if not raw:
        return None
    match = _US.match(raw)
    if match:
        year = int(match["y"])
        if len(match["y"]) == 2:
            year += 2000 if year < 69 else 1900
        hour = int(match["h"] or 0)
        minute = int(match["mi"] or 0)
        second = int(match["s"] or 0)
        half = (match["ap"] or "").upper()
        if half:
            if not 1 <= hour <= 12:
                raise ValueError(f"{DATE_EXPECTED}, not {raw!r} (hour {hour} with {half})")
            hour = hour % 12 + (12 if half == "PM" else 0)
        try:
            return datetime(year, int(match["m"]), int(match["d"]), hour, minute, second)
        except ValueError:
            raise ValueError(f"{DATE_EXPECTED}, not {raw!r} (no such day)") from None
    twelve = _ISO_12H.match(raw)
    if twelve:
        hour = int(twelve["h"])
        if not 1 <= hour <= 12:
            raise ValueError(f"{DATE_EXPECTED}, not {raw!r} (hour {hour} with {twelve['ap']})")
        hour = hour % 12 + (12 if twelve["ap"].upper() == "PM" else 0)
        raw = f"{twelve['day']} {hour:02d}:{twelve['mi']}:{twelve['s'] or '00'}"
    if _ISO.match(raw):
        try:
            moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"{DATE_EXPECTED}, not {raw!r}") from None
        return moment.replace(tzinfo=None)
    raise ValueError(f"{DATE_EXPECTED}, not {raw!r}")


def parse_date(text: str) -> date | None:
    """The day of `parse_when`."""
    moment = parse_when(text)
    return moment.date() if moment is not None else None


def parse_cents(text: str) -> int:
    """An amount like 139000000, 1,250,000.50 or 15000.0, in cents; empty is 0."""
    raw = text.strip().replace(" ", "")
    for symbol in ("$", "€", "£"):
        raw = raw.replace(symbol, "")
    if not raw:
        return 0
    if not _AMOUNT.match(raw):
        raise ValueError(f"an amount like 12500 or 12,500.00, not {text.strip()!r}")
    try:
        value = Decimal(raw.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"an amount like 12500 or 12,500.00, not {text.strip()!r}") from None
    cents = int((value * 100).to_integral_value())
    if abs(cents) > MAX_CENTS:
        raise ValueError(f"an amount below {MAX_CENTS // 100:,}, not {text.strip()!r}")
    if cents < 0:
        raise ValueError(f"an amount of zero or more, not {text.strip()!r}")
    return cents


def parse_percent(text: str) -> int | None:
    """A percentage 0-100 (decimals rounded); None for an empty cell."""
    raw = text.strip().rstrip("%").strip()
    if not raw:
        return None
    try:
        value = round(Decimal(raw))
    except (InvalidOperation, ValueError, OverflowError):
        raise ValueError(f"a percentage from 0 to 100, not {text.strip()!r}") from None
    if not 0 <= value <= 100:
        raise ValueError(f"a percentage from 0 to 100, not {text.strip()!r}")
    return int(value)


def parse_probability(text: str) -> int | None:
    """HubSpot's deal probability as a percentage 0-100: HubSpot keeps it as a fraction
    (0.35, and 1 for a won deal), so a plain number from 0 to 1 is a fraction; "35%" or a
    number above 1 is already a percentage. None for an empty cell."""
    raw = text.strip()
    if not raw or raw.endswith("%"):
        return parse_percent(raw)
    try:
        value = Decimal(raw)
    except (InvalidOperation, ValueError):
        raise ValueError(f"a probability like 0.35 or 35%, not {raw!r}") from None
    if value.is_finite() and value < 0:
        raise ValueError(f"a probability from 0 to 1 or 0% to 100%, not {raw!r}")
    if value.is_finite() and value <= 1:
        return round(value * 100)
    return parse_percent(raw)


_TRUE = frozenset({"true", "1", "yes", "y"})
_FALSE = frozenset({"false", "0", "no", "n", ""})


def parse_flag(text: str) -> bool:
    """TRUE/FALSE (any case), 1/0, yes/no; empty is false."""
    raw = text.strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ValueError(f"TRUE or FALSE, not {text.strip()!r}")
