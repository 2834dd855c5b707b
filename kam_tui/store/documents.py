"""Stored documents of new records written by code generated once per kind of record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kam_tui.domain.codecs import WRITE_CONVERTED, iso
from kam_tui.domain.fields import table_fields
from kam_tui.domain.models import GID_KEY, Record

DocWriter = Callable[[Any], dict[str, Any]]
_WRITERS: dict[type[Record], DocWriter] = {}


def doc_writer(kind: type[Record]) -> DocWriter:
    """A function making the document `Record.to_doc` makes for a record of `kind` (the
    same keys in the same order, the same values), as one dict display instead of a loop
    over the fields: an import writes hundreds of thousands of documents."""
    found = _WRITERS.get(kind)
    if found is None:
        found = _WRITERS[kind] = _generated(kind)
    return found


def _generated(kind: type[Record]) -> DocWriter:
    scope: dict[str, Any] = {"GID_KEY": GID_KEY}
    items = []
    for at, item in enumerate(table_fields(kind.TABLE)):
        key = item.key
        value = f"record.{key}"
        write = WRITE_CONVERTED.get(item.kind)
        if write is iso:
            value = f"(None if {value} is None else {value}.isoformat())"
        elif write is not None:
            scope[f"write{at}"] = write
            value = f"write{at}({value})"
        items.append(f"{key!r}: {value}")
    source = (
        "def write(record):\n"
        f"    doc = {{{', '.join(items)}}}\n"
        "    if record.gid:\n"
        "        doc[GID_KEY] = record.gid\n"
        "    return doc\n"
    )
    exec(source, scope)  # keys are the catalogue's field keys, each a record attribute
    made: DocWriter = scope["write"]
    return made
