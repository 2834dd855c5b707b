"""The young garbage is collected shortly after a key, once however many keys came."""

from __future__ import annotations

import asyncio
import gc

from kam_tui.collector import COLLECT_AFTER_SECONDS, COLLECT_FROM, BetweenKeys


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
