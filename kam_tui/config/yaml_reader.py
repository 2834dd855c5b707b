"""The config file's YAML, read and validated node by node: settings whose every entry
knows its file:line:column, and errors that say where."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import cast

import yaml
from rich.color import ANSI_COLOR_NAMES, Color, ColorParseError

from kam_tui.config.import_reader import read_import
from kam_tui.config.portfolio_reader import read_numbers
from kam_tui.config.settings import (
    DEFAULT_THEME,
    KEYS_EXPECTED,
    ConfigError,
    Position,
    Settings,
    login_name,
    suggest,
    text_position,
)
from kam_tui.domain.fields import MAX_NAME
from kam_tui.domain.models import Account, field_names
from kam_tui.domain.schema import (
    CUSTOM_FIELD_KINDS,
    DEFAULT_STATUS_COLOURS,
    CustomFieldDef,
    CustomFieldKind,
    Schema,
    StatusDef,
)
from kam_tui.domain.text import first_unsafe

BUILT_IN_FIELDS = frozenset(name for name in field_names(Account) if name not in {"id", "custom"})
"""Account fields a custom field key may not shadow."""
MAX_CADENCE_DAYS = 3650
_TOP_LEVEL_KEYS = (
    "pipeline",
    "lists",
    "selling_stages",
    "team",
    "user",
    "contact_cadence_days",
    "currency",
    "custom_fields",
    "theme",
    "keymap",
    "numbers",
    "import",
)
_COLOUR_NAMES = tuple(ANSI_COLOR_NAMES)
_CUSTOM_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_STR_TAG = "tag:yaml.org,2002:str"
_TYPED_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{kind}" for kind in ("bool", "int", "float", "timestamp")
)
_MERGE_TAG = "tag:yaml.org,2002:merge"
RENAMED_BINDING_IDS = {
    "plan-form-save": "form-save",
    "plan-form-cancel": "form-cancel",
    "swot-item-save": "form-save",
    "swot-item-cancel": "form-cancel",
    "cell-editor-cancel": "form-cancel",
}
"""Older binding ids a user's keymap may still name, each meaning the save or cancel binding
that every form shares, so a config written for them keeps working."""


MAX_DEPTH = 20
"""How deeply lists and mappings may nest; the deepest setting needs four levels."""
MAX_TEXT = 200
"""The longest name, label, colour or key list a setting may hold, in characters."""


def read_settings(path: Path, text: str) -> Settings:
    """The settings the YAML `text` of the file at `path` gives, or a ConfigError."""
    try:
        root = _compose(path, text)
        if root is None:
            return Settings(source=path)
        return _Reader(path).settings(root)
    except RecursionError:  # a guard against what the depth limit did not foresee
        raise ConfigError(f"nested too deeply (at most {MAX_DEPTH} levels)", path=path) from None


class _DepthLimitedLoader(yaml.SafeLoader):
    """The safe loader, refusing nesting deeper than MAX_DEPTH before it recurses into it."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.MarkedYAMLError(
                    problem=f"nested more than {MAX_DEPTH} levels deep",
                    problem_mark=event.start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _compose(path: Path, text: str) -> yaml.Node | None:
    """The document's node tree, refusing whatever `yaml.safe_load` would refuse.

    Every scalar is constructed once here, so a value YAML cannot build (a date that does
    not exist, a number too long to convert) is refused with its position; then the whole
    document is constructed from the tree, as `safe_load` would. Merge keys are refused
    first, since constructing them rewrites the tree, and the validation needs it as written.
    """
    try:
        loader = _DepthLimitedLoader(text)  # refuses characters YAML does not allow
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
        if root is not None:
            _check_nodes(path, root)
            yaml.constructor.SafeConstructor().construct_document(root)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        if error.context and not error.context.startswith("while"):
            problem = f"{error.context}, {problem}"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise ConfigError(problem, path=path, line=line, column=column) from None
    except yaml.reader.ReaderError as error:
        line, column = text_position(text, error.position)
        character = error.character
        shown = f"U+{character:04X}" if isinstance(character, int) else repr(character)
        problem = f"character {shown} is not allowed in YAML ({error.reason})"
        raise ConfigError(problem, path=path, line=line, column=column) from None
    except yaml.YAMLError as error:
        raise ConfigError(str(error), path=path) from None
    return root


def _check_nodes(path: Path, root: yaml.Node) -> None:
    """Refuse merge keys and scalars YAML cannot build, each at its position.

    Walks each node once, however often aliases repeat it.
    """
    constructor = yaml.constructor.SafeConstructor()
    seen: set[int] = set()
    pending: list[tuple[yaml.Node, str]] = [(root, "")]
    while pending:
        node, key_path = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in reversed(node.value):
                if key_node.tag == _MERGE_TAG:
                    line, column = _position(key_node)
                    problem = "merge keys (<<) are not supported"
                    raise ConfigError(
                        problem, path=path, line=line, column=column, key_path=key_path
                    )
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
                child_path = f"{key_path}.{key}" if key_path else str(key)
                pending += [(value_node, child_path), (key_node, key_path)]
        elif isinstance(node, yaml.SequenceNode):
            pending += reversed(
                [(item, f"{key_path}[{index}]") for index, item in enumerate(node.value)]
            )
        else:
            try:
                constructor.construct_object(node)
            except (ValueError, TypeError, OverflowError) as error:
                line, column = _position(node)
                reason = str(error).split(";")[0]
                problem = f"YAML cannot read the value {node.value[:40]!r}: {reason}"
                raise ConfigError(
                    problem, path=path, line=line, column=column, key_path=key_path
                ) from None


def _position(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Reader:
    """Walks the composed YAML nodes of one file, building settings and positions."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.positions: dict[str, Position] = {}
        self.constructor = yaml.constructor.SafeConstructor()

    def fail(self, node: yaml.Node, key_path: str, problem: str) -> ConfigError:
        line, column = _position(node)
        return ConfigError(problem, path=self.path, line=line, column=column, key_path=key_path)

    def settings(self, root: yaml.Node) -> Settings:
        entries = self.mapping(root, "", _TOP_LEVEL_KEYS, "a mapping of settings")
        defaults = Schema()
        pipeline = self.mapping(entries.get("pipeline"), "pipeline", ("statuses",))
        schema = Schema(
            statuses=self.statuses(pipeline.get("statuses"), defaults.statuses),
            lists=self.names(entries.get("lists"), "lists", "lifecycle list", defaults.lists),
            selling_stages=self.names(
                entries.get("selling_stages"), "selling_stages", "stage", defaults.selling_stages
            ),
            team=self.names(entries.get("team"), "team", "team member", (), at_least_one=False),
            custom_fields=self.custom_fields(entries.get("custom_fields")),
            default_cadence_days=self.cadence(entries.get("contact_cadence_days"), defaults),
            currency=self.optional_text(
                entries.get("currency"), "currency", "a currency symbol", defaults.currency
            ),
        )
        numbers = read_numbers(self, entries.get("numbers"), schema.status_names)
        importing = read_import(
            self, entries.get("import"), schema.status_names, schema.lists, numbers
        )
        return Settings(
            schema=schema,
            theme=self.optional_text(entries.get("theme"), "theme", "a theme name", DEFAULT_THEME),
            keymap=MappingProxyType(self.keymap(entries.get("keymap"))),
            numbers=numbers,
            importing=importing,
            source=self.path,
            user=self.user(entries.get("user")),
            positions=MappingProxyType(self.positions),
        )

    def value(self, node: yaml.Node) -> object:
        """The Python value of a scalar node, as `yaml.safe_load` would give it."""
        return cast(object, self.constructor.construct_object(node))

    def is_null(self, node: yaml.Node) -> bool:
        """True for an empty value or an explicit null."""
        return isinstance(node, yaml.ScalarNode) and self.value(node) is None

    def describe(self, node: yaml.Node) -> str:
        """What the node is, for "got ..." in messages: "the boolean false (written no)"."""
        if isinstance(node, yaml.MappingNode):
            return "a mapping"
        if isinstance(node, yaml.SequenceNode):
            return "a list"
        value = self.value(node)
        if value is None:
            return "nothing"
        if isinstance(value, str):
            return f"the string {value!r}"
        if isinstance(value, bool):
            return f"the boolean {str(value).lower()} (written {node.value})"
        written = f" (written {node.value})" if str(value) != node.value else ""
        if isinstance(value, bytes):
            return "binary data"
        kind = "date" if isinstance(value, date) else "number"
        return f"the {kind} {value}{written}"

    def expect(self, node: yaml.Node, key_path: str, expected: str) -> ConfigError:
        """A wrong-type error; YAML 1.1 numbers, booleans and dates get a hint to quote them."""
        problem = f"expected {expected}, got {self.describe(node)}"
        if node.tag in _TYPED_SCALAR_TAGS:
            problem += f'; quote it to keep it as text: "{node.value}"'
        return self.fail(node, key_path, problem)

    def mapping(
        self,
        node: yaml.Node | None,
        key_path: str,
        allowed: tuple[str, ...] | None,
        expected: str = "a mapping",
    ) -> dict[str, yaml.Node]:
        """The entries of a mapping node by key, refusing unknown and duplicate keys."""
        if node is None or self.is_null(node):
            return {}
        if not isinstance(node, yaml.MappingNode):
            raise self.expect(node, key_path, expected)
        entries: dict[str, yaml.Node] = {}
        first_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                raise self.fail(key_node, key_path, "merge keys (<<) are not supported")
            key = self.value(key_node)
            if not isinstance(key, str) or not key.strip():
                raise self.expect(key_node, key_path, "a non-empty text key")
            child_path = f"{key_path}.{key}" if key_path else key
            self.unique(key, key_node, child_path, "key", first_lines)
            if allowed is not None and key not in allowed:
                hint = suggest(key, allowed) or f"; expected one of: {', '.join(allowed)}"
                raise self.fail(key_node, child_path, f"unknown key {key!r}{hint}")
            entries[key] = value_node
            self.positions[child_path] = _position(key_node)
        return entries

    def items(self, node: yaml.Node, key_path: str, expected: str) -> list[tuple[str, yaml.Node]]:
        """(key path, node) of each item of a sequence node."""
        if not isinstance(node, yaml.SequenceNode):
            raise self.expect(node, key_path, expected)
        result = []
        for index, item in enumerate(node.value):
            item_path = f"{key_path}[{index}]"
            self.positions[item_path] = _position(item)
            result.append((item_path, item))
        return result

    def optional_text(
        self, node: yaml.Node | None, key_path: str, expected: str, default: str
    ) -> str:
        """`text` of the node, or `default` when the key is absent."""
        return default if node is None else self.text(node, key_path, expected)

    def text(self, node: yaml.Node, key_path: str, expected: str) -> str:
        """A stripped, non-empty string; a number or boolean is refused with a hint to quote it."""
        value = self.value(node) if isinstance(node, yaml.ScalarNode) else None
        if node.tag != _STR_TAG or not isinstance(value, str):
            raise self.expect(node, key_path, expected)
        if not value.strip():
            raise self.fail(node, key_path, f"expected {expected}, got an empty string")
        if len(value.strip()) > MAX_TEXT:
            problem = f"expected {expected} of at most {MAX_TEXT} characters, got {len(value):,}"
            raise self.fail(node, key_path, problem)
        return value.strip()

    def user(self, node: yaml.Node | None) -> str:
        """This user's name (the OS login name when absent); it is stored in the status
        history, so it must be one a record may hold: short, no control characters."""
        if node is None:
            return login_name()
        name = self.text(node, "user", "your name")
        if len(name) > MAX_NAME:
            problem = f"expected your name of at most {MAX_NAME} characters, got {len(name):,}"
            raise self.fail(node, "user", problem)
        unsafe = first_unsafe(name)
        if unsafe is not None:
            problem = f"your name cannot hold {unsafe.describe()}"
            raise self.fail(node, "user", problem)
        return name

    def unique(
        self, name: str, node: yaml.Node, key_path: str, what: str, seen: dict[str, int]
    ) -> None:
        """Refuse a name already in `seen` (name -> first line), else record it."""
        if name in seen:
            raise self.fail(
                node, key_path, f"duplicate {what} {name!r} (first at line {seen[name]})"
            )
        seen[name] = _position(node)[0]

    def names(
        self,
        node: yaml.Node | None,
        key_path: str,
        what: str,
        default: tuple[str, ...],
        *,
        at_least_one: bool = True,
    ) -> tuple[str, ...]:
        """A list of unique names, or `default` when absent (or null, if none are needed)."""
        if node is None:
            return default
        if not at_least_one and self.is_null(node):
            return default
        seen: dict[str, int] = {}
        for item_path, item in self.items(node, key_path, f"a list of {what} names"):
            name = self.text(item, item_path, f"a {what} name")
            self.unique(name, item, item_path, what, seen)
        if at_least_one and not seen:
            raise self.fail(node, key_path, f"expected at least one {what}, got an empty list")
        return tuple(seen)

    def statuses(
        self, node: yaml.Node | None, default: tuple[StatusDef, ...]
    ) -> tuple[StatusDef, ...]:
        """Board columns: plain names or {name, colour} mappings, unique, at least one."""
        if node is None:
            return default
        seen: dict[str, int] = {}
        statuses = []
        expected = "a list of statuses (names or {name: ..., colour: ...})"
        for item_path, item in self.items(node, "pipeline.statuses", expected):
            if isinstance(item, yaml.MappingNode):
                entries = self.mapping(item, item_path, ("name", "colour"))
                if "name" not in entries:
                    raise self.fail(item, item_path, "expected a 'name' for this status")
                name = self.text(entries["name"], f"{item_path}.name", "a status name")
                colour = self.colour(entries.get("colour"), f"{item_path}.colour", name)
            else:
                name = self.text(item, item_path, "a status name")
                colour = DEFAULT_STATUS_COLOURS.get(name, StatusDef.colour)
            self.unique(name, item, item_path, "status", seen)
            statuses.append(StatusDef(name, colour))
        if not statuses:
            raise self.fail(
                node, "pipeline.statuses", "expected at least one status, got an empty list"
            )
        return tuple(statuses)

    def colour(self, node: yaml.Node | None, key_path: str, status: str) -> str:
        if node is None:
            return DEFAULT_STATUS_COLOURS.get(status, StatusDef.colour)
        colour = self.text(node, key_path, "a colour name such as 'green' or '#00ff00'")
        try:
            Color.parse(colour)
        except ColorParseError:
            problem = f"unknown colour {colour!r}; expected a Rich colour such as 'green'"
            raise self.fail(node, key_path, problem + suggest(colour, _COLOUR_NAMES)) from None
        return colour

    def custom_fields(self, node: yaml.Node | None) -> tuple[CustomFieldDef, ...]:
        """Custom account fields: a valid, unique, non built-in key, a label, a type."""
        if node is None or self.is_null(node):
            return ()
        seen: dict[str, int] = {}
        fields = []
        expected = "a list of custom fields ({key: ..., label: ..., type: ...})"
        for item_path, item in self.items(node, "custom_fields", expected):
            allowed = ("key", "label", "type", "choices")
            entries = self.mapping(item, item_path, allowed, "a custom field {key: ..., type: ...}")
            if "key" not in entries:
                raise self.fail(item, item_path, "expected a 'key' for this custom field")
            key_node = entries["key"]
            key = self.text(key_node, f"{item_path}.key", "a field key")
            if not _CUSTOM_KEY.match(key):
                problem = f"expected a key of lower-case letters, digits and _, got {key!r}"
                raise self.fail(key_node, f"{item_path}.key", problem)
            if key in BUILT_IN_FIELDS:
                problem = f"{key!r} is a built-in account field; choose another key"
                raise self.fail(key_node, f"{item_path}.key", problem)
            self.unique(key, key_node, f"{item_path}.key", "custom field key", seen)
            default_label = key.replace("_", " ").capitalize()
            label = self.optional_text(
                entries.get("label"), f"{item_path}.label", "a label", default_label
            )
            kind = self.kind(entries.get("type"), f"{item_path}.type")
            choices = self.choices(entries.get("choices"), item, item_path, kind)
            fields.append(CustomFieldDef(key, label, kind, choices))
        return tuple(fields)

    def kind(self, node: yaml.Node | None, key_path: str) -> CustomFieldKind:
        if node is None:
            return "text"
        expected = f"a field type ({', '.join(CUSTOM_FIELD_KINDS)})"
        kind = self.text(node, key_path, expected)
        if kind not in CUSTOM_FIELD_KINDS:
            hint = suggest(kind, CUSTOM_FIELD_KINDS)
            raise self.fail(node, key_path, f"expected {expected}, got {kind!r}{hint}")
        return cast(CustomFieldKind, kind)

    def choices(
        self, node: yaml.Node | None, field_node: yaml.Node, field_path: str, kind: str
    ) -> tuple[str, ...]:
        key_path = f"{field_path}.choices"
        if kind != "choice":
            if node is not None:
                raise self.fail(node, key_path, f"choices are only for type 'choice', not {kind!r}")
            return ()
        if node is None:
            raise self.fail(field_node, field_path, "a 'choice' field needs a list of 'choices'")
        return self.names(node, key_path, "choice", ())

    def cadence(self, node: yaml.Node | None, defaults: Schema) -> int:
        if node is None:
            return defaults.default_cadence_days
        value = self.value(node) if isinstance(node, yaml.ScalarNode) else None
        if (
            isinstance(value, int)
            and not isinstance(value, bool)
            and 1 <= value <= MAX_CADENCE_DAYS
        ):
            return value
        expected = f"a whole number of days from 1 to {MAX_CADENCE_DAYS}"
        problem = f"expected {expected}, got {self.describe(node)}"
        raise self.fail(node, "contact_cadence_days", problem)

    def keymap(self, node: yaml.Node | None) -> dict[str, str]:
        keymap: dict[str, str] = {}
        named_by: dict[str, str] = {}
        for binding_id, keys_node in self.mapping(node, "keymap", None).items():
            key_path = f"keymap.{binding_id}"
            keys = self.text(keys_node, key_path, KEYS_EXPECTED)
            if any(not key.strip() for key in keys.split(",")):
                raise self.fail(keys_node, key_path, f"expected {KEYS_EXPECTED}, got {keys!r}")
            current_id = RENAMED_BINDING_IDS.get(binding_id, binding_id)
            if current_id in keymap:
                problem = (
                    f"{binding_id!r} and {named_by[current_id]!r} both set {current_id!r}, "
                    "the one binding of every form; keep one line"
                )
                raise self.fail(keys_node, key_path, problem)
            if current_id != binding_id:
                self.positions[f"keymap.{current_id}"] = self.positions[key_path]
            named_by[current_id] = binding_id
            keymap[current_id] = ",".join(key.strip() for key in keys.split(","))
        return keymap


def document_reader(path: Path, text: str) -> tuple[_Reader, yaml.Node | None]:
    """A reader of another YAML file of kam's (an import mapping) with the config's checks
    (nesting depth, merge keys, unreadable values) and its file:line:column messages."""
    return _Reader(path), _compose(path, text)
