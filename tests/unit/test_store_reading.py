"""Any valid store opens, in the app and in `kam check` alike; a record id found twice or a
text past its limit is refused with its position, like any other damage."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kam_tui.cli.main import main
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import TABLES, Record
from kam_tui.domain.schema import Schema
from kam_tui.domain.validation import MAX_NAME, MAX_TEXT
from kam_tui.store import Repository, StoreCorruptError
from kam_tui.store.backups import write_backup

Records = dict[str, list[Record]]


def by_id(records: list[Any]) -> list[Record]:
    return sorted(records, key=lambda record: int(record.id))


def demo_payload(demo_repo: Repository, store_path: Path) -> tuple[bytes, Records]:
    """The demo store as kam wrote it, and every record in it."""
    records = {table: by_id(demo_repo.all(kind)) for table, kind in TABLES.items()}
    demo_repo.close()
    return store_path.read_bytes(), records


def read_all(store_path: Path, schema: Schema, clock: Clock, *, progressive: bool) -> Records:
    """Open a store as the app (progressive) or `kam check` (whole) does; every record."""
    repository = Repository.open(
        store_path, schema, clock=clock, read_only=not progressive, progressive=progressive
    )
    try:
        assert repository.wait_loaded(10)
        return {table: by_id(repository.all(kind)) for table, kind in TABLES.items()}
    finally:
        repository.close()


def one_table_per_line_but_two_share_one(data: dict[str, Any]) -> bytes:
    lines = [json.dumps({name: table}, separators=(",", ":"))[1:-1] for name, table in data.items()]
    lines[2] = lines[2] + "," + lines.pop(3)
    return ("{" + ",\n".join(lines) + "}\n").encode()


LAYOUTS: dict[str, Callable[[dict[str, Any]], bytes]] = {
    "one compact line (jq -c)": lambda data: json.dumps(data, separators=(",", ":")).encode(),
    "one line (json.dumps)": lambda data: json.dumps(data).encode(),
    "indented by 2 (jq)": lambda data: json.dumps(data, indent=2).encode(),
    "indented by 4, ASCII escapes": lambda data: json.dumps(data, indent=4).encode(),
    "indented by tabs": lambda data: json.dumps(data, indent="\t", ensure_ascii=False).encode(),
    "keys in another order": lambda data: json.dumps(
        dict(reversed(data.items())), sort_keys=True, separators=(",", ":")
    ).encode(),
    "extra whitespace": lambda data: json.dumps(data, separators=(" ,  ", " :\n ")).encode(),
    "CRLF line ends": lambda data: json.dumps(data, indent=1).replace("\n", "\r\n").encode(),
    "two tables on one line": one_table_per_line_but_two_share_one,
}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("progressive", [True, False], ids=["app", "kam check"])
def test_any_layout_of_a_valid_store_opens_with_every_record(
    store_path: Path,
    demo_repo: Repository,
    schema: Schema,
    clock: Clock,
    layout: str,
    progressive: bool,
) -> None:
    payload, expected = demo_payload(demo_repo, store_path)
    store_path.write_bytes(LAYOUTS[layout](json.loads(payload)))
    assert read_all(store_path, schema, clock, progressive=progressive) == expected


def test_a_store_in_another_layout_is_saved_whole_in_kams(
    store_path: Path, demo_repo: Repository, schema: Schema, clock: Clock
) -> None:
    payload, expected = demo_payload(demo_repo, store_path)
    store_path.write_bytes(one_table_per_line_but_two_share_one(json.loads(payload)))
    repository = Repository.open(store_path, schema, clock=clock, progressive=True)
    try:
        repository.save(repository.accounts()[0])
        assert repository.wait_saved(10)
    finally:
        repository.close()
    assert read_all(store_path, schema, clock, progressive=False) == expected


def duplicate_first_record(payload: bytes, table: str) -> tuple[bytes, tuple[int, int]]:
    """The store with the first record of `table` written again after the table's last
    record, and the line and column of the copy."""
    lines = payload.split(b"\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(b'"%s":' % table.encode()))
    line = lines[index]
    prefix = len(table) + 3
    body = line[prefix:-1]  # the line ends with the comma after the table, or the file's }
    key, record = next(iter(json.loads(body).items()))
    copy = json.dumps({key: record}, separators=(",", ":"))[1:-1].encode()
    at = prefix + len(body) - 1
    lines[index] = line[:at] + b"," + copy + line[at:]
    return b"\n".join(lines), (index + 1, at + 2)


@pytest.mark.parametrize("table", ["accounts", "activities"])
@pytest.mark.parametrize("progressive", [True, False], ids=["app", "kam check"])
def test_a_record_id_found_twice_is_refused_with_its_position(
    store_path: Path,
    demo_repo: Repository,
    schema: Schema,
    clock: Clock,
    table: str,
    progressive: bool,
) -> None:
    payload, _records = demo_payload(demo_repo, store_path)
    twice, position = duplicate_first_record(payload, table)
    store_path.write_bytes(twice)
    with pytest.raises(StoreCorruptError) as refused:
        read_all(store_path, schema, clock, progressive=progressive)
    assert "record '1' appears twice; one would be lost" in refused.value.problem
    assert f"table {table!r}" in refused.value.problem
    assert (refused.value.line, refused.value.column) == position
    assert store_path.read_bytes() == twice


def test_a_record_id_found_twice_in_a_hand_written_file_is_refused(
    store_path: Path, schema: Schema, clock: Clock
) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_text(
        '{\n  "_meta": {"1": {"schema_version": 1}},\n  "accounts": {\n'
        '    "1": {"name": "First", "status": "Won", "lifecycle": "New"},\n'
        '    "\\u0031": {"name": "Second", "status": "Won", "lifecycle": "New"}\n  }\n}\n'
    )
    with pytest.raises(StoreCorruptError) as refused:
        read_all(store_path, schema, clock, progressive=True)
    assert "record '1' appears twice" in refused.value.problem
    assert (refused.value.line, refused.value.column) == (5, 5)


def test_a_table_found_twice_is_refused(store_path: Path, schema: Schema, clock: Clock) -> None:
    store_path.parent.mkdir(parents=True)
    account = '{"1": {"name": "A", "status": "Won", "lifecycle": "New"}}'
    store_path.write_text(
        f'{{"_meta":{{"1":{{"schema_version":1}}}},\n"accounts":{account},\n"accounts":{{}}}}\n'
    )
    with pytest.raises(StoreCorruptError) as refused:
        read_all(store_path, schema, clock, progressive=True)
    assert "table 'accounts' appears twice" in refused.value.problem
    assert (refused.value.line, refused.value.column) == (3, 1)


def test_restore_refuses_a_backup_holding_a_record_id_twice(
    capsys: pytest.CaptureFixture[str], store_path: Path, demo_repo: Repository
) -> None:
    payload, _records = demo_payload(demo_repo, store_path)
    twice, (line, column) = duplicate_first_record(payload, "contacts")
    backup = write_backup(store_path, twice)
    code = main(["--db", str(store_path), "restore", str(backup)])
    assert code != 0
    assert f"{backup}:{line}:{column}: table 'contacts': record '1' appears twice" in (
        capsys.readouterr().err
    )
    assert store_path.read_bytes() == payload


@pytest.mark.parametrize(
    ("table", "before", "field", "length", "limit"),
    [
        ("accounts", b":{", "name", 10_000_000, MAX_NAME),
        ("accounts", b",", "notes", MAX_TEXT + 1, MAX_TEXT),
        ("activities", b",", "summary", 5_000_000, MAX_TEXT),
        ("contacts", b",", "email", MAX_NAME + 1, MAX_NAME),
    ],
)
@pytest.mark.parametrize("progressive", [True, False], ids=["app", "kam check"])
def test_a_text_past_its_limit_is_refused_with_its_position(
    store_path: Path,
    demo_repo: Repository,
    schema: Schema,
    clock: Clock,
    table: str,
    before: bytes,
    field: str,
    length: int,
    limit: int,
    progressive: bool,
) -> None:
    payload, _records = demo_payload(demo_repo, store_path)
    marker = b'%s"%s":"' % (before, field.encode())
    lines = payload.split(b"\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(b'"%s":' % table.encode()))
    at = lines[index].rindex(marker)
    end = lines[index].index(b'"', at + len(marker))
    lines[index] = lines[index][: at + len(marker)] + b"x" * length + lines[index][end:]
    store_path.write_bytes(b"\n".join(lines))
    with pytest.raises(StoreCorruptError) as refused:
        read_all(store_path, schema, clock, progressive=progressive)
    error = refused.value
    assert f"{field}: is {length} characters long; the limit is {limit}" in error.problem
    assert (error.line, error.column) == (index + 1, at + len(before) + 1)
    assert len(str(error)) < 1_000


@pytest.mark.parametrize("depth", [300, 1010])
@pytest.mark.parametrize("layout", ["kam's", "hand-written"])
def test_values_nested_deeper_than_kam_can_write_are_refused(
    store_path: Path, schema: Schema, clock: Clock, depth: int, layout: str
) -> None:
    store_path.parent.mkdir(parents=True)
    deep = "[" * depth + "]" * depth
    account = f'{{"1":{{"name":"A","status":"Won","lifecycle":"New","x":{deep}}}}}'
    meta = '{"1":{"schema_version":1}}'
    if layout == "kam's":
        store_path.write_text(f'{{"_meta":{meta},\n"accounts":{account}}}\n')
    else:
        store_path.write_text(f'{{\n  "_meta": {meta},\n  "accounts": {account}\n}}\n')
    with pytest.raises(StoreCorruptError, match="nested too deep"):
        read_all(store_path, schema, clock, progressive=True)
    with pytest.raises(StoreCorruptError, match="nested too deep"):
        read_all(store_path, schema, clock, progressive=False)
