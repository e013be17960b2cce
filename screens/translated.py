"""Binding descriptions and tooltips in the app's language, read at display time.

Bindings are declared once, at import time, in English marked with `N_()`:

    BINDINGS = [Binding("n", "new", N_("New"), id="home.new", tooltip=N_("Record a new incident"))]

and shown translated wherever they are shown: the footer, the `?` keys screen and the command
palette all read `Screen.active_bindings`, which a screen deriving from `TranslatedScreen` (or
a dialog mixing `TranslatedBindings` in first: `class X(TranslatedBindings, ModalScreen[bool])`) gives back with each description
and tooltip passed through `_()` in the current language. So a language switch while the app
runs shows in the next footer drawn, without restart, and the binding ids (the keymap's names)
never change. `?` comes first, so a narrow footer that cannot show every key still shows it.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import ActiveBinding, Binding
from textual.screen import Screen

from journal import i18n
from journal.i18n import N_, _

HELP_BINDING_ID = "app.help"
"""The `?` key: first in every footer (screens.app)."""

TEXTUAL_WORDS = (
    N_("palette"),
    N_("Open the command palette"),
)
"""Textual's own binding words (the palette key in the footer), so the catalog has them."""

_cache: dict[tuple[int, str], tuple[Binding, Binding]] = {}
"""(id of a binding, language) -> (the binding, as shown); the binding is kept, so its id is not reused."""


def translated_binding(binding: Binding) -> Binding:
    """`binding` with its description and tooltip in the current language (the same
    Binding when the language is English or the catalog has no translation). Cached per
    binding and language: the footer asks for every binding on each refresh."""
    lang = i18n.language()
    key = (id(binding), lang)
    cached = _cache.get(key)
    if cached is not None and cached[0] is binding:
        return cached[1]
    description = _(binding.description) if binding.description else binding.description
    tooltip = _(binding.tooltip) if binding.tooltip else binding.tooltip
    shown = (
        binding
        if (description, tooltip) == (binding.description, binding.tooltip)
        else replace(binding, description=description, tooltip=tooltip)
    )
    if len(_cache) > 4096:  # bindings made at run time (set_keymap) come and go
        _cache.clear()
    _cache[key] = (binding, shown)
    return shown


def translated_bindings(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """Active bindings (as `Screen.active_bindings` gives them) with descriptions and
    tooltips translated, the `?` key first (the footer draws them in this order)."""
    first: dict[str, ActiveBinding] = {}
    rest: dict[str, ActiveBinding] = {}
    for key, active in bindings.items():
        binding = translated_binding(active.binding)
        shown = ActiveBinding(active.node, binding, active.enabled, binding.tooltip)
        (first if active.binding.id == HELP_BINDING_ID else rest)[key] = shown
    return first | rest


class TranslatedBindings:
    """Mix into a Screen (before it in the bases) to show its bindings translated."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated_bindings(super().active_bindings)  # type: ignore[misc]


class TranslatedScreen(TranslatedBindings, Screen[None]):
    """A full screen whose footer, keys screen and palette entries follow the language."""
