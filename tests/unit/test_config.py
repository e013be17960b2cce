import pytest

from journal import paths
from journal.config import load_config, set_config_value
from journal.errors import JournalError


def test_missing_config_gives_defaults() -> None:
    config = load_config()
    assert config.theme is None and config.keymap == {} and config.problem == ""


def test_set_value_keeps_other_keys_and_is_private() -> None:
    path = paths.config_file()
    path.parent.mkdir(parents=True)
    path.write_text('language = "ja"\n\n[keymap]\n"app.quit" = "ctrl+q"\n')
    set_config_value("theme", "nord")
    config = load_config()
    assert config.theme == "nord" and config.language == "ja" and config.keymap == {"app.quit": "ctrl+q"}
    assert path.stat().st_mode & 0o777 == 0o600


def test_bad_config_is_reported_and_never_rewritten() -> None:
    path = paths.config_file()
    path.parent.mkdir(parents=True)
    path.write_text('theme = "nord"\nlanguage = \n')
    config = load_config()
    assert config.problem.startswith(f"{path}:2:")
    with pytest.raises(JournalError):
        set_config_value("theme", "dracula")
    assert path.read_text() == 'theme = "nord"\nlanguage = \n'


COMMENTED = """\
# Incident Journal: my settings (written by hand)

# the language of the screens
language = "ja"   # 日本語で表示する
history = true

[keymap]
# quit with ctrl+q, not q
"app.quit" = "ctrl+q"
"""


def test_set_value_keeps_the_users_comments_and_key_order() -> None:
    """Switching the language or the theme (the app does it from the palette) changes only
    the line of that key, its comment kept; a new key goes among the top-level keys, before
    the first table; every comment, blank line and the order of the keys stay as written."""
    path = paths.config_file()
    path.parent.mkdir(parents=True)
    path.write_text(COMMENTED, encoding="utf-8")
    set_config_value("language", "en")
    switched = COMMENTED.replace('language = "ja"', 'language = "en"')
    assert path.read_text(encoding="utf-8") == switched
    set_config_value("theme", "dracula")
    assert path.read_text(encoding="utf-8") == switched.replace(
        "history = true\n", 'history = true\ntheme = "dracula"\n'
    )
    config = load_config()
    assert config.problem == "" and config.theme == "dracula" and config.language == "en"
    assert config.keymap == {"app.quit": "ctrl+q"}
