"""The config file (`<config folder>/config.toml`): theme, language, keymap.

Reading never fails: a missing file gives the defaults; a bad file gives the defaults plus
one line naming the file, line and reason (`Config.problem`), and is never rewritten by a
read. Writing a value keeps every other key, and is atomic like every write here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli
import tomli_w

from journal import paths
from journal.errors import JournalError

MAX_CONFIG_BYTES = 1024 * 1024


@dataclass
class Config:
    """The settings read from the config file."""

    data: dict[str, Any] = field(default_factory=dict)
    """Everything in the file, as parsed."""
    path: Path | None = None
    """Where it was read from."""
    problem: str = ""
    """One line if the file could not be read (the defaults are used then)."""

    @property
    def theme(self) -> str | None:
        """The Textual theme chosen last, if any."""
        value = self.data.get("theme")
        return value if isinstance(value, str) and value else None

    @property
    def language(self) -> str | None:
        """`en` or `ja` when set in the file."""
        value = self.data.get("language")
        return value if isinstance(value, str) and value else None

    @property
    def keymap(self) -> dict[str, str]:
        """Binding id -> keys (`"incident.add" = "ctrl+a"`), from the `[keymap]` table."""
        table = self.data.get("keymap")
        if not isinstance(table, dict):
            return {}
        return {str(k): v for k, v in table.items() if isinstance(v, str) and v.strip()}


def load_config(path: Path | None = None) -> Config:
    """Read the config file; never raises."""
    path = path or paths.config_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(path=path)
    except OSError as error:
        return Config(path=path, problem=f"{path}: could not read the config file: {error.strerror}")
    if len(raw) > MAX_CONFIG_BYTES:
        return Config(path=path, problem=f"{path}: the config file is over {MAX_CONFIG_BYTES:,} bytes; ignored")
    try:
        data = tomli.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Config(path=path, problem=f"{path}: the config file is not UTF-8 text; ignored")
    except tomli.TOMLDecodeError as error:
        return Config(path=path, problem=f"{path}:{error.lineno}:{error.colno}: {error.msg}; the config file is ignored")
    except RecursionError as error:
        return Config(path=path, problem=f"{path}: {error}; the config file is ignored")
    return Config(data=data, path=path)


def set_config_value(key: str, value: Any, path: Path | None = None) -> None:
    """Set one top-level key in the config file, keeping the others. Refuses to replace a
    config file that could not be read (so nothing the user wrote is lost)."""
    from journal.atomic import atomic_write

    config = load_config(path)
    if config.problem:
        raise JournalError(f"{config.problem.split(';')[0]}; not changed")
    target = config.path or paths.config_file()
    data = dict(config.data)
    data[key] = value
    paths.ensure_private_dir(target.parent)
    atomic_write(target, tomli_w.dumps(data).encode("utf-8"))
