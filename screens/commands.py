"""The command palette finds incidents, not only actions: type part of a title or an id to
open it, or add a tab's name ("acme requests") to open it on that tab."""

from __future__ import annotations

import heapq
from functools import partial
from typing import TYPE_CHECKING

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.widgets.option_list import Option

from journal import clock, labels
from journal.i18n import N_, _
from journal.index import Summary, sort_urgent
from journal.text import one_line

if TYPE_CHECKING:
    from screens.app import IncidentJournalApp

TABS = ("overview", "messages", "timeline", "checklist", "contracts", "requests")
"""The incident screen's tabs, in its order (see screens.incident.TABS)."""
TAB_NAMES = {
    "overview": N_("Overview"),
    "messages": N_("Messages"),
    "timeline": N_("Timeline"),
    "checklist": N_("Checklist"),
    "contracts": N_("Contracts"),
    "requests": N_("Requests"),
}
"""Each tab's name as the palette shows it (English, marked; shown translated)."""
MATCHES_SHOWN = 12
"""Incidents offered for one query; the best-scoring first."""
DISCOVERED = 8
"""Incidents offered before anything is typed: the most urgent first."""


def hit_text(summary: Summary, tab: str | None = None) -> str:
    """The palette's text for opening `summary` (on `tab`): one safe line, title then id."""
    where = f" › {_(TAB_NAMES[tab])}" if tab else ""
    return _("Open {title}").format(title=one_line(summary.title)[:80] + where) + f"  ({summary.id})"


def hit_help(summary: Summary) -> str:
    """The palette's second line for an incident: its kind and status in words."""
    return f"{labels.kind(summary.kind)}, {labels.status(summary.status)}"


def split_tab(query: str) -> tuple[str, str | None]:
    """`"acme req"` -> `("acme", "requests")`: a last word that starts a tab's name (in English,
    3 letters at least) or, in the app's language, 2 characters at least found in its name
    (`acme 依頼` for 「サポートからの依頼」, since Japanese names put the head word last) picks the tab.

    A query of one word is never a tab alone (so "time" still finds an incident titled "Time…").
    """
    words = query.split()
    if len(words) > 1:
        last = words[-1].casefold()
        for tab in TABS:
            shown = _(TAB_NAMES[tab]).casefold()
            translated = shown != TAB_NAMES[tab].casefold()
            if (len(last) >= 3 and tab.startswith(last)) or (translated and len(last) >= 2 and last in shown):
                return " ".join(words[:-1]), tab
    return query, None


def highlighted(matcher: Matcher, text: str) -> Content:
    """`text` as plain content (never parsed as markup) with the matched letters styled.

    Textual's `Matcher.highlight` parses its candidate as markup, which a title such as
    `[b]Acme[/]` would break; this does the same styling on plain text.
    """
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class IncidentCommands(Provider):
    """Palette hits that open an incident by its title or id, optionally on a tab.

    Reads the summaries once when the palette opens (from the derived index, in a thread, so
    a large journal does not block typing) and matches each query against title and id.
    """

    summaries: list[Summary]

    async def startup(self) -> None:
        app: IncidentJournalApp = self.app  # type: ignore[assignment]
        worker = app.run_worker(lambda: app.store.scan()[0], thread=True, exclusive=False, group="palette")
        try:
            self.summaries = await worker.wait()
        except Exception:  # an unreadable folder: the palette still offers its actions
            self.summaries = []

    def _open(self, incident_id: str, tab: str | None) -> None:
        app: IncidentJournalApp = self.app  # type: ignore[assignment]
        app.open_incident(incident_id, tab)

    async def discover(self) -> Hits:
        for summary in sort_urgent(self.summaries, clock.now())[:DISCOVERED]:
            yield DiscoveryHit(
                Content(hit_text(summary)),
                partial(self._open, summary.id, None),
                text=hit_text(summary),
                help=hit_help(summary),
            )

    async def search(self, query: str) -> Hits:
        words, tab = split_tab(query)
        matcher = self.matcher(words)
        scored = ((matcher.match(f"{one_line(s.title)} {s.id}"), n, s) for n, s in enumerate(self.summaries))
        for score, _order, summary in heapq.nlargest(MATCHES_SHOWN, (hit for hit in scored if hit[0] > 0)):
            text = hit_text(summary, tab)
            yield Hit(
                score,
                highlighted(matcher, text),
                partial(self._open, summary.id, tab),
                text=text,
                help=hit_help(summary),
            )


class Palette(CommandPalette):
    """Textual's command palette, saying "No matches found" in the app's language (Textual
    writes it in English; the rest of its words are given by the app: the placeholder)."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's: after `_NO_MATCHES_COUNTDOWN` seconds without a hit for a typed
        query, one disabled line says so (textual.command.CommandPalette, Textual 8)."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                line = Option(
                    Align.center(Text(_("No matches found"), style="not bold")), disabled=True, id=self._NO_MATCHES
                )
                self.query_one(CommandList).add_option(line)
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
