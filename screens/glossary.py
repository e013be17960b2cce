"""The glossary of hold words in the terminal UI: what each platform's words mean and what
still works during each hold (journal.glossary), shown read-only. Opened with ctrl+g from
the new-incident form (for the platform typed there) and with g from `?` (every platform)."""

from __future__ import annotations

from textual.app import App
from textual.content import Content

from journal import glossary, templates
from journal.errors import JournalError
from journal.i18n import _
from journal.text import printable


def show_glossary(app: App, platform: str | None = None, language: str | None = None) -> None:
    """Push the glossary of `platform` (every platform when None or not in the glossary),
    in `language` (the configured language when None)."""
    from screens.modals import TextModal

    language = language or templates.current_language()
    try:
        text = glossary.glossary_text(platform, language)
        shown = platform
    except JournalError:
        text, shown = glossary.glossary_text(None, language), None
    if shown:
        head = _("Hold words of {platform} and what still works during each").format(platform=" ".join(shown.split()))
    else:
        head = _("Hold words of every platform and what still works during each")
    head += " · " + _("escape closes")
    app.push_screen(TextModal(Content(head), printable(text), wrapped=True))
