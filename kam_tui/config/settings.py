"""The settings the YAML config gives, and the error that says where a config is wrong
(file:line:column)."""

from __future__ import annotations

import difflib
import getpass
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from kam_tui.config.sync_settings import SyncSettings
from kam_tui.domain.exchange.tuning import ImportSettings
from kam_tui.domain.fields import MAX_NAME
from kam_tui.domain.portfolio.tuning import PortfolioSettings
from kam_tui.domain.schema import Schema
from kam_tui.domain.text import first_unsafe

DEFAULT_CONFIG_NAME = "config.yaml"
DEFAULT_THEME = "textual-dark"
KEYS_EXPECTED = "keys like 'ctrl+s' or 'shift+right,L'"
Position = tuple[int, int]


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
    numbers: PortfolioSettings = field(default_factory=PortfolioSettings)
    """How the Portfolio figures are computed (the config's `numbers:` section)."""
    importing: ImportSettings = field(default_factory=ImportSettings)
    """How imports map stages and deal histories (the config's `import:` section)."""
    source: Path | None = None
    """The file the settings came from; None for the built-in defaults."""
    user: str = ""
    """This user's name as the status history records it ("by") and as "me"; empty when
    unknown. The loader defaults it to the OS login name (see `login_name`)."""
    sync: SyncSettings | None = None
    """The team server this laptop syncs with (the config's `sync:` section); None: no sync."""
    positions: Mapping[str, Position] = field(default_factory=dict)
    """Key path ("pipeline.statuses", "lists[1]", "keymap.quit") -> 1-based (line, column)
    where that entry starts in the file: the key of a mapping entry, the item of a list."""


def login_name() -> str:
    """The OS login name, the default `user`; empty when the system cannot say, or when
    the name could not be stored (too long, or holding characters a terminal acts on)."""
    try:
        name = getpass.getuser().strip()
    except Exception:  # getpass raises OSError, KeyError or ImportError by platform
        return ""
    if len(name) > MAX_NAME or first_unsafe(name) is not None:
        return ""
    return name


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


class StoreConfigMismatch(ConfigError):
    """The store holds accounts in a status or list the config does not name.

    Either side may be the one to change: the message offers both fixes.
    """


@dataclass(frozen=True)
class BindingInfo:
    """What the keymap check needs to know of one binding."""

    id: str
    """The binding id the keymap names."""
    description: str
    """What it does, as the footer shows it."""
    keys: tuple[str, ...]
    """Its default keys, in Textual's long form ("question_mark", not "?")."""


def suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
