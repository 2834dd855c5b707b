"""The view state file: read back as written, and refused with the file's name when damaged."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from kam_tui.config.view_state import (
    MAX_FILTER_NAME,
    MAX_VIEW_STATE_BYTES,
    ViewStateError,
    default_view_state_path,
    read_state,
    read_view_states,
    write_view_states,
)
from kam_tui.domain.grouping import AccountFilter
from kam_tui.domain.schema import Schema
from kam_tui.ui.boards.board_memory import board_settings, recalled_filter, recalled_sort


def test_the_file_lives_in_the_user_state_folder(tmp_path: Path) -> None:
    # conftest points XDG_STATE_HOME at a temporary folder
    assert default_view_state_path().name == "views.json"
    assert "state" in default_view_state_path().parts


def test_a_missing_file_means_no_settings(tmp_path: Path) -> None:
    assert read_view_states(tmp_path / "views.json") == {}


def test_what_is_written_is_read_back_in_a_private_file(tmp_path: Path) -> None:
    path = tmp_path / "new" / "views.json"
    views: dict[str, dict[str, Any]] = {
        "pipeline": {"sort": "revenue", "statuses": ["Won"]},
        "table": {"reverse": True},
    }
    write_view_states(path, views)
    assert read_view_states(path) == views
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'{"version": 1, "views": ', "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        (b"[1, 2]", "not a view state file of version 1"),
        (b'{"version": 2, "views": {}}', "not a view state file of version 1"),
        (b'{"version": 1, "views": []}', "not a view state file of version 1"),
        (b" " * (MAX_VIEW_STATE_BYTES + 1), "larger than"),
    ],
)
def test_a_damaged_file_is_refused_naming_it(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "views.json"
    path.write_bytes(content)
    with pytest.raises(ViewStateError) as refused:
        read_view_states(path)
    assert str(refused.value).startswith(f"{path}: {problem}")


def test_entries_of_the_wrong_shape_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "views.json"
    path.write_text('{"version": 1, "views": {"pipeline": {"sort": "name"}, "table": 3}}')
    assert read_view_states(path) == {"pipeline": {"sort": "name"}}


def test_a_board_keeps_only_the_statuses_and_lists_that_still_apply() -> None:
    schema = Schema()
    remembered = {
        "sort": "revenue",
        "text": "a",
        "overdue": True,
        "statuses": [schema.status_names[0], "Renamed away", 3],
        "lists": [schema.lists[0]],
    }
    recalled = recalled_filter(remembered, schema, ("statuses",))
    assert recalled == AccountFilter("a", True, frozenset({schema.status_names[0]}), frozenset())
    assert recalled_sort(remembered, "name") == "revenue"
    assert recalled_sort({"sort": "colour"}, "name") == "name"
    assert board_settings("revenue", recalled) == {
        "sort": "revenue",
        "text": "a",
        "overdue": True,
        "statuses": [schema.status_names[0]],
        "lists": [],
    }


def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "views.json"
    path.mkdir()  # a folder where the file should be
    with pytest.raises(ViewStateError, match=str(path)):
        read_view_states(path)


def test_saved_filters_are_kept_beside_the_views_privately(tmp_path: Path) -> None:
    path = tmp_path / "state" / "views.json"
    write_view_states(path, {"pipeline": {"sort": "name"}}, {"my key accounts": "manager:me key"})
    assert path.stat().st_mode & 0o777 == 0o600
    views, filters = read_state(path)
    assert views == {"pipeline": {"sort": "name"}}
    assert filters == {"my key accounts": "manager:me key"}
    write_view_states(path, views)  # none saved: no "filters" key at all
    assert "filters" not in json.loads(path.read_text())
    assert read_state(path) == (views, {})


def test_saved_filters_of_the_wrong_shape_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "views.json"
    long_name = "n" * (MAX_FILTER_NAME + 1)
    path.write_text(
        json.dumps(
            {
                "version": 1,
                "views": {},
                "filters": {"ok": "key", "number": 3, " ": "key", long_name: "key"},
            }
        )
    )
    assert read_state(path) == ({}, {"ok": "key"})
    path.write_text('{"version": 1, "views": {}, "filters": ["key"]}')
    assert read_state(path) == ({}, {})
