"""The Markdown summary's own words in each export language (`en`, `ja`), and the rule that
keeps a timeline line from repeating its event kind's words.

Only the summary's labels and headings are translated: the user's texts and the templates'
texts stay as written. English is the default, since support usually reads English.
"""

from __future__ import annotations

from collections.abc import Callable

from journal import i18n
from journal.i18n import N_
from journal.model import TIMELINE_TEXTS

LANGUAGES = ("en", "ja")

LABELS = (
    N_("Untitled incident"),
    N_("Summary written {at}. Times are shown in my time zone and in UTC."),
    N_("Platform"),
    N_("Kind"),
    N_("Status"),
    N_("Opened"),
    N_("Closed"),
    N_("Reference"),
    N_("Days on hold"),
    N_("Waiting on support"),
    N_("nothing sent to support yet"),
    N_("no; support replied {gap} after my last message, at {at}"),
    N_("{gap} since my last message or answer, at {at}"),
    N_("Support requests"),
    N_("{n}, {open} not answered yet"),
    N_("Money pending"),
    N_("Money at risk"),
    N_("Deadlines (the platform rules)"),
    N_("Summary"),
    N_("Timeline"),
    N_("Messages"),
    N_("From"),
    N_("At"),
    N_("me"),
    N_("unknown"),
    N_("My note"),
    N_("Request"),
    N_("Asked at"),
    N_("Answered"),
    N_("(time not recorded)"),
    N_("not yet"),
    N_("not sent yet"),
    N_("(not given)"),
    N_("(no client name)"),
    N_("{size:,} bytes"),
    N_("size not recorded"),
    N_("not recorded"),
    N_("checked now: unchanged"),
    N_("checked now: {size:,} bytes, sha256 {sha256}"),
    N_("CHECK FAILED: {status}, {reason}"),
    N_("Attachments"),
    N_("imported with the incident: the sender's file, not checked on this machine"),
    N_("Affected contracts"),
    N_("contract"),
    N_("deadline"),
    N_("pending"),
    N_("client told"),
    N_("client not told yet"),
    N_("Checklist ({done} of {total} done)"),
    N_("done"),
    N_("Evidence"),
    N_(", {n} not as recorded)"),
)
"""The summary's own labels and headings (kinds, statuses, event kinds, directions, channels and
contract states come from `journal.labels`); translated through the catalogs by `translator`."""

KIND_PREFIXES = {
    "notice-received": ("Received: ",),
    "support-contacted": ("Sent: ",),
    "support-replied": ("Reply: ", "Replied: "),
    "status-changed": ("Status: ", "Status changed: "),
}
"""Words a timeline text may start with that only repeat its kind (as older versions wrote)."""


def translator(lang: str) -> Callable[[str], str]:
    """A function from the English label to the one in `lang` (en or ja), read from the
    catalogs (`journal.i18n.translations`); a label the catalog lacks stays English."""
    return i18n.translations(lang if lang in i18n.LANGUAGES else "en").gettext


def without_kind_words(kind: str, text: str) -> str:
    """The text of a timeline line without leading words that repeat its kind
    ("Received: Temporary hold" under "Notice received" -> "Temporary hold")."""
    label = kind.replace("-", " ").lower() + ": "
    written = []  # the first words the app writes for this kind, in each language (journal.model)
    if kind in TIMELINE_TEXTS:
        for lang in i18n.LANGUAGES:
            written.append(i18n.translations(lang).gettext(TIMELINE_TEXTS[kind]).split("{label}")[0])
    for prefix in (*KIND_PREFIXES.get(kind, ()), *written, label):
        if text.lower().startswith(prefix.lower()) and len(text) > len(prefix):
            return text[len(prefix) :]
    return text
