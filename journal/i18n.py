"""Translations of what the app says: the TUI, the CLI and the export's labels.

Every user-visible string in `screens/` and `journal/cli/` is written in English inside
`_("...")` (or `ngettext(singular, plural, n)` for a count, or `N_("...")` where the string is
defined at import time and translated where it is shown). The catalogs are ordinary gettext
files: `journal/locale/<lang>/LC_MESSAGES/incident_journal.po`, compiled to `.mo` by Babel when
the package is built or installed (see `hatch_build.py`); at run time only the standard
library's `gettext` reads them. docs/translating.md says how to add a language.

Stored values (kinds, statuses, event kinds, channels) stay English keys in the files; only
their display goes through here. Error lines keep their `path:line:col:` prefix as written, so
scripts can parse them; only the words after it are translated.

The language is, first to last: `INCIDENT_JOURNAL_LANG`, then `language` in the config file,
then the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set (any `ja_*` gives Japanese),
else English. `set_language()` overrides it for the rest of the process (the TUI's palette
command does this, and saves the choice to the config file).
"""

from __future__ import annotations

import gettext as _gettext
import os
from pathlib import Path

DOMAIN = "incident_journal"
"""The gettext domain: the catalogs' file name."""
LOCALE_DIR = Path(__file__).parent / "locale"
"""Where the catalogs live: `<LOCALE_DIR>/<lang>/LC_MESSAGES/<DOMAIN>.mo`."""
LANGUAGES = ("en", "ja")
"""The languages the app speaks, as two-letter codes (ISO 639-1)."""
DEFAULT_LANGUAGE = "en"
LANG_ENV = "INCIDENT_JOURNAL_LANG"
"""The environment variable that chooses the language over everything else."""
NAMES = {"en": "English", "ja": "日本語"}
"""Each language's name in itself, as a language menu shows it."""

_chosen: str | None = None
_detected: tuple[tuple[str | None, ...], str] | None = None
_catalogs: dict[str, _gettext.NullTranslations] = {}
_SETTINGS = (LANG_ENV, "LC_ALL", "LC_MESSAGES", "LANG", "INCIDENT_JOURNAL_CONFIG_DIR", "XDG_CONFIG_HOME", "HOME")


def language_of(value: str | None) -> str | None:
    """`en`/`ja` from a setting such as `ja`, `ja_JP.UTF-8`, `en-US` or `JA`; None when it
    names no language the app has (`C`, `POSIX`, `fr_FR`, empty)."""
    if not value:
        return None
    head = value.strip().lower().replace("-", "_").split("_")[0].split(".")[0].split("@")[0]
    return head if head in LANGUAGES else None


def detect_language() -> str:
    """The language from the environment and the config file, ignoring `set_language()`:
    `INCIDENT_JOURNAL_LANG`, the config's `language`, then the first of LC_ALL, LC_MESSAGES,
    LANG that is set (POSIX order); English otherwise. Reads the config file (a wrong one
    counts as not set)."""
    chosen = language_of(os.environ.get(LANG_ENV))
    if chosen:
        return chosen
    from journal.config import load_config

    chosen = language_of(load_config().language)
    if chosen:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").strip()
        if value:
            return language_of(value) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def language() -> str:
    """The language the app speaks now: the one given to `set_language()`, else
    `detect_language()` (kept until one of the settings it reads from the environment
    changes; a change of the config file's `language` is seen by the next process)."""
    global _detected
    if _chosen is not None:
        return _chosen
    key = tuple(os.environ.get(name) for name in _SETTINGS)
    if _detected is None or _detected[0] != key:
        _detected = (key, detect_language())
    return _detected[1]


def set_language(lang: str | None) -> None:
    """Speak `lang` (`en` or `ja`) from now on in this process; None forgets the choice, so
    the next call of `language()` reads the environment and config again.

    Raises ValueError for a language the app does not have."""
    global _chosen, _detected
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"no such language: {lang!r} (one of {', '.join(LANGUAGES)})")
    _chosen = lang
    _detected = None


def translations(lang: str | None = None) -> _gettext.NullTranslations:
    """The catalog of `lang` (default: the current language): an object with `gettext` and
    `ngettext`. A missing catalog (a source checkout that was never built) gives English."""
    lang = lang or language()
    catalog = _catalogs.get(lang)
    if catalog is None:
        catalog = _gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang], fallback=True)
        _catalogs[lang] = catalog
    return catalog


def gettext(message: str) -> str:
    """`message` (English) in the current language; itself when the catalog lacks it."""
    return translations().gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message for `n` in the current language (Japanese has one
    form; English uses `singular` for 1). Format the count in afterwards:
    `ngettext("{n} day", "{n} days", n).format(n=n)`."""
    return translations().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for extraction without translating it here (for strings defined at
    import time, such as labels in a table); translate it with `_()` where it is shown."""
    return message
