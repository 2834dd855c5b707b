"""What the import dialog makes of the paths typed: files and folders, quoting, completion."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path

CSV_SUFFIX = ".csv"
"""The files a folder contributes to an import."""
MAPPING_SUFFIXES = (".yaml", ".yml")
"""A file typed with one of these is the import's mapping file, not data."""


@dataclass(slots=True)
class Chosen:
    """The files an import reads, and why a typed path gives none."""

    files: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    mapping: Path | None = None
    """The YAML mapping file typed among the paths (it maps any other CSV)."""


def typed_paths(text: str, folder: Path) -> list[Path]:
    """The paths in `text`, relative ones taken from `folder`: the whole text when it names
    something that exists (a path with spaces needs no quotes), else shell words (quotes
    group, as in `"My exports/Account.csv" Contact.csv`). Raises ValueError on an unclosed
    quote."""
    stripped = text.strip()
    if not stripped:
        return []
    whole = _absolute(stripped, folder)
    if whole.exists():
        return [whole]
    return [_absolute(word, folder) for word in shlex.split(stripped)]


def _absolute(word: str, folder: Path) -> Path:
    path = Path(word).expanduser()
    return path if path.is_absolute() else folder / path


def choose_files(paths: list[Path]) -> Chosen:
    """Each file as given and each folder's CSV files (not hidden ones, not its
    sub-folders'), in name order, every file once, and the one YAML mapping file; a path
    that does not exist, a folder without a CSV file, or a second mapping, is a problem."""
    chosen = Chosen()
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            chosen.files.append(path)

    for path in paths:
        if path.suffix.casefold() in MAPPING_SUFFIXES:
            if chosen.mapping is not None:
                chosen.problems.append(f"{path}: one mapping file per import")
            elif not path.is_file():
                chosen.problems.append(f"{path}: no such mapping file")
            else:
                chosen.mapping = path
            continue
        try:
            if path.is_dir():
                found = sorted(
                    (
                        entry
                        for entry in path.iterdir()
                        if entry.suffix.casefold() == CSV_SUFFIX
                        and not entry.name.startswith(".")
                        and entry.is_file()
                    ),
                    key=lambda entry: entry.name.casefold(),
                )
                if not found:
                    chosen.problems.append(f"{path}: no .csv file in this folder")
                for entry in found:
                    add(entry)
            elif path.exists():
                add(path)
            else:
                chosen.problems.append(f"{path}: no such file or folder")
        except OSError as error:
            chosen.problems.append(f"{path}: {error.strerror or error}")
    return chosen


def completed(text: str, folder: Path) -> str | None:
    """`text` with its last path completed as far as the names on disk agree (a folder
    reached gets its `/`), relative paths taken from `folder`; None when nothing can be
    added. The whole text is tried as one path first, then the part after its last space."""
    candidates = [text]
    _, space, tail = text.rpartition(" ")
    if space:
        candidates.append(tail)
    for candidate in candidates:
        if not candidate:
            continue
        grown = _complete_one(candidate, folder)
        if grown is not None:
            return text[: len(text) - len(candidate)] + grown
    return None


def _complete_one(typed: str, folder: Path) -> str | None:
    """`typed` grown by what every name starting like its last part shares."""
    parent, separator, stem = typed.rpartition("/")
    directory = _absolute(parent or "/", folder) if separator else folder
    try:
        names = sorted(
            entry.name
            for entry in directory.iterdir()
            if entry.name.startswith(stem) and (stem[:1] == "." or entry.name[:1] != ".")
        )
    except OSError:
        return None
    if not names:
        return None
    common = _shared_start(names[0], names[-1])  # sorted: the first and last differ most
    addition = common[len(stem) :]
    if len(names) == 1 and (directory / common).is_dir():
        addition += "/"
    return typed + addition if addition else None


def _shared_start(first: str, last: str) -> str:
    """The characters `first` and `last` start with alike (names, not path components)."""
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]
