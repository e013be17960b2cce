"""The footer of every screen: its keys in one line, `?` first and the palette key (`^p`)
docked at the right, both always whole.

Textual's Footer lays its keys out in one scrolling row and docks the palette key over its
right end: when the keys do not fit (80 columns in Japanese, where a description takes two
cells a character), the last keys run on under the palette key, and a wide character cut at
its edge spoils it. Here the keys have a row of their own that ends where the palette key
begins, and the keys that do not fit whole in it are not shown (from the first that does not
fit on: the order stays, `?` first); `?` lists every key, and each one still works.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class FittedFooter(Footer):
    """A Footer whose keys sit in a row of their own, left of the palette key, cut at its
    edge (never under it); the keys that do not fit whole there are not shown (measured in
    cells after each layout). Key groups are not drawn as groups (the app has none)."""

    DEFAULT_CSS = """
    FittedFooter #footer-keys { width: 1fr; height: 1; layout: horizontal; overflow: hidden hidden; }
    """

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        shown: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show:
                shown.setdefault(binding.action, (binding, enabled, tooltip))
        with Horizontal(id="footer-keys"):
            for binding, enabled, tooltip in shown.values():
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    disabled=not enabled,
                    tooltip=tooltip,
                ).data_bind(compact=Footer.compact)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = active.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _node, binding, enabled, _tooltip = palette
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    classes="-command-palette",
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                )

    def on_resize(self, event: events.Resize) -> None:
        """Draw the keys again at the new width (a screen's `-narrow` class sets their
        spacing), then fit them."""
        if event.size.width != getattr(self, "fitted_width", None):
            self.fitted_width = event.size.width
            self.refresh(recompose=True)

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self.fit_keys)

    def fit_keys(self) -> None:
        """Show the keys that fit whole in their row, in order, from `?` on; hide the rest."""
        rows = self.query("#footer-keys")
        if not rows:
            return
        row = rows.first()
        limit = row.content_size.width
        used = 0
        fits = True
        for key in row.children:
            if key.display:  # a hidden key has no size: its width is the one it had shown
                margin = key.styles.margin
                key.fitted_cells = key.outer_size.width + margin.left + margin.right  # type: ignore[attr-defined]
            used += getattr(key, "fitted_cells", 0)
            fits = fits and used <= limit
            if key.display != fits:
                key.display = fits
