"""Two real stores synced through a real `kam sync serve`: the session (join, exchange,
remote changes into the store), the kill-9 journal, and the app's worker thread."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sync.wiring_laptops import Laptop, by_gid, new_account, open_workspace, sync_settings, wait_for

from kam_tui.services.syncing import Syncer
from kam_tui.services.syncing_session import SyncRefused, SyncSession
from kam_tui.services.syncing_state import SyncState

if TYPE_CHECKING:
    from sync.conftest import Room, SyncServer


def test_two_stores_join_exchange_edits_and_end_identical(tmp_path: Path, room: Room) -> None:
    ann = Laptop(tmp_path, room.url, room.token, "ann")
    bob = Laptop(tmp_path, room.url, room.token, "bob")
    acme = new_account(ann.workspace, "Acme", assignee="Ann")
    new_account(bob.workspace, "Bolt")
    joined = ann.sync()
    assert joined.covered
    # Acme: name, status, lifecycle, assignee, status_since, created, updated (7); its two
    # status history records: by, account_id, day, to_value (4), and kind "lifecycle" (5).
    assert joined.fields_out == 16
    first = bob.sync()
    assert first.covered and first.records_in == 3  # Acme and its two status changes
    assert first.bytes_down > first.bytes_up > 0
    assert ann.sync().records_in == 3  # Bolt
    assert by_gid(ann.session) == by_gid(bob.session)
    # An edit on each side, and an undo: all of it travels.
    ann.workspace.save(replace(acme, status="Demo provided"))
    bolt = bob.account("Bolt")
    bob.workspace.save(replace(bolt, industry="Steel"))
    bob.workspace.save(replace(bob.account("Bolt"), industry="Glass"))
    assert bob.workspace.undo().value is not None  # back to Steel
    assert ann.sync().covered and bob.sync().covered and ann.sync().covered
    assert by_gid(ann.session) == by_gid(bob.session)
    assert ann.account("Bolt").industry == "Steel"
    assert bob.account("Acme").status == "Demo provided"
    # What came in was applied as remote: on the feed, never in the undo history.
    assert bob.remote and all(change.remote for change in bob.remote)
    assert ann.workspace.undo().value is not None  # Ann's own edit of Acme
    assert ann.account("Acme").status == "Contacted"
    assert ann.account("Bolt").industry == "Steel"  # Bob's edit stays
    ann.close()
    bob.close()


def test_a_copied_store_is_refused_at_join(tmp_path: Path, room: Room) -> None:
    ann = Laptop(tmp_path, room.url, room.token, "ann")
    new_account(ann.workspace, "Acme")
    assert ann.sync().covered
    ann.workspace.repository.wait_saved(30)
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "kam.json").write_bytes((tmp_path / "ann" / "kam.json").read_bytes())
    twin = SyncSession(
        open_workspace(copy, "twin"), sync_settings(copy, room.url, room.token, "twin")
    )
    twin.load()
    with pytest.raises(SyncRefused, match="a copy of another laptop's"):
        twin.sync()
    assert not twin.files.document.exists()
    ann.close()
    twin.repository.close()


def test_a_wrong_token_is_an_error_not_offline(tmp_path: Path, room: Room) -> None:
    ann = Laptop(tmp_path, room.url, "not-the-token", "ann")
    outcome = ann.sync()
    assert not outcome.covered
    assert outcome.report is not None and "refused" in outcome.report.error
    ann.close()


def test_local_edits_a_kill_left_unwritten_reach_the_document(tmp_path: Path, room: Room) -> None:
    ann = Laptop(tmp_path, room.url, room.token, "ann")
    acme = new_account(ann.workspace, "Acme")
    assert ann.sync().covered
    # Saved in the store and journaled, never written into the document: then a kill.
    ann.workspace.save(replace(acme, industry="Steel"))
    ann.workspace.delete(new_account(ann.workspace, "Gone soon"))
    ann.workspace.repository.wait_saved(30)
    ann.close()
    again = Laptop(tmp_path, room.url, room.token, "ann")
    assert not again.session.files.journal.exists()
    bob = Laptop(tmp_path, room.url, room.token, "bob")
    assert again.sync().covered and bob.sync().covered
    assert bob.account("Acme").industry == "Steel"
    assert [a.name for a in bob.workspace.accounts()] == ["Acme"]
    again.close()
    bob.close()


def test_syncers_on_their_threads_carry_edits_both_ways(tmp_path: Path, room: Room) -> None:
    workspaces = {name: open_workspace(tmp_path / name, name) for name in ("ann", "bob")}
    states: dict[str, list[SyncState]] = {"ann": [], "bob": []}
    syncers = {
        name: Syncer(
            workspace,
            replace(sync_settings(tmp_path / name, room.url, room.token, name), interval=5),
            on_state=states[name].append,
        )
        for name, workspace in workspaces.items()
    }
    ann, bob = workspaces["ann"], workspaces["bob"]
    acme = new_account(ann, "Acme")
    for syncer in syncers.values():
        syncer.start()
    wait_for(lambda: [a.name for a in bob.accounts()] == ["Acme"], "Acme reaches Bob")
    there = bob.accounts()[0]
    new_account(bob, "Bolt")
    bob.save(replace(there, industry="Steel"))
    wait_for(lambda: len(ann.accounts()) == 2, "Bolt reaches Ann")
    wait_for(lambda: ann.account(acme.id).industry == "Steel", "the edit reaches Ann")  # type: ignore[union-attr]
    for syncer in syncers.values():
        syncer.sync_now()
    wait_for(lambda: all(s.state.kind == "synced" for s in syncers.values()), "both say synced")
    assert by_gid(syncers["ann"].session) == by_gid(syncers["bob"].session)
    for name, syncer in syncers.items():
        assert syncer.stop()
        workspaces[name].repository.close()
        assert states[name][-1].kind == "synced" and states[name][-1].unsent == 0
    # Bob's two changes were unsent until an exchange verified them on the server.
    assert any(s.unsent for s in states["bob"])
    assert all(s.kind != "synced" for s in states["bob"] if s.unsent)


def test_offline_while_the_server_is_down_synced_once_back(
    tmp_path: Path, sync_server: SyncServer
) -> None:
    workspace = open_workspace(tmp_path / "ann", "ann")
    settings = replace(
        sync_settings(tmp_path / "ann", sync_server.url, "team-token-7f3a9c", "ann"), interval=5
    )
    syncer = Syncer(workspace, settings)
    syncer.start()
    wait_for(lambda: syncer.state.kind == "synced", "the first sync")
    sync_server.stop()
    new_account(workspace, "Acme")
    wait_for(lambda: syncer.state.kind == "offline", "offline")
    assert syncer.state.unsent == 1
    assert "offline since" in syncer.state.words and "1 unsent" in syncer.state.words
    sync_server.start()
    syncer.sync_now()
    wait_for(lambda: syncer.state.kind == "synced", "synced again")
    assert syncer.state.unsent == 0
    assert syncer.stop()
    workspace.repository.close()
