"""What changed between two versions of an incident, in one line for a history entry.

`describe(before, after)` gives text like "Contract with Acme suspended: added message
'Your contract is on hold'" or "Account hold: status open -> appealed; changed the summary".
The line is built from the incident's fields only (no Textual, no markup) and kept short.
"""

from __future__ import annotations

from typing import Any

from journal import codec, i18n, labels
from journal.evidence import file_name
from journal.i18n import N_, _
from journal.model import Incident
from journal.text import one_line

MAX_LINE = 200
"""A history line is cut to this many characters (with an ellipsis)."""
MAX_LABEL = 60
"""An item's quoted label is cut to this many characters."""

_SECTIONS = (
    ("messages", N_("message"), N_("messages"), "subject"),
    ("events", N_("event"), N_("events"), "text"),
    ("checklist", N_("checklist item"), N_("checklist items"), "text"),
    ("contracts", N_("contract"), N_("contracts"), "client"),
    ("requests", N_("support request"), N_("support requests"), "question"),
)
"""(field, the word for one item and for several (English, marked: the line is written in the
app's language of the day, as every text the app writes), the field that labels it)."""
_SCALARS = {
    "title": N_("title"),
    "kind": N_("kind"),
    "platform": N_("platform"),
    "summary": N_("summary"),
    "tags": N_("tags"),
    "opened_at": N_("opened at"),
    "closed_at": N_("closed at"),
    "follow_up_at": N_("follow-up"),
}
"""The fields compared as a whole, with their names in a line."""


def _status(key: str) -> str:
    """A status as history names it: the stored key in English, the word in another language."""
    return key if i18n.language() == "en" else labels.status(key)


def _label(item: object, attr: str) -> str:
    text = str(getattr(item, attr, "") or "")
    kind = getattr(item, "kind", None)
    if attr == "text" and isinstance(kind, str):  # a status change reads in the user's language
        text = labels.event_text(kind, text)
    text = one_line(text)
    if len(text) > MAX_LABEL:
        text = text[: MAX_LABEL - 1] + "…"
    return _(" '{text}'").format(text=text) if text else ""


def _cut(line: str) -> str:
    line = one_line(line)
    return line if len(line) <= MAX_LINE else line[: MAX_LINE - 1] + "…"


def parse(data: bytes | None) -> Incident | None:
    """An incident from a file's bytes, or None when there are none or they do not load."""
    if data is None:
        return None
    try:
        return codec.load_bytes(data)
    except Exception:  # a version that does not load is described without details
        return None


def _attached(old: list[Any], new: list[Any], word: str) -> list[str]:
    """ "attached shot.png to message 1" when the only change is files added to items."""
    if len(old) != len(new):
        return []
    out = []
    for number, (a, b) in enumerate(zip(old, new, strict=True), 1):
        if a == b:
            continue
        before, after = getattr(a, "attachments", None), getattr(b, "attachments", None)
        if before is None or after is None or after[: len(before)] != before or len(after) == len(before):
            return []
        a.attachments = after
        same = a == b  # the same item but for the files?
        a.attachments = before
        if not same:
            return []
        names = ", ".join(file_name(f.original or f.path) for f in after[len(before) :])
        out.append(_("attached {names} to {word} {number}").format(names=one_line(names), word=_(word), number=number))
    return out


def differences(before: Incident, after: Incident) -> list[str]:
    """The changes from `before` to `after`, each a few words ("added message 'Hold'")."""
    parts: list[str] = []
    if before.status != after.status:
        parts.append(
            _("status {status} -> {status2}").format(status=_status(before.status), status2=_status(after.status))
        )
    for name in _SCALARS:
        if getattr(before, name) != getattr(after, name):
            parts.append(_("changed the {field}").format(field=_(_SCALARS[name])))
    for field, word, words, attr in _SECTIONS:
        old, new = getattr(before, field), getattr(after, field)
        if old == new:
            continue
        added = [item for item in new if item not in old]
        removed = [item for item in old if item not in new]
        if len(new) > len(old) and len(added) == len(new) - len(old):
            parts.extend(_("added {item}{label}").format(item=_(word), label=_label(item, attr)) for item in added[:3])
        elif len(new) < len(old) and len(removed) == len(old) - len(new):
            parts.extend(
                _("deleted {item}{label}").format(item=_(word), label=_label(item, attr)) for item in removed[:3]
            )
        elif attached := _attached(old, new, word):
            parts.extend(attached)
        else:
            changed = [n for n, (a, b) in enumerate(zip(old, new, strict=False), 1) if a != b]
            if len(changed) == 1:
                parts.append(_("changed {item} {number}").format(item=_(word), number=changed[0]))
            else:
                parts.append(_("changed {items}").format(items=_(words)))
    if not parts and before.extra != after.extra:
        parts.append(_("changed fields this version does not know"))
    return parts


def describe(title_hint: str, before: bytes | None, after: bytes | None) -> str:
    """One line saying what changed in an incident's file. `before`/`after` are the file's
    bytes (None when it did not exist / no longer exists); `title_hint` names the incident
    when neither version loads (usually its id)."""
    old, new = parse(before), parse(after)
    shown = new or old
    title = shown.title if shown else title_hint
    if before is None and after is not None:
        return _cut(f"{title}: " + _("recorded"))
    if after is None:
        return _cut(f"{title}: " + _("deleted (moved to the trash)"))
    if old is None or new is None:
        return _cut(f"{title}: " + _("changed"))
    parts = differences(old, new)
    return _cut(f"{title}: " + (_("; ").join(parts) if parts else _("saved")))
