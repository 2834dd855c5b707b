"""The young garbage is collected shortly after a key, once however many keys came."""

from __future__ import annotations

import asyncio
import gc

from kam_tui.ui.collector import COLLECT_AFTER_SECONDS, COLLECT_FROM, BetweenKeys, long_lived


def test_the_young_generation_is_collected_once_after_keys() -> None:
    collections: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    async def main() -> None:
        collector = BetweenKeys()
        kept = [[index] for index in range(COLLECT_FROM * 4)]  # young objects, alive
        assert gc.get_count()[0] >= COLLECT_FROM
        for _ in range(3):
            collector.key_handled()
        await asyncio.sleep(COLLECT_AFTER_SECONDS * 4)
        assert collections == [0]
        assert gc.get_count()[0] < COLLECT_FROM
        assert len(kept) == COLLECT_FROM * 4

    gc.collect()  # no older generation due: whatever earlier tests left
    gc.disable()  # only the collector collects, so what it did can be seen
    gc.callbacks.append(seen)
    try:
        asyncio.run(main())
    finally:
        gc.callbacks.remove(seen)
        gc.enable()


def test_what_is_made_long_lived_is_not_collected_then_frozen_out_of_sight() -> None:
    collections: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(seen)
    try:
        with long_lived():
            assert not gc.isenabled()
            made = [[index] for index in range(50_000)]  # more than a young generation
        assert gc.isenabled()
        assert collections == []
        assert gc.get_freeze_count() >= len(made)
        young = {id(item) for item in gc.get_objects(0)}
        assert not any(id(item) in young for item in made)
    finally:
        gc.callbacks.remove(seen)
        gc.unfreeze()


def test_long_lived_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with long_lived():
            pass
        assert not gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
