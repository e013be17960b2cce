"""The incident model: plain dataclasses and the rules that change them. No I/O here.

Every moment is an offset-aware `datetime`; deadlines are plain `date`s. Text is kept exactly
as given (CRLF, tabs, any Unicode). Keys found in a file that this version does not know are
kept in `extra` and written back unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from journal import labels as _labels
from journal.i18n import N_, _

KINDS = (
    "contract-suspension",
    "account-hold",
    "security-review",
    "account-closure",
    "payment-hold",
    "policy-warning",
    "identity-verification",
    "payment-dispute",
    "other",
)
KIND_LABELS = _labels.KINDS
"""Deprecated: the English label of each kind, kept so older callers still import it; show a
kind with `journal.labels.kind(key)`, which speaks the app's language."""
STATUSES = ("open", "waiting", "action-needed", "resolved", "closed")
ACTIVE_STATUSES = ("open", "waiting", "action-needed")
"""Statuses of an incident that is still going on."""
DIRECTIONS = ("received", "sent")
CHANNELS = ("email", "in-app", "chat", "phone", "other")
EVENT_KINDS = (
    "notice-received",
    "support-contacted",
    "support-replied",
    "status-changed",
    "password-changed",
    "work-paused",
    "work-resumed",
    "client-notified",
    "evidence-sent",
    "reinstated",
    "note",
)
CONTRACT_STATES = ("active", "paused", "ended")
MONEY_STATES = ("in-escrow", "in-review", "pending", "available", "held", "refunded")
"""Where a contract's money stands: in escrow (funded, not released), in review (a submitted
milestone or logged hours the client may still dispute), pending (earned, clearing), available
(can be withdrawn), held (kept back by the platform or the payment service), refunded (gone back
to the client)."""
AT_RISK_STATES = ("in-escrow", "in-review", "pending", "held")
"""The money states that can still be lost (refunded, reversed or kept back)."""

MAX_BODY_CHARS = 1_048_576
"""A message body may hold up to 1 MiB of characters (1,048,576)."""
MAX_TEXT_CHARS = 65_536
"""Any other single text field (title, subject, note, ...)."""
DEFAULT_PLATFORM = "Upwork"

TIMELINE_TEXTS = {
    "notice-received": N_("Received: {label}"),
    "support-contacted": N_("Sent: {label}"),
    "support-replied": N_("Reply: {label}"),
}
"""The timeline text a message adds, by the event's kind (`{label}` is the subject, else the
channel). Written in the app's language when the message is recorded, like the templates'
checklist items; `journal.markdown_labels` knows each language's first words."""
TIMELINE_TEXTS_FROM = {
    "notice-received": N_("Received: {label} from {sender}"),
    "support-replied": N_("Reply: {label} from {sender}"),
}
"""The same, for a received message whose sender is known."""


def is_active_status(status: str) -> bool:
    """True for the statuses of an incident that still goes on."""
    return status in ACTIVE_STATUSES


def follow_up_due(status: str, follow_up_at: datetime | None, now: datetime) -> bool:
    """True when a follow-up moment has passed on an incident that still goes on."""
    return is_active_status(status) and follow_up_at is not None and follow_up_at <= now


@dataclass
class Attachment:
    """A file given to support as evidence, identified by its content."""

    path: str
    """Where the file is: `attachments/<2 hex>/<sha256>/<name>` (relative to the data
    folder) once it was copied into the journal; else where it is on this machine, as the
    user gave it (an attachment of an older version)."""
    sha256: str = ""
    """Hex SHA-256 of the file's bytes when it was attached."""
    size: int = 0
    """Size in bytes when it was attached."""
    original: str = ""
    """Where the file was when it was copied in (provenance; empty for a path-only one)."""
    attached_at: datetime | None = None
    """When it was copied in."""
    imported: bool = False
    """True when it came with an imported incident: the file is the sender's, never on this
    machine; its name, size and hash are shown as the sender's file recorded them and never
    looked up here (issue 13, kind 9)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys this version does not know, kept for the next write."""


@dataclass
class Message:
    """A notice from the platform, or an exchange with support, kept verbatim."""

    at: datetime
    """When it was received or sent."""
    direction: str = "received"
    """`received` or `sent`."""
    channel: str = "email"
    """email, in-app, chat, phone or other."""
    sender: str = ""
    """Who wrote it (`Upwork Trust & Safety`, `me`)."""
    subject: str = ""
    """The subject line, or a short label for a chat or call."""
    message_id: str = ""
    """The email's Message-ID header, when it came from an email."""
    raw_sha256: str = ""
    """Hex SHA-256 of the raw email as received (headers and body), to show it was not altered."""
    body: str = ""
    """The text exactly as received: any Unicode, tabs, CRLF. Up to MAX_BODY_CHARS."""
    note: str = ""
    """The user's own note (a summary, a translation). Private."""
    raw_headers: dict[str, str] = field(default_factory=dict)
    """Header name -> raw text, for each header of an email that could not be fully decoded
    (so nothing is lost; 8-bit bytes written as `\\xNN`)."""
    attachments: list[Attachment] = field(default_factory=list)
    """Files that came with it (a screenshot, the .eml, a PDF)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys this version does not know, kept for the next write."""


@dataclass
class Event:
    """Something that happened at a moment: one line of the timeline."""

    at: datetime
    """When it happened."""
    kind: str = "note"
    """One of EVENT_KINDS."""
    text: str = ""
    """What happened, in the user's words."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys this version does not know, kept for the next write."""


@dataclass
class ChecklistItem:
    """Something to do for this incident, ticked with the moment it was done."""

    text: str
    """What to do."""
    done_at: datetime | None = None
    """When it was done; None while still open."""
    note: str = ""
    """The user's private note."""
    event: str = ""
    """The event kind this item records (one of EVENT_KINDS, or ""): ticking it adds that
    event at the same moment, adding the event ticks it (see journal.items)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys this version does not know, kept for the next write."""


@dataclass
class Money:
    """An amount in a currency, exact (a Decimal, stored as a string)."""

    amount: Decimal
    """The amount, exactly as entered (`420.00`)."""
    currency: str = "USD"
    """ISO 4217 code, upper case."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys of the money table this version does not know, kept as they are."""


@dataclass
class Amount:
    """An amount of one contract in one state, and the day that state changes."""

    money: Money
    """How much, in which currency."""
    state: str = "pending"
    """One of MONEY_STATES."""
    changes_on: date | None = None
    """The day the state changes ("available 12/09", "reversible until 2027-05-28"); None if unknown."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys this version does not know, kept for the next write."""


@dataclass
class Contract:
    """A contract affected by the incident: what is at stake with one client."""

    client: str
    """The client's name."""
    contract_id: str = ""
    """The platform's contract id."""
    state: str = "active"
    """active, paused or ended."""
    deadline: date | datetime | None = None
    """The next deadline promised to the client: a date, or a moment with its offset."""
    pending: Money | None = None
    """Money earned and not yet paid out on this contract."""
    roster_id: str = ""
    """The roster entry this contract is (`acme-ltd`), "" for one typed only in the incident.
    A linked contract reads its client, deadline and money from the roster (journal.links)."""
    client_told_at: datetime | None = None
    """When the client was told about the hold; None if not yet."""
    note: str = ""
    """The user's private note."""
    amounts: list[Amount] = field(default_factory=list)
    """The contract's money by state (in escrow, held, ...), each with the day it changes."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys this version does not know, kept for the next write."""


@dataclass
class SupportRequest:
    """A question support asked, and the answer given."""

    question: str
    """What support asked for."""
    asked_at: datetime | None = None
    """When they asked."""
    answer: str = ""
    """What the user answered."""
    answered_at: datetime | None = None
    """When the answer was sent; None while unanswered."""
    attachments: list[Attachment] = field(default_factory=list)
    """Files sent with the answer."""
    suggested: bool = False
    """True while `question` is the template's paraphrase, not support's own words (it is a
    placeholder until the user pastes what support wrote)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys this version does not know, kept for the next write."""


@dataclass
class Incident:
    """One enforcement event and everything about it, from the first notice to its end."""

    id: str
    """Stable identifier, `[a-z0-9-]`, also the file name (`<id>.toml`)."""
    title: str
    """A short title in the user's words."""
    kind: str
    """One of KINDS."""
    opened_at: datetime
    """When the hold began (usually the first notice)."""
    platform: str = DEFAULT_PLATFORM
    """The platform that put the hold (Upwork, Fiverr, ...)."""
    status: str = "open"
    """One of STATUSES."""
    closed_at: datetime | None = None
    """When it was resolved or closed; None while it goes on."""
    follow_up_at: datetime | None = None
    """The next moment to act if nothing has happened."""
    summary: str = ""
    """What this is about, in a few lines."""
    stops_work: bool | None = None
    """True when the hold stops work with every client (then every active roster contract's
    near deadline is in Now); None: as the kind's template says (journal.links)."""
    tags: list[str] = field(default_factory=list)
    """Free labels."""
    messages: list[Message] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    checklist: list[ChecklistItem] = field(default_factory=list)
    contracts: list[Contract] = field(default_factory=list)
    requests: list[SupportRequest] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys this version does not know, kept for the next write."""
    revision: str | None = field(default=None, compare=False, repr=False)
    """SHA-256 of the file as loaded (None if never saved). Not stored in the file: the
    store uses it to refuse overwriting a file that changed on disk since it was loaded."""

    @property
    def is_active(self) -> bool:
        """True while the incident is still going on."""
        return is_active_status(self.status)

    def is_overdue(self, now: datetime) -> bool:
        """True when the follow-up moment has passed and the incident goes on."""
        return follow_up_due(self.status, self.follow_up_at, now)

    def set_status(self, new: str, at: datetime) -> Event | None:
        """Change the status and record it on the timeline. Returns the event, or None if
        the status was already `new`."""
        if new not in STATUSES:
            raise ValueError(
                _("unknown status {new!r}: expected one of {items}").format(new=new, items=", ".join(STATUSES))
            )
        old = self.status
        if new == old:
            return None
        self.status = new
        if new in ACTIVE_STATUSES:
            self.closed_at = None
        elif self.closed_at is None:
            self.closed_at = at
        return self.add_event(Event(at=at, kind="status-changed", text=f"{old} -> {new}"))

    def add_event(self, event: Event) -> Event:
        """Add a timeline event, keeping the timeline in time order (stable for ties)."""
        if event.kind not in EVENT_KINDS:
            raise ValueError(
                _("unknown event kind {kind!r}: expected one of {items}").format(
                    kind=event.kind, items=", ".join(EVENT_KINDS)
                )
            )
        self.events.append(event)
        self.events.sort(key=lambda item: item.at)
        return event

    def add_message(self, message: Message) -> Message:
        """Add a message, in time order, with the matching timeline event."""
        if len(message.body) > MAX_BODY_CHARS:
            raise ValueError(
                _("the body has {count:,} characters; the limit is {MAX_BODY_CHARS:,}").format(
                    count=len(message.body), MAX_BODY_CHARS=MAX_BODY_CHARS
                )
            )
        self.messages.append(message)
        self.messages.sort(key=lambda item: item.at)
        if message.direction == "sent":
            kind = "support-contacted"
        elif any(m.direction == "sent" and m.at <= message.at for m in self.messages):
            kind = "support-replied"
        else:
            kind = "notice-received"
        label = message.subject or message.channel
        # Written in the app's language of the day, as the templates' checklist items are.
        if message.sender and message.direction == "received":
            form = _(TIMELINE_TEXTS_FROM[kind])
        else:
            form = _(TIMELINE_TEXTS[kind])
        text = form.format(label=label, sender=message.sender)
        if len(text) > MAX_TEXT_CHARS:  # the subject and sender are kept in full in the message
            text = text[: MAX_TEXT_CHARS - 1] + "\u2026"
        self.add_event(Event(at=message.at, kind=kind, text=text))
        return message
