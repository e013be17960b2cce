"""The translation catalogs: complete, with the same placeholders, and shipped compiled.

A message marked in the code but missing from a catalog (or untranslated in Japanese) fails
here, naming it; so does a translation that drops or renames a `{placeholder}`, which would
raise KeyError or show a raw brace to the user. See docs/translating.md.
"""

from __future__ import annotations

import importlib.util
import string
import sys
from pathlib import Path

import pytest

from journal import i18n

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("catalogs_script", ROOT / "scripts" / "catalogs.py")
assert _spec and _spec.loader
catalogs = importlib.util.module_from_spec(_spec)
sys.modules["catalogs_script"] = catalogs
_spec.loader.exec_module(catalogs)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_language_of_the_app_has_a_catalog() -> None:
    assert catalogs.languages() == sorted(i18n.LANGUAGES)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_catalog_has_every_message_of_the_code(lang: str) -> None:
    gaps = catalogs.missing(lang)
    assert not gaps, f"{lang}: run `python scripts/catalogs.py update`, then translate: {gaps[:20]}"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_translations_keep_the_placeholders(lang: str) -> None:
    wrong = []
    for message in catalogs.read(lang):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(_fields(text) for text in ids))
        for text in strings:
            if text and _fields(text) != wanted:
                wrong.append((ids[0], text))
    assert not wrong, f"{lang}: placeholders differ: {wrong[:10]}"


def test_installed_catalogs_are_compiled_and_current() -> None:
    """pip install compiles the catalogs (hatch_build.py); a .mo older than its .po means the
    install is stale and the app would speak an older translation."""
    for lang in catalogs.languages():
        po = catalogs.po_path(lang)
        mo = po.with_suffix(".mo")
        assert mo.is_file(), f"{mo} missing: reinstall with pip install -e ."
        catalog = catalogs.read(lang)
        translated = [m for m in catalog if m.id and m.string and isinstance(m.id, str)]
        loaded = i18n.translations(lang)
        for message in translated:
            assert loaded.gettext(message.id) == message.string, f"{mo} is older than {po}: recompile"


def test_language_comes_from_the_environment_in_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_CONFIG_DIR", str(tmp_path))
    for name in ("INCIDENT_JOURNAL_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    i18n.set_language(None)
    assert i18n.language() == "en"
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert i18n.language() == "ja"
    monkeypatch.setenv("LC_MESSAGES", "C")
    assert i18n.language() == "en"
    monkeypatch.setenv("LC_ALL", "ja_JP.eucJP")
    assert i18n.language() == "ja"
    (tmp_path / "config.toml").write_text('language = "en"\n', encoding="utf-8")
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # a change of the environment reads the config again
    assert i18n.language() == "en"
    monkeypatch.setenv("INCIDENT_JOURNAL_LANG", "ja")
    assert i18n.language() == "ja"
    i18n.set_language("en")
    assert i18n.language() == "en"
    i18n.set_language(None)
    with pytest.raises(ValueError, match="no such language"):
        i18n.set_language("fr")
