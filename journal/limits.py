"""How much one incident holds, in the user's terms, and the warning before it is full.

An incident file holds at most `codec.MAX_VALUES` keys, values and tables and
`codec.MAX_FILE_BYTES` bytes (the caps that keep every load under a second). `usage` measures
an encoded incident against both; `refusal` words a save over a cap as what the user has
("this incident has 14,285 events"), the most it can hold, and what to do; `warning` speaks
at WARN_AT of either cap, so the user can act before a save is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from journal import codec
from journal.i18n import N_, _
from journal.model import Incident

WARN_AT = 0.8
"""The share of a cap at which the user is warned."""


@dataclass(frozen=True)
class Usage:
    """An encoded incident measured against the caps: counts, and shares of each cap (0-1+)."""

    values: int
    size: int

    @property
    def share(self) -> float:
        """The larger of the two shares of a cap."""
        return max(self.values / codec.MAX_VALUES, self.size / codec.MAX_FILE_BYTES)


def usage(text: str, data: bytes) -> Usage:
    """Keys/values/tables (as the codec counts them) and bytes of an encoded incident."""
    return Usage(codec.structure_count(text), len(data))


def _holding(incident: Incident, use: Usage) -> str:
    per_item = use.values / max(1, len(incident.events) + len(incident.messages))
    most = int(codec.MAX_VALUES / max(per_item, 1))
    return _(
        "this incident has {events:,} events and {messages:,} messages ({values:,} values, {size:,} bytes); "
        "one incident holds at most {most_values:,} values (about {most:,} events and messages like these) "
        "and {most_bytes:,} bytes"
    ).format(
        events=len(incident.events),
        messages=len(incident.messages),
        values=use.values,
        size=use.size,
        most_values=codec.MAX_VALUES,
        most=most,
        most_bytes=codec.MAX_FILE_BYTES,
    )


SPLIT_HINT = N_("close it (set-status ID closed) and open a follow-on incident (new) for what comes next")


def refusal(incident: Incident, use: Usage) -> str:
    """The reason a save over a cap is refused, in the user's terms (without the file name)."""
    return _("cannot be saved: {holding}; {split}; nothing was changed").format(
        holding=_holding(incident, use), split=_(SPLIT_HINT)
    )


def warning(incident: Incident, use: Usage) -> str | None:
    """A one-line warning when the incident is at WARN_AT of a cap or more, else None."""
    if use.share < WARN_AT:
        return None
    return f"{incident.id}: " + _("{percent}% full: {holding}; before it is full, {split}").format(
        percent=round(use.share * 100), holding=_holding(incident, use), split=_(SPLIT_HINT)
    )
