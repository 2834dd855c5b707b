"""Laptops editing offline, then syncing in random orders until quiet: they all end with
the same records, and no edit is lost (SYNC.md's mix of edits, sized for the suite)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from pycrdt import Map
from sync_laptops import Laptop, World, by_gid, exchange, sync_until_quiet

from kam_tui.bench.sync_fleet import MIX
from kam_tui.domain.models import Account, Activity
from kam_tui.domain.schema import Schema
from kam_tui.sync.audit import lost_edits
from kam_tui.sync.document import ROOT

STATUSES = Schema().status_names
PEOPLE = ("ann", "bob", "cy", "dee", "eve")
FIELDS = ("industry", "website", "notes", "rating", "strategic_value", "annual_revenue")


def field_value(rng: random.Random, key: str) -> Any:
    if key == "rating":
        return rng.choice(("Hot", "Warm", "Cold", ""))
    if key == "strategic_value":
        return rng.randint(1, 5)
    if key == "annual_revenue":
        return rng.randint(0, 10**9) * 100
    return f"{key} {rng.randint(0, 10**6)}"


def edit(laptop: Laptop, rng: random.Random, hot: int) -> None:
    """One offline edit of SYNC.md's mix (30% of field edits on the hot accounts)."""
    accounts = sorted(laptop.repo.accounts(), key=lambda a: laptop.shared.gid_of("accounts", a.id))
    if not accounts:
        return
    op = rng.choices([name for name, _ in MIX], [weight for _, weight in MIX])[0]
    hot_ones = accounts[:hot]
    account = rng.choice(hot_ones if op == "field" and rng.random() < 0.3 else accounts)
    activities = laptop.repo.children(Activity, account.id)
    repo = laptop.repo
    if op == "field":
        key = rng.choice(FIELDS)
        repo.save(replace(account, **{key: field_value(rng, key)}))
    elif op == "status":
        repo.save(replace(account, status=rng.choice(STATUSES)))
    elif op == "assignee":
        repo.save(replace(account, assignee=rng.choice(PEOPLE)))
    elif op == "new activity" or (op.startswith("activity") and not activities):
        day = date(2026, 11, 1) + timedelta(days=rng.randint(0, 40))
        summary = f"{laptop.name} {rng.randint(0, 10**6)}"
        repo.log_activity(Activity(account_id=account.id, kind="call", day=day, summary=summary))
    elif op == "activity edit":
        activity = rng.choice(activities)
        repo.save(replace(activity, summary=f"edited by {laptop.name} {rng.randint(0, 999)}"))
    elif op == "activity delete":
        repo.delete(rng.choice(activities))
    else:
        repo.delete(account)


def check_no_edit_lost(laptops: list[Laptop]) -> None:
    """Every written entry is the one the document holds, or one with a newer stamp holds
    its place (the older edit never wins); the stores hold what the document says; a
    record gone from the stores was deleted by someone who saw every edit it holds."""
    document = orjson.loads(str(laptops[0].doc.get(ROOT, type=Map)))
    written = [entry for laptop in laptops for entry in laptop.written]
    assert lost_edits(document, written, by_gid(laptops[0])) == []


def run(
    folder: Path, seed: int, laptops_count: int, edits: int, accounts: int, *, skew: bool = False
) -> tuple[list[Laptop], int]:
    rng = random.Random(seed)
    world = World()
    laptops = [
        Laptop(
            folder,
            name,
            world,
            client_id=rng.randint(1, 2**31),
            skew=timedelta(days=1) if skew and index == 0 else timedelta(0),
        )
        for index, name in enumerate(PEOPLE[:laptops_count])
    ]
    first = laptops[0]
    for number in range(accounts):
        world.advance()
        first.repo.save(Account(name=f"Account {number}", status=STATUSES[0], lifecycle="New"))
    sync_until_quiet(laptops, rng)
    for batch in range(3):  # offline edits, with a few partial syncs between batches
        for _ in range(edits // 3 * laptops_count):
            world.advance(rng.randint(1, 500))
            edit(rng.choice(laptops), rng, hot=max(1, accounts // 10))
        if batch < 2:
            for _ in range(laptops_count):
                exchange(*rng.sample(laptops, 2))
    rounds = sync_until_quiet(laptops, rng)
    return laptops, rounds


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_three_stores_converge_and_lose_nothing(tmp_path: Path, seed: int) -> None:
    laptops, _ = run(tmp_path, seed, laptops_count=3, edits=30, accounts=6)
    try:
        stores = [by_gid(laptop) for laptop in laptops]
        assert stores[0] == stores[1] == stores[2]
        assert sum(len(laptop.written) for laptop in laptops) > 90
        check_no_edit_lost(laptops)
    finally:
        for laptop in laptops:
            laptop.close()


@pytest.mark.parametrize("skew", [False, True], ids=["clocks right", "one clock a day fast"])
def test_five_laptops_sixty_edits_each_over_twenty_accounts(tmp_path: Path, skew: bool) -> None:
    laptops, rounds = run(tmp_path, 7, laptops_count=5, edits=60, accounts=20, skew=skew)
    try:
        stores = [by_gid(laptop) for laptop in laptops]
        assert all(store == stores[0] for store in stores)
        check_no_edit_lost(laptops)
        assert rounds <= 4
        clashes = sum(laptop.reasserted for laptop in laptops)
        assert clashes > 0  # Yjs did pick older values, and they were put right
    finally:
        for laptop in laptops:
            laptop.close()


def test_the_checker_finds_a_lost_value_a_missing_record_and_an_older_winner(
    tmp_path: Path,
) -> None:
    laptops, _ = run(tmp_path, 1, laptops_count=3, edits=30, accounts=6)
    try:
        document = orjson.loads(str(laptops[0].doc.get(ROOT, type=Map)))
        written = [entry for laptop in laptops for entry in laptop.written]
        store = by_gid(laptops[0])
        assert lost_edits(document, written, store) == []
        gid = next(g for g, r in store.items() if r["table"] == "accounts")
        changed = {**store, gid: {**store[gid], "name": "not what was written"}}
        assert lost_edits(document, written, changed) == [
            f"{gid} name: the store holds 'not what was written'"
        ]
        missing = {g: r for g, r in store.items() if g != gid}
        assert lost_edits(document, written, missing) == [
            f"{gid}: missing from the store, not deleted"
        ]
        newest = max(written, key=lambda entry: entry.stamp)
        later = replace(newest, stamp=newest.stamp.after("zzzzzzzzzzzz"))
        assert len(lost_edits(document, [*written, later], store)) == 1
    finally:
        for laptop in laptops:
            laptop.close()
