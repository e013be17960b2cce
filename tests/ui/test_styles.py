"""Every screen's CSS is in the .tcss files its CSS_PATH names: each file exists inside the
package (so the wheel ships it) and parses with the app's variables, so no screen or dialog
fails to open over a missing file or a typo in its CSS."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen

import screens

PACKAGE = Path(screens.__file__).parent
APP_CSS = PACKAGE / "app.tcss"
"""The app's own rules (the footer on narrow screens, notices), read with every screen's."""
BASES = {"TranslatedScreen"}
"""Base classes that draw nothing themselves (a screen deriving from one names its own CSS)."""
TEXTUAL_LOOK = {"Palette"}
"""Textual's own screens, subclassed only for their words: drawn by Textual's DEFAULT_CSS."""


def screen_classes() -> list[type[Screen]]:
    """Every screen and dialog class defined in a module of the UI."""
    found = []
    for info in pkgutil.walk_packages(screens.__path__, "screens."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if inspect.isclass(value) and issubclass(value, Screen) and value.__module__ == info.name:
                found.append(value)
    return found


def css_files(cls: type[Screen]) -> list[Path]:
    """The files of `cls.CSS_PATH`, resolved as Textual does (beside the class's module)."""
    paths = cls.CSS_PATH if isinstance(cls.CSS_PATH, list) else [cls.CSS_PATH] if cls.CSS_PATH else []
    return [(Path(inspect.getfile(cls)).parent / path).resolve() for path in paths]


def test_screens_keep_no_css_in_strings() -> None:
    classes = screen_classes()
    assert len(classes) > 20  # every dialog, form and screen was found
    inline = [cls.__name__ for cls in classes if cls.__dict__.get("CSS") or cls.__dict__.get("DEFAULT_CSS")]
    assert inline == []


def test_every_css_file_of_a_screen_exists_in_the_package_and_parses() -> None:
    variables = App().get_css_variables()
    checked: set[Path] = set()
    for cls in screen_classes():
        files = css_files(cls)
        if cls.__name__ in BASES | TEXTUAL_LOOK:
            continue
        assert files, f"{cls.__name__} has no CSS_PATH"
        for path in files:
            assert path.is_file(), f"{cls.__name__}: {path} does not exist"
            assert path.is_relative_to(PACKAGE), f"{cls.__name__}: {path} is outside the screens package"
            checked.add(path)
    for path in sorted(checked):
        stylesheet = Stylesheet(variables=variables)
        stylesheet.read(path)
        stylesheet.parse()  # raises StylesheetParseError naming the file and line
    assert checked | {APP_CSS} == set(PACKAGE.rglob("*.tcss"))  # and no .tcss lies unused
    stylesheet = Stylesheet(variables=variables)
    stylesheet.read(APP_CSS)
    stylesheet.parse()
