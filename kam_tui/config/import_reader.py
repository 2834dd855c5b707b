"""The config's `import:` section (how other systems' stages and deal histories map onto
kam's statuses and lists), read and validated with file:line:column errors."""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType

import yaml

from kam_tui.config.portfolio_reader import NodeReader
from kam_tui.config.settings import suggest
from kam_tui.domain.exchange.tuning import DEFAULT_STAGE_MAP, ImportSettings, LifecycleNames
from kam_tui.domain.portfolio.tuning import PortfolioSettings

IMPORT_KEYS = ("stage_map", "lifecycle")
LIFECYCLE_KEYS = ("new", "existing", "returning", "lost", "gap_months")
MAX_GAP_MONTHS = 120


def read_import(
    reader: NodeReader,
    node: yaml.Node | None,
    status_names: Sequence[str],
    lists: Sequence[str],
    numbers: PortfolioSettings,
) -> ImportSettings:
    """The import settings of the `import:` node; the defaults for what it leaves out.

    `stage_map` entries are added to (and override) the built-in Salesforce map; each names a
    pipeline status. The won and lost statuses are those of `numbers:`."""
    base = ImportSettings(won_status=numbers.won_status, lost_status=numbers.lost_status)
    if node is None or reader.is_null(node):
        return base
    entries = reader.mapping(node, "import", IMPORT_KEYS, "a mapping of import settings")
    stage_map = dict(DEFAULT_STAGE_MAP)
    stage_node = entries.get("stage_map")
    if stage_node is not None and not reader.is_null(stage_node):
        stages = reader.mapping(stage_node, "import.stage_map", None, "a mapping of stage: status")
        for stage, value in stages.items():
            key_path = f"import.stage_map.{stage}"
            status = reader.text(value, key_path, "a pipeline status name")
            known = {name.casefold(): name for name in status_names}
            if status.casefold() not in known:
                problem = f"{status!r} is not a pipeline status{suggest(status, status_names)}"
                raise reader.fail(value, key_path, problem)
            stage_map[stage] = known[status.casefold()]
    return ImportSettings(
        stage_map=MappingProxyType(stage_map),
        lifecycle=_lifecycle(reader, entries.get("lifecycle"), lists),
        won_status=base.won_status,
        lost_status=base.lost_status,
    )


def _lifecycle(reader: NodeReader, node: yaml.Node | None, lists: Sequence[str]) -> LifecycleNames:
    defaults = LifecycleNames()
    if node is None or reader.is_null(node):
        return defaults
    entries = reader.mapping(node, "import.lifecycle", LIFECYCLE_KEYS, "a mapping of rule: list")
    names: dict[str, str] = {}
    for key in LIFECYCLE_KEYS[:-1]:
        value = entries.get(key)
        if value is None:
            names[key] = getattr(defaults, key)
            continue
        key_path = f"import.lifecycle.{key}"
        name = reader.text(value, key_path, "a lifecycle list name")
        if name not in lists:
            raise reader.fail(
                value, key_path, f"{name!r} is not a list of `lists`{suggest(name, lists)}"
            )
        names[key] = name
    gap = defaults.gap_months
    gap_node = entries.get("gap_months")
    if gap_node is not None:
        raw = reader.value(gap_node)
        if type(raw) is not int or not 1 <= raw <= MAX_GAP_MONTHS:
            raise reader.fail(
                gap_node,
                "import.lifecycle.gap_months",
                f"a whole number of months from 1 to {MAX_GAP_MONTHS}",
            )
        gap = raw
    return LifecycleNames(**names, gap_months=gap)
