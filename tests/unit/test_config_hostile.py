"""Hostile config files: each ends in a ConfigError naming file:line:column, never in an
exception of the YAML library or of Python, and never in a hang."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kam_tui.config.loader import MAX_CONFIG_BYTES, load_config
from kam_tui.config.settings import ConfigError, Settings
from kam_tui.config.yaml_reader import MAX_DEPTH, MAX_TEXT

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.yaml"

HOSTILE_VALUES = (
    "[]",
    "{}",
    "[[a]]",
    "{a: {b: c}}",
    "1",
    "-7",
    "true",
    "no",
    "null",
    "2020-01-01",
    "2020-13-45",
    "!!binary aGk=",
    "!!binary '***'",
    "!!python/object:os.system x",
    "x" * (MAX_TEXT + 1),
    "''",
    "9" * 5000,
    ".nan",
    "*undefined",
    "&loop [*loop]",
    "[" * 100 + "]" * 100,
    "<<: {a: b}",
    "'\\x1b[2J'",
)
"""Values put in place of every node of the example config, one at a time."""


def example_text() -> str:
    """The example config without its comment lines: every key, and quicker to parse."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.lstrip().startswith("#"))


def example_nodes() -> list[yaml.Node]:
    """Every key and value node of the example config (of a list, the first item only)."""
    nodes: list[yaml.Node] = []
    pending = [yaml.compose(example_text(), Loader=yaml.SafeLoader)]
    while pending:
        node = pending.pop()
        assert node is not None
        nodes.append(node)
        if isinstance(node, yaml.MappingNode):
            pending += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            pending += node.value[:1]
    return nodes


def load_or_error(path: Path) -> Settings | ConfigError:
    try:
        return load_config(path, required=True)
    except ConfigError as error:
        return error


def check_positioned(path: Path, outcome: Settings | ConfigError) -> None:
    if isinstance(outcome, ConfigError):
        assert outcome.path == path
        assert outcome.line is not None and outcome.column is not None, str(outcome)
        assert str(outcome).startswith(f"{path}:{outcome.line}:{outcome.column}: ")
        assert "\x1b" not in str(outcome)


def test_every_node_of_the_example_replaced_by_every_hostile_value(tmp_path: Path) -> None:
    text = example_text()
    path = tmp_path / "config.yaml"
    tried = 0
    for node in example_nodes()[1:]:
        start, end = node.start_mark.index, node.end_mark.index
        for value in HOSTILE_VALUES:
            path.write_text(text[:start] + value + text[end:], encoding="utf-8")
            check_positioned(path, load_or_error(path))
            tried += 1
    assert tried > 500


@pytest.mark.parametrize(
    ("text", "position", "problem"),
    [
        ("team: " + "[" * 50_000 + "]" * 50_000 + "\n", (1, 7 + MAX_DEPTH - 1), "nested more"),
        ("team: " + "{a: " * 20_000 + "b" + "}" * 20_000, (1, 80), "nested"),
        ("keymap:\n" + "".join(f"{' ' * 2 * n}a{n}:\n" for n in range(1, 60)), None, "nested"),
        ("theme: 2020-13-45\n", (1, 8), "month must be in 1..12"),
        ("contact_cadence_days: " + "9" * 5000 + "\n", (1, 23), "Exceeds the limit"),
        ("team: [a\x00b]\n", (1, 9), "U+0000 is not allowed"),
        ("team: [a\x1bb]\n", (1, 9), "U+001B is not allowed"),
        ("team: [" + "x" * 300 + "]\n", (1, 8), f"at most {MAX_TEXT} characters"),
        ("? [a, b]\n: c\n", (1, 3), "unhashable key"),
        ("team: [a]\nlists: &l [x]\nselling_stages: {<<: *l}\n", (3, 18), "merge keys"),
    ],
    ids=[
        "deep-lists",
        "deep-maps",
        "deep-block",
        "impossible-date",
        "5000-digits",
        "nul",
        "escape",
        "long-name",
        "complex-key",
        "merge",
    ],
)
def test_hostile_configs_give_a_positioned_message(
    tmp_path: Path, text: str, position: tuple[int, int] | None, problem: str
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    outcome = load_or_error(path)
    assert isinstance(outcome, ConfigError), outcome
    check_positioned(path, outcome)
    assert problem in outcome.problem
    if position is not None:
        assert (outcome.line, outcome.column) == position


def test_a_billion_laughs_is_read_in_linear_time(tmp_path: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for level in "bcdefghij":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    path = tmp_path / "config.yaml"
    # Under a real key, so the reader gets past the top level: 9**9 items if expanded.
    path.write_text("custom_fields:\n  - key: k\n    x: {" + ", ".join(lines) + "}\n")
    outcome = load_or_error(path)
    assert isinstance(outcome, ConfigError)
    check_positioned(path, outcome)


def test_binary_bytes_give_their_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(b"team: [Alice]\nlists: [\xff\xfe]\n")
    outcome = load_or_error(path)
    assert isinstance(outcome, ConfigError)
    assert str(outcome) == f"{path}:2:9: not UTF-8 text (byte 0xff: invalid start byte)"


def test_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("team:\n" + "  - member\n" * (MAX_CONFIG_BYTES // 10))
    outcome = load_or_error(path)
    assert isinstance(outcome, ConfigError)
    assert f"larger than {MAX_CONFIG_BYTES:,} bytes" in outcome.problem


def test_the_cli_says_bad_config_for_a_deep_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kam_tui.cli.main import main

    path = tmp_path / "config.yaml"
    path.write_text("team: " + "[" * 50_000 + "]" * 50_000 + "\n")
    store = tmp_path / "kam.json"
    assert main(["demo", "--db", str(store)]) == 0
    capsys.readouterr()
    assert main(["check", "--db", str(store), "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kam: bad config: {path}:1:26: nested more than {MAX_DEPTH} levels")
