"""What a user does to the journal, in one place for the command line and the terminal UI.

Screens and commands call these functions; the rules (templates, follow-ups, what goes on the
timeline) live here and in the model, never in a screen.
"""

from __future__ import annotations

from datetime import datetime

from journal import clock, followups, roster, rules, templates
from journal.codec import FormatError
from journal.errors import BadInputError
from journal.i18n import _
from journal.model import DEFAULT_PLATFORM, KINDS, ChecklistItem, Incident, Message, SupportRequest
from journal.store import Store


def new_incident(
    store: Store,
    kind: str,
    title: str,
    platform: str = DEFAULT_PLATFORM,
    opened_at: datetime | None = None,
    follow_up_at: datetime | None = None,
    summary: str = "",
    tags: list[str] | None = None,
    contract: str | None = None,
    language: str | None = None,
    warnings: list[str] | None = None,
    stops_work: bool | None = None,
) -> Incident:
    """Create and save a new incident; returns it with its new id.

    The kind's template (in `language`, else the user's language) fills the checklist and
    the support requests, and sets the default follow-up unless `follow_up_at` is given.
    For kinds whose template copies the roster (account hold, security review, account
    closure), every active roster contract becomes an affected contract with a checklist
    item per client, soonest deadline first. `contract` names the roster contract a
    contract suspension is about (roster id, contract id or client name). Problems that do
    not stop the creation (a user template that could not be used) are appended to
    `warnings`. `stops_work` marks a hold that stops work with every client (None: as
    the kind's template says; see journal.links).
    """
    if not title.strip():
        raise BadInputError(_("the title is empty"))
    if kind not in KINDS:
        raise BadInputError(
            _("unknown kind {kind!r}: expected one of {items}").format(kind=kind, items=", ".join(KINDS))
        )
    opened_at = opened_at or clock.now()
    template = templates.load_template(kind, language)
    if warnings is not None:
        warnings.extend(template.problems)
    incident = Incident(
        id="",
        title=title.strip(),
        kind=kind,
        platform=platform.strip() or DEFAULT_PLATFORM,
        opened_at=opened_at,
        follow_up_at=follow_up_at or followups.default_follow_up(opened_at, template.follow_up_days),
        summary=summary,
        tags=list(tags or []),
        stops_work=stops_work,
    )
    incident.checklist = [ChecklistItem(text=text, event=template.links.get(text, "")) for text in template.checklist]
    incident.requests = [SupportRequest(question=text, suggested=True) for text in template.requests]
    chosen: list[roster.RosterContract] = []
    if contract:
        chosen = [roster.find_contract(roster.load_roster(store), contract)]
    elif template.copy_roster:
        try:
            chosen = roster.active_contracts(store)
        except FormatError as error:  # a bad roster must not stop the record of a hold
            if warnings is not None:
                warnings.append(_("{error}; no contracts were copied from the roster").format(error=error))
    for item in sorted(chosen, key=roster.deadline_order):
        incident.contracts.append(item.affected("paused"))
        text = template.contract_item(item.client, item.contract_id, item.deadline)
        if text:
            incident.checklist.append(ChecklistItem(text=text))
    return store.create(incident)


def reply_follow_up_days(kind: str) -> int:
    """Days after a reply from support to follow up again: the kind's default."""
    return templates.load_template(kind).follow_up_days


def record_message(incident: Incident, message: Message) -> Message:
    """Add a message to a loaded incident, with its timeline event, and move the follow-up:
    a message sent to support sets it 2 days later; a reply moves it to the kind's default
    delay after the reply (see journal.followups). For a change function given to
    `Store.update`; `add_message` does the loading and saving."""
    incident.add_message(message)
    days = reply_follow_up_days(incident.kind) if message.direction == "received" else 0
    followups.after_message(incident, message, days)
    return message


def add_message(store: Store, incident_id: str, message: Message) -> Incident:
    """Add a message to an incident on disk (see `record_message`); returns the incident."""
    from journal import undo

    label = _("Added message {name!r}").format(name=message.subject or message.channel)
    return undo.update(store, incident_id, lambda incident: record_message(incident, message), label)


def mark_deadline(store: Store, incident_id: str, rule_id: str, state: str, at: datetime | None = None) -> Incident:
    """Mark a platform rule's deadline `done` or `not-applicable` for an incident (or `open`
    again); a done or not-applicable deadline leaves Now. Raises BadInputError for a rule
    that is not one of the incident platform's rules."""
    from journal import rule_deadlines as deadlines

    _known_rule(store, incident_id, rule_id, rules.load_rules())
    return store.update(incident_id, lambda incident: deadlines.set_state(incident, rule_id, state, at or clock.now()))


def start_deadline(store: Store, incident_id: str, rule_id: str, moment: datetime | None) -> Incident:
    """Enter the moment a platform rule's clock starts for an incident (None clears it)."""
    from journal import rule_deadlines as deadlines

    _known_rule(store, incident_id, rule_id, rules.load_rules())
    return store.update(incident_id, lambda incident: deadlines.set_start(incident, rule_id, moment))


def _known_rule(store: Store, incident_id: str, rule_id: str, ruleset: rules.RuleSet) -> None:
    incident = store.load(incident_id)
    ids = [rule.id for rule in ruleset.for_platform(incident.platform)]
    if rule_id not in ids:
        known = ", ".join(ids) if ids else f"none: there are no rules for {incident.platform!r}"
        raise BadInputError(
            _("{rule_id!r} is not a rule of {platform}; its rules are: {known}").format(
                rule_id=rule_id, platform=incident.platform, known=known
            )
        )


def usual_security_questions(language: str | None = None) -> list[str]:
    """The questions support usually asks in a security review (the security-review
    template's support requests, in `language` or the user's), whatever the incident's kind."""
    return list(templates.load_template("security-review", language).requests)


def add_security_questions(incident: Incident, asked_at: datetime, language: str | None = None) -> list[SupportRequest]:
    """Add the usual security questions to a loaded incident as support requests asked at
    `asked_at`, skipping any it already has (same text). Returns those added. For a change
    function given to `Store.update`."""
    have = {r.question.strip() for r in incident.requests}
    added = [
        SupportRequest(question=q, asked_at=asked_at)
        for q in usual_security_questions(language)
        if q.strip() not in have
    ]
    incident.requests.extend(added)
    return added
