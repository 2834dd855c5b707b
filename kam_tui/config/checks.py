"""The checks the config must pass against the store it opens and the keys of the app."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from kam_tui.config.settings import (
    KEYS_EXPECTED,
    BindingInfo,
    ConfigError,
    Settings,
    StoreConfigMismatch,
    default_config_path,
    suggest,
)


def check_store_usage(
    settings: Settings,
    statuses_in_use: Mapping[str, int],
    lists_in_use: Mapping[str, int],
    store: Path | None = None,
) -> None:
    """Refuse a config that does not name a status or lifecycle list the store uses."""
    schema = settings.schema
    checks = (
        (
            "pipeline.statuses",
            "status",
            "statuses",
            "--status",
            schema.status_names,
            statuses_in_use,
        ),
        ("lists", "lifecycle list", "lifecycle lists", "--list", schema.lists, lists_in_use),
    )
    the_store = f"the store {store}" if store is not None else "the store"
    for key_path, what, plural, option, configured, in_use in checks:
        missing = {
            name: count
            for name, count in in_use.items()
            if count and name and name not in configured
        }
        if not missing:
            continue
        if settings.source is None:
            side = f"the built-in {key_path} (there is no {default_config_path()})"
        elif key_path not in settings.positions:
            side = f"the built-in {key_path} ({settings.source.name} does not set it)"
        else:
            side = f"{key_path} in {settings.source.name}"
        if len(missing) == 1:
            [(name, count)] = missing.items()
            accounts = "1 account" if count == 1 else f"{count} accounts"
            held = f"{the_store} holds {accounts} in {what} {name!r}"
            add = f"add {name!r} to {key_path}"
        else:
            names = ", ".join(f"{name!r} ({count})" for name, count in sorted(missing.items()))
            held = f"{the_store} holds accounts in {plural} {names}"
            add = f"add them to {key_path}"
            name = sorted(missing)[0]
        problem = (
            f"{held}, which {side} does not list. Either {add}, or move those accounts "
            f"to a {what} it lists: kam move-accounts {option} {shlex.quote(name)} NEW"
        )
        line, column = settings.positions.get(key_path, (None, None))
        raise StoreConfigMismatch(
            problem, path=settings.source, line=line, column=column, key_path=key_path
        )


def validate_keymap(
    settings: Settings,
    known_ids: Iterable[str],
    views: Mapping[str, Sequence[BindingInfo]] | None = None,
    normalize_key: Callable[[str], str] = str,
) -> None:
    """Refuse keymap entries for unknown binding ids or without keys, and a keymap that
    gives one key to two actions of one view (`views`: the bindings active together)."""
    known = sorted(set(known_ids))
    for binding_id, keys in settings.keymap.items():
        key_path = f"keymap.{binding_id}"
        if binding_id not in known:
            problem = f"unknown binding id {binding_id!r}{suggest(binding_id, known)}"
            raise _settings_error(settings, key_path, problem)
        if any(not key.strip() for key in keys.split(",")):
            raise _settings_error(settings, key_path, f"expected {KEYS_EXPECTED}, got {keys!r}")
    for view, bindings in (views or {}).items():
        _check_one_key_per_action(settings, view, bindings, normalize_key)


def _check_one_key_per_action(
    settings: Settings,
    view: str,
    bindings: Sequence[BindingInfo],
    normalize_key: Callable[[str], str],
) -> None:
    """Refuse a key the keymap gives to a binding when another binding of the view has it.

    Keys two bindings share by default (a focused list's `e` before the screen's `e`) are
    the app's design; only a key the keymap brings in is checked.
    """
    holders: dict[str, list[tuple[BindingInfo, bool]]] = {}
    for binding in bindings:
        mapped = settings.keymap.get(binding.id)
        if mapped is None:
            keys = binding.keys
        else:
            keys = tuple(normalize_key(key.strip()) for key in mapped.split(","))
        for key in dict.fromkeys(keys):
            holders.setdefault(key, []).append((binding, key not in binding.keys))
    for key, sharing in holders.items():
        if len({binding.id for binding, _ in sharing}) < 2:
            continue
        from_keymap = [binding for binding, brought in sharing if brought]
        if not from_keymap:
            continue
        newest = max(from_keymap, key=lambda b: settings.positions.get(f"keymap.{b.id}", (0, 0)))
        other = next(binding for binding, _ in sharing if binding.id != newest.id)
        where = settings.positions.get(f"keymap.{other.id}")
        other_source = f"keymap.{other.id} at line {where[0]}" if where else "its default"
        problem = (
            f"key {key!r} of {newest.id!r} ({newest.description}) is also the key of "
            f"{other.id!r} ({other.description}, {other_source}) in the {view} view, "
            "where only one of them can have it; choose another key"
        )
        raise _settings_error(settings, f"keymap.{newest.id}", problem)


def _settings_error(settings: Settings, key_path: str, problem: str) -> ConfigError:
    line, column = settings.positions.get(key_path, (None, None))
    return ConfigError(problem, path=settings.source, line=line, column=column, key_path=key_path)
