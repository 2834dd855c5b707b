"""The CSV export read straight from the store's JSON: the same rows as from the records,
and a store an open refuses refused with the open's own words."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import orjson
import pytest
from hostile_text import unvalidated

from kam_tui.cli.export_csv import (
    TABLE_NAMES,
    UnusualDocument,
    csv_text,
    raw_table_rows,
    table_rows,
)
from kam_tui.cli.main import main
from kam_tui.domain.models import TABLES, Account, Deal
from kam_tui.domain.schema import CustomFieldDef
from kam_tui.store import Repository


def stored(path: Path) -> dict[str, dict[str, dict[str, object]]]:
    data: dict[str, dict[str, dict[str, object]]] = orjson.loads(path.read_bytes())
    return data


def test_every_table_s_raw_rows_are_the_rows_of_its_records(demo_repo: Repository) -> None:
    region, seats = CustomFieldDef("region", "Region"), CustomFieldDef("seats", "Seats", "number")
    schema = replace(demo_repo.schema, custom_fields=(region, seats))
    with unvalidated():
        first = demo_repo.accounts()[0]
        demo_repo.save(replace(first, custom={"region": "=1+1", "seats": 12, "extra": "-x"}))
    demo_repo.wait_saved(10)
    data = stored(demo_repo.path)
    for table in TABLE_NAMES:
        records = demo_repo.all(TABLES[table])
        assert records or table in ("objectives", "process"), table
        expected = table_rows(table, records, schema)
        assert raw_table_rows(table, data.get(table, {}), schema) == expected, table
    accounts = raw_table_rows("accounts", data["accounts"], schema)
    assert accounts[0][-3:] == ["custom.region", "custom.seats", "custom.extra"]


def test_a_missing_key_reads_as_its_default_as_an_open_reads_it(
    demo_repo: Repository, store_path: Path
) -> None:
    deal = demo_repo.save(Deal(account_id=demo_repo.accounts()[0].id, title="Bare", amount=5))
    demo_repo.close()
    data = stored(store_path)
    doc = data["deals"][str(deal.id)]
    del doc["reason"], doc["probability"], doc["close_date"]
    store_path.write_bytes(orjson.dumps(data))
    reopened = Repository.open(store_path, read_only=True)
    try:
        expected = table_rows("deals", reopened.all(Deal), reopened.schema)
        assert raw_table_rows("deals", data["deals"], reopened.schema) == expected
    finally:
        reopened.close()


def test_a_document_of_the_wrong_shape_is_not_written(demo_repo: Repository) -> None:
    data = stored(demo_repo.path)
    deal_id = next(iter(data["deals"]))
    data["deals"][deal_id]["amount"] = "12"
    with pytest.raises(UnusualDocument):
        raw_table_rows("deals", data["deals"], demo_repo.schema)
    with pytest.raises(UnusualDocument):
        raw_table_rows("deals", {"07": {}}, demo_repo.schema)


def test_a_store_an_open_refuses_is_refused_in_the_open_s_words(
    demo_repo: Repository, store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo_repo.close()
    data = stored(store_path)
    deal_id = next(iter(data["deals"]))
    data["deals"][deal_id]["amount"] = "12"
    store_path.write_bytes(orjson.dumps(data))
    out = tmp_path / "out"
    out.mkdir()
    assert main(["--db", str(store_path), "export", "--format", "json", "--out", str(out)]) != 0
    refused_by_open = capsys.readouterr().err
    assert f"deal {deal_id}: amount" in refused_by_open
    assert main(["--db", str(store_path), "export", "--format", "csv", "--out", str(out)]) != 0
    assert capsys.readouterr().err == refused_by_open
    assert not list(out.iterdir())


def test_a_status_the_config_does_not_name_is_refused_before_anything_is_written(
    repo: Repository, store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.save(Account(name="Acme", status="Contacted", lifecycle="New"))
    repo.close()
    config = tmp_path / "config.yaml"
    config.write_text("pipeline:\n  statuses: [Won, Lost]\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    args = ["--db", str(store_path), "--config", str(config), "export", "--out", str(out)]
    assert main([*args, "--format", "csv"]) != 0
    csv_refusal = capsys.readouterr().err
    assert "Contacted" in csv_refusal
    assert main([*args, "--format", "json"]) != 0
    assert capsys.readouterr().err == csv_refusal
    assert not list(out.iterdir())


def test_an_older_store_is_exported_as_an_open_migrates_it_and_left_as_it_was(
    demo_repo: Repository, store_path: Path, tmp_path: Path
) -> None:
    demo_repo.close()
    data = stored(store_path)
    del data["status_history"]
    data["_meta"]["1"] = {"schema_version": 1}
    store_path.write_bytes(orjson.dumps(data))
    before = store_path.read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    assert main(["--db", str(store_path), "export", "--format", "csv", "--out", str(out)]) == 0
    assert store_path.read_bytes() == before
    opened = Repository.open(store_path, read_only=True)
    try:
        for table in ("accounts", "status_history", "deals"):
            rows = table_rows(table, opened.all(TABLES[table]), opened.schema)
            assert len(rows) > 1, table
            assert (out / f"{table}.csv").read_bytes().decode() == csv_text(rows)
    finally:
        opened.close()
