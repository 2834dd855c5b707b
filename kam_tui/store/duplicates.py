"""Duplicate keys in a JSON object, which JSON parsers silently merge (the last one wins).

A store holding the same record id twice in one table, or the same table twice, would lose
all but one of them at the next save: such a file is refused like any other damage. Parsers
do not report duplicates, so this walks the object's keys itself, leaving each value to the
standard library's C scanner. It is the slow path: a table written by kam (compact, no
duplicates) is recognised without it (see `reader.check_unique_keys`).
"""

from __future__ import annotations

import json.decoder
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_DECODER: Any = json.decoder  # its scanners are not in the type stubs
_scan_value: Callable[[str, int], tuple[Any, int]] = _DECODER.JSONDecoder().scan_once
"""Parse the JSON value at an index (the C scanner); returns it and the index after it."""
_scan_string: Callable[[str, int], tuple[str, int]] = _DECODER.scanstring
"""Decode the JSON string whose body starts at an index; returns it and the index after it."""
_SPACE = re.compile(r"[ \t\n\r]*")


def _skip_space(text: str, index: int) -> int:
    """The index of the first character at or after `index` that is not JSON whitespace."""
    match = _SPACE.match(text, index)
    return match.end() if match else index


@dataclass(frozen=True)
class Duplicate:
    """A key met a second time in the same object."""

    key: str
    offset: int
    """Where its second occurrence starts (the opening quote), as an index into the text."""
    within: str | None = None
    """The key of the enclosing object's entry, for a duplicate one level down."""


def first_duplicate(text: str, start: int = 0, *, depth: int = 1) -> Duplicate | None:
    """The first duplicate key of the JSON object at `start` in `text` (valid JSON).

    With `depth=2`, the keys of each object directly inside it are checked too (a whole
    store: its tables, then each table's record ids). Anything else is not looked into.
    """
    found, _end = _walk(text, _skip_space(text, start), depth)
    return found


def _walk(text: str, index: int, depth: int) -> tuple[Duplicate | None, int]:
    """Check the object at `index`; returns what was found and the index after it."""
    if text[index : index + 1] != "{":
        _value, end = _scan_value(text, index)
        return None, end
    seen: set[str] = set()
    index = _skip_space(text, index + 1)
    if text[index : index + 1] == "}":
        return None, index + 1
    while True:
        key_at = index
        key, index = _scan_string(text, index + 1)
        if key in seen:
            return Duplicate(key, key_at), index
        seen.add(key)
        index = _skip_space(text, index) + 1  # past the colon
        index = _skip_space(text, index)
        if depth > 1:
            inner, index = _walk(text, index, depth - 1)
            if inner is not None:
                return Duplicate(inner.key, inner.offset, within=key), index
        else:
            _value, index = _scan_value(text, index)
        index = _skip_space(text, index)
        if text[index] == "}":
            return None, index + 1
        index = _skip_space(text, index + 1)  # past the comma
