"""Finding and reading the config file, its YAML parsed by yaml_reader only when there is one."""

from __future__ import annotations

from pathlib import Path

from kam_tui.config.settings import (
    ConfigError,
    Settings,
    default_config_path,
    login_name,
    text_position,
)
from kam_tui.store.files import special_kind

MAX_CONFIG_BYTES = 128 * 1024
"""The largest config file read; a real one is a few kilobytes."""


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
        return Settings(user=login_name())
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
    from kam_tui.config.yaml_reader import read_settings

    return read_settings(config_path, text)
