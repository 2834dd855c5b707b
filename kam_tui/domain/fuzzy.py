"""Fuzzy matching of what is typed against names, in time linear in the name's length.

Textual's own fuzzy search tries every way the letters typed can fall in a candidate:
harmless for the names of commands, but a long account name (an old store or an import
may hold thousands of characters) with many repeated letters has so many placements that
one key press in the palette would not finish. This matcher takes the letters greedily, left to
right, so any name costs one pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True, slots=True)
class FuzzyMatch:
    """Where the letters typed were found in a candidate, and how good a match it is."""

    score: float
    """0 for no match; higher is better (contiguous letters and word starts count more)."""
    offsets: tuple[int, ...]
    """The position in the candidate of each letter typed."""


NO_MATCH = FuzzyMatch(0.0, ())


def _word_starts(candidate: str) -> set[int]:
    return {
        index
        for index, character in enumerate(candidate)
        if character.isalnum() and (index == 0 or not candidate[index - 1].isalnum())
    }


def _score(candidate: str, offsets: tuple[int, ...]) -> float:
    """More for each letter on a word start, and for letters that run together."""
    starts = _word_starts(candidate)
    score = float(len(offsets) + sum(1 for offset in offsets if offset in starts))
    groups = 1 + sum(1 for left, right in pairwise(offsets) if right != left + 1)
    together = (len(offsets) - (groups - 1)) / len(offsets)
    return score * (1 + together * together)


def _folded(text: str) -> str:
    """`text` in lower case, one character for each of its own (so offsets line up)."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(character.lower()[0] for character in text)


def fuzzy_match(query: str, candidate: str) -> FuzzyMatch:
    """Match the letters of `query`, in order and ignoring case, against `candidate`.

    A query found whole is the best match; otherwise each letter is taken at its first
    place after the one before.
    """
    whole = _folded(query.strip())
    if not whole:
        return NO_MATCH
    folded = _folded(candidate)
    start = folded.find(whole)
    if start >= 0:
        offsets = tuple(range(start, start + len(whole)))
        return FuzzyMatch(_score(candidate, offsets) * 1.5, offsets)
    found: list[int] = []
    position = 0
    for letter in whole:
        if letter.isspace():
            continue
        position = folded.find(letter, position)
        if position < 0:
            return NO_MATCH
        found.append(position)
        position += 1
    offsets = tuple(found)
    return FuzzyMatch(_score(candidate, offsets), offsets)
