"""The settings the YAML config gives (read by `config_reader`), and the checks made
against the store and the keys; every error carries file:line:column."""

from __future__ import annotations

import difflib
import shlex
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from kam_tui.domain.schema import Schema
from kam_tui.store.files import special_kind

DEFAULT_CONFIG_NAME = "config.yaml"
DEFAULT_THEME = "textual-dark"
KEYS_EXPECTED = "keys like 'ctrl+s' or 'shift+right,L'"
Position = tuple[int, int]
MAX_CONFIG_BYTES = 128 * 1024
"""The largest config file read; a real one is a few kilobytes."""


def default_config_path() -> Path:
    """Where the config lives when neither --config nor KAM_CONFIG names one."""
    return platformdirs.user_config_path("kam-tui") / DEFAULT_CONFIG_NAME


@dataclass(frozen=True)
class Settings:
    """Everything the config file decides, validated."""

    schema: Schema = field(default_factory=Schema)
    """Statuses, lists, stages, team, custom fields, cadence and currency."""
    theme: str = DEFAULT_THEME
    """The Textual theme name; the app checks that it exists."""
    keymap: Mapping[str, str] = field(default_factory=dict)
    """Binding id -> comma separated keys, e.g. {"move-card-right": "shift+right,L"}."""
    source: Path | None = None
    """The file the settings came from; None for the built-in defaults."""
    positions: Mapping[str, Position] = field(default_factory=dict)
    """Key path ("pipeline.statuses", "lists[1]", "keymap.quit") -> 1-based (line, column)
    where that entry starts in the file: the key of a mapping entry, the item of a list."""


class ConfigError(Exception):
    """The config file cannot be used; says where and what was expected."""

    def __init__(
        self,
        problem: str,
        *,
        path: Path | None = None,
        line: int | None = None,
        column: int | None = None,
        key_path: str = "",
    ) -> None:
        self.path = path
        """The config file, if the problem is in one."""
        self.line = line
        """1-based line of the offending node."""
        self.column = column
        """1-based column of the offending node."""
        self.key_path = key_path
        """Where in the document, e.g. "pipeline.statuses[2]"; empty for the whole file."""
        self.problem = problem
        """What is wrong, in words a user understands."""
        location = ":".join(str(part) for part in (path, line, column) if part is not None)
        super().__init__(": ".join(part for part in (location, key_path, problem) if part))


def text_position(text: str, index: int) -> Position:
    """The 1-based (line, column) of the character at `index` of `text`."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def load_config(path: Path | None = None, *, required: bool = False) -> Settings:
    """Read and validate the config; a missing optional file gives the built-in defaults."""
    config_path = default_config_path() if path is None else path
    kind = special_kind(config_path)
    if kind and kind != "a character device":  # /dev/null is the usual "no config"
        raise ConfigError(f"{kind}, not a config file", path=config_path)
    try:
        with config_path.open("rb") as config_file:
            data = config_file.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        if required:
            raise ConfigError("no such file", path=config_path) from None
        return Settings()
    except OSError as error:
        raise ConfigError(error.strerror or str(error), path=config_path) from None
    if len(data) > MAX_CONFIG_BYTES:
        problem = f"the file is larger than {MAX_CONFIG_BYTES:,} bytes; a config is a few lines"
        raise ConfigError(problem, path=config_path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode()
        line, column = text_position(before, len(before))
        problem = f"not UTF-8 text (byte {data[error.start]:#04x}: {error.reason})"
        raise ConfigError(problem, path=config_path, line=line, column=column) from None
    # Read only when there is a file: the YAML parser is not imported for the defaults.
    from kam_tui.config_reader import read_settings

    return read_settings(config_path, text)


class StoreConfigMismatch(ConfigError):
    """The store holds accounts in a status or list the config does not name.

    Either side may be the one to change: the message offers both fixes.
    """


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


@dataclass(frozen=True)
class BindingInfo:
    """What the keymap check needs to know of one binding."""

    id: str
    """The binding id the keymap names."""
    description: str
    """What it does, as the footer shows it."""
    keys: tuple[str, ...]
    """Its default keys, in Textual's long form ("question_mark", not "?")."""


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


def suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
