"""User text made safe to show: characters a terminal would act on, in a visible notation.

A terminal obeys control characters instead of drawing them: ESC starts sequences that
clear the screen or retitle the window, CR and LF move the cursor and fake lines, and
the bidirectional overrides turn the rest of a line around. Text a user or an import
typed is data, so before it is shown (on screen, in a report) each such character is
replaced by a visible notation: caret notation for the C0 controls (`^[` for ESC, `^M`
for CR), `<U+XXXX>` for the rest. Validation refuses the same characters in new input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any, TypeVar

BIDI_CONTROLS: frozenset[str] = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""The bidirectional embeddings, overrides and isolates: each opens (or closes) a scope
that reorders the text after it, beyond the field it was typed in."""
LINE_SEPARATORS: frozenset[str] = frozenset("\u2028\u2029")
"""Unicode's line and paragraph separators, which some code splits lines at."""

T = TypeVar("T")

_LEFT_RAW_BY_JSON = re.compile(
    "[\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS | LINE_SEPARATORS)) + "]"
)
"""The unsafe characters a JSON encoder may leave raw (it must escape only C0; a lone
surrogate cannot be encoded at all)."""

_NAMES: dict[int, str] = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BS",
    0x09: "TAB",
    0x0A: "LF",
    0x0B: "VT",
    0x0C: "FF",
    0x0D: "CR",
    0x1B: "ESC",
    0x7F: "DEL",
    0x85: "NEL",
    0x9B: "CSI",
    0x9D: "OSC",
    0x202A: "LEFT-TO-RIGHT EMBEDDING",
    0x202B: "RIGHT-TO-LEFT EMBEDDING",
    0x202C: "POP DIRECTIONAL FORMATTING",
    0x202D: "LEFT-TO-RIGHT OVERRIDE",
    0x202E: "RIGHT-TO-LEFT OVERRIDE",
    0x2066: "LEFT-TO-RIGHT ISOLATE",
    0x2067: "RIGHT-TO-LEFT ISOLATE",
    0x2068: "FIRST STRONG ISOLATE",
    0x2069: "POP DIRECTIONAL ISOLATE",
    0x2028: "LINE SEPARATOR",
    0x2029: "PARAGRAPH SEPARATOR",
}


def is_unsafe(character: str) -> bool:
    """True for a character a terminal would act on rather than draw (newline and tab
    included: whether they are allowed depends on where the text is shown)."""
    code = ord(character)
    return (
        code < 0x20
        or 0x7F <= code <= 0x9F
        or character in BIDI_CONTROLS
        or character in LINE_SEPARATORS
        or 0xD800 <= code <= 0xDFFF  # a lone surrogate cannot even be written out
    )


def notation(character: str) -> str:
    """The visible stand-in of an unsafe character: `^[` for ESC, `<U+202E>` for RLO."""
    code = ord(character)
    if code < 0x20:
        return "^" + chr(code + 0x40)
    if code == 0x7F:
        return "^?"
    return f"<U+{code:04X}>"


def character_name(character: str) -> str:
    """A short name for an unsafe character, for messages: `ESC`, `RIGHT-TO-LEFT OVERRIDE`."""
    code = ord(character)
    if code in _NAMES:
        return _NAMES[code]
    if code < 0x20 or code == 0x7F:
        return "control"
    if code <= 0x9F:
        return "C1 control"
    return "surrogate"


def printable(text: str, *, multiline: bool = False) -> str:
    """`text` with every character a terminal would act on shown in a visible notation.

    Newlines and tabs stay when `multiline` (a note shown on several lines); on one line
    a newline shows as `^J` and a tab as a space. Text without such characters is
    returned as it is.
    """
    if text.isprintable() or not any(is_unsafe(character) for character in text):
        return text  # the common case, kept cheap: str.isprintable runs in C
    shown: list[str] = []
    for character in text:
        if not is_unsafe(character) or (character == "\n" and multiline):
            shown.append(character)
        elif character == "\t":
            shown.append(character if multiline else " ")
        else:
            shown.append(notation(character))
    return "".join(shown)


def pictured(text: str) -> str:
    """`text` with each unsafe character drawn as one visible character in its place
    (`␛` for ESC, `␍` for CR, `�` beyond C0): same length, so an editor's cursor and
    selection stay on the characters they belong to."""
    if text.isprintable() or not any(is_unsafe(character) for character in text):
        return text
    shown: list[str] = []
    for character in text:
        code = ord(character)
        if character in "\n\t" or not is_unsafe(character):
            shown.append(character)
        elif code < 0x20:
            shown.append(chr(0x2400 + code))
        elif code == 0x7F:
            shown.append("\u2421")
        else:
            shown.append("\ufffd")
    return "".join(shown)


@dataclass(frozen=True, slots=True)
class UnsafeCharacter:
    """An unsafe character found in a text, with where it stands."""

    position: int
    """Its 1-based position in the text."""
    character: str
    """The character itself."""

    def describe(self) -> str:
        """`a control character (ESC, ^[) at position 5`."""
        name = character_name(self.character)
        shown = notation(self.character)
        return f"a control character ({name}, {shown}) at position {self.position}"


def first_unsafe(text: str, *, multiline: bool = False) -> UnsafeCharacter | None:
    """The first character of `text` that validation refuses, or None.

    Tabs are allowed anywhere, newlines only where `multiline` (notes, summaries).
    """
    if text.isprintable():
        return None
    for index, character in enumerate(text):
        if character == "\t" or (character == "\n" and multiline):
            continue
        if is_unsafe(character):
            return UnsafeCharacter(index + 1, character)
    return None


QUOTED_CHARACTERS = 40
"""How much of a value a message quotes: a pasted page or a damaged store's megabyte is
not repeated."""


def quoted(value: object) -> str:
    """A value as a message quotes it: its repr, cut short when long, with its length."""
    text = repr(value)
    if len(text) <= QUOTED_CHARACTERS:
        return text
    return f"{text[:QUOTED_CHARACTERS]}… ({len(text):,} characters)"


def _printable_value(value: Any) -> Any:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, tuple):
        return tuple(_printable_value(item) for item in value)
    if isinstance(value, dict):
        return {key: _printable_value(item) for key, item in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return printable_record(value)
    return value


def printable_record(record: T) -> T:
    """A copy of a record (any frozen dataclass) whose every text, nested ones included,
    is `printable`: what a view shows of it. Note-like fields (named by the record's
    `MULTILINE`) keep their newlines."""
    if not is_dataclass(record) or isinstance(record, type):
        return record
    multiline: frozenset[str] = getattr(record, "MULTILINE", frozenset())
    changes: dict[str, Any] = {}
    for item in fields(record):
        value = getattr(record, item.name)
        if isinstance(value, str):
            shown: Any = printable(value, multiline=item.name in multiline)
        else:
            shown = _printable_value(value)
        if shown is not value and shown != value:
            changes[item.name] = shown
    return replace(record, **changes) if changes else record


def json_safe(document: str) -> str:
    """A JSON document with the unsafe characters JSON leaves raw (DEL, the C1 controls,
    bidirectional controls, line separators) written as `\\uXXXX` escapes: the same data,
    safe to print to a terminal. They can only stand inside strings, where the escape
    reads back as the character."""
    return _LEFT_RAW_BY_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", document)
