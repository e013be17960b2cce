"""Where data, configuration and caches live: one place, overridable for tests and users.

Order of precedence for the data folder: the `--data-dir` option (passed in by the caller),
the `INCIDENT_JOURNAL_DIR` environment variable, then platformdirs' user data folder.
Config and cache folders follow the same pattern with `INCIDENT_JOURNAL_CONFIG_DIR` and
`INCIDENT_JOURNAL_CACHE_DIR`.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "incident-journal"

DATA_ENV = "INCIDENT_JOURNAL_DIR"
CONFIG_ENV = "INCIDENT_JOURNAL_CONFIG_DIR"
CACHE_ENV = "INCIDENT_JOURNAL_CACHE_DIR"


def _from_env(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else None


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: `override`, else $INCIDENT_JOURNAL_DIR, else the platform's folder."""
    if override:
        return Path(override).expanduser()
    return _from_env(DATA_ENV) or Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The config folder (theme, language, keymap, own templates)."""
    return _from_env(CONFIG_ENV) or Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    """The config file inside the config folder."""
    return config_dir() / "config.toml"


def cache_dir() -> Path:
    """The cache folder (derived data only: the incident index)."""
    return _from_env(CACHE_ENV) or Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) 0700 whatever the umask. A folder that already exists
    (or is a link) is left as it is: the app only changes modes of folders it creates;
    `journal.privacy.check` warns about one that others can read."""
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        return path
    except FileNotFoundError:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            return path
    os.chmod(path, 0o700)  # just created here: not a link, and the umask may have masked bits
    return path
