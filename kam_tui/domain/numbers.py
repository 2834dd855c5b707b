"""Decimal numbers read from text a person or a file supplied, kept within plain bounds.

`Decimal` reads far more than a person means by a number: `NaN` and `sNaN` (which raise
on every comparison), `Infinity`, and exponents such as `9e999999999` whose arithmetic
overflows and whose plain writing runs to a billion digits. Every number kam takes from
text (an amount, a key result, a custom number field, a stored decimal) is read here, so
a value that passes can be compared, multiplied by 100 and written out digit by digit.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from kam_tui.domain.text import quoted

MAX_MAGNITUDE = 30
"""The largest power of ten a number may reach (far beyond any amount or target)."""
MAX_DECIMALS = 12
"""The most digits after the point a number may have."""
NOT_A_NUMBER = "is not a number"
"""The `decimal_problem` of NaN and the infinities."""
TOO_LARGE = "is too large"
"""The `decimal_problem` of a number reaching 10 ** MAX_MAGNITUDE."""


def parse_decimal(text: str) -> Decimal:
    """The number `text` writes; ValueError says why it is not one kam keeps."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{quoted(text)} {NOT_A_NUMBER}") from None
    problem = decimal_problem(value)
    if problem:
        raise ValueError(f"{quoted(text)} {problem}")
    return value if value else Decimal(0)  # 0E+999999999 is zero too, without the exponent


def decimal_problem(value: Decimal) -> str:
    """Why `value` is not a number kam keeps ('' when it is)."""
    if not value.is_finite():
        return NOT_A_NUMBER
    if not value:
        return ""
    if value.adjusted() >= MAX_MAGNITUDE:
        return TOO_LARGE
    if value.adjusted() < -MAX_DECIMALS:
        return f"has more than {MAX_DECIMALS} decimals"
    return ""
