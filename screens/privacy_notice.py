"""A line or two on the home screen naming what in the data folder other users can see.

`journal.privacy.check` walks the whole data folder, so it runs in a thread after the first
paint; the notice stays hidden when everything is private."""

from __future__ import annotations

import os
from pathlib import Path

from textual import work
from textual.content import Content
from textual.widgets import Static

from journal import privacy
from journal.i18n import _
from screens.safe import error_line, plain

LINES_SHOWN = 3
"""Warnings shown one line each; the rest are counted."""


class PrivacyNotice(Static):
    """Warnings from `journal.privacy.check(data_dir)`, checked once when mounted."""

    DEFAULT_CSS = "PrivacyNotice { color: $warning; height: auto; max-height: 5; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }"

    def __init__(self, data_dir: Path, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.data_dir = data_dir
        self.warnings: list[str] | None = None
        """What the check found; None until it finished."""

    def on_mount(self) -> None:
        self.display = False
        self.check_in_background()

    @work(thread=True, exclusive=True, group="privacy", exit_on_error=False)
    def check_in_background(self) -> None:
        try:
            found = privacy.check(self.data_dir)
        except Exception as error:  # a check that fails is one more line, never a crash
            found = [
                f"{self.data_dir}: "
                + _("who else can read it was not checked: {error}").format(error=error_line(error))
            ]
        self.app.call_from_thread(self.show_warnings, found)

    def show_warnings(self, warnings: list[str]) -> None:
        """Show the first few warnings, one line each, and count the rest."""
        self.warnings = warnings
        self.display = bool(warnings)
        if not warnings:
            return
        folder = f"{self.data_dir}{os.sep}"
        lines = [plain(_("Privacy: other users may see into {folder}:").format(folder=self.data_dir))]
        lines += [plain("  " + line.replace(folder, "", 1)) for line in warnings[:LINES_SHOWN]]
        if len(warnings) > LINES_SHOWN:
            lines.append(plain("  " + _("and {n} more like these").format(n=len(warnings) - LINES_SHOWN)))
        self.update(Content("\n").join(lines))
