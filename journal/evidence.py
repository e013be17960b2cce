"""Evidence: the files given to support, checked again when an incident is exported.

An attachment records a file's path, SHA-256 and size at the time it was attached. An export
re-hashes each file now and says plainly when one is missing or changed, so what support
receives can be matched with what the journal says was sent.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from journal import i18n
from journal.i18n import N_
from journal.model import Attachment, Incident

OK = "ok"
MISSING = "missing"
CHANGED = "changed"
UNREADABLE = "unreadable"
UNRECORDED = "unrecorded"
"""The file is there but no hash was recorded when it was attached."""
IMPORTED = "imported"
"""The attachment came with an imported incident: the sender's file, never looked up here."""
STORED_PREFIX = "attachments/"
"""How the path of a file kept in the journal starts (relative to the data folder)."""
_CHUNK = 1024 * 1024


@dataclass
class EvidenceCheck:
    """One attachment, and what was found when it was checked."""

    attachment: Attachment
    used_in: str
    """Where it was attached: `request 2`, `message 1`."""
    status: str
    """ok, missing, changed, unreadable or unrecorded."""
    found_at: str = ""
    """The file that was read (empty when none was found)."""
    sha256: str = ""
    """Hex SHA-256 of the file now (empty when it could not be read)."""
    size: int | None = None
    """Size of the file now, in bytes."""
    reason: str = ""
    """Why it is not ok, in a few words, in English (see `reason_in` for another language)."""
    reason_form: str = ""
    """The message `reason` was made from (English, marked with N_), with `{placeholders}`."""
    reason_fill: dict[str, str] = field(default_factory=dict)
    """What fills `reason_form`'s placeholders."""

    def because(self, form: str, **fill: str) -> EvidenceCheck:
        """Set the reason from a message marked with N_ and its fill; returns the check."""
        self.reason_form, self.reason_fill = form, fill
        self.reason = form.format(**fill)
        return self

    def reason_in(self, lang: str | None = None) -> str:
        """The reason in `lang` (default: the app's language): the export for support has its
        own language, the terminal the user's."""
        if not self.reason_form:
            return self.reason
        say = i18n.translations(lang).gettext if lang else i18n.gettext
        return say(self.reason_form).format(**{key: say(value) for key, value in self.reason_fill.items()})

    @property
    def name(self) -> str:
        """The file name, without the folders (they can hold the user's name); for an
        imported attachment, the name the sender gave it."""
        if self.attachment.imported and self.attachment.original:
            return file_name(self.attachment.original)
        return file_name(self.attachment.path)

    @property
    def is_problem(self) -> bool:
        """True when the file is missing, changed or cannot be read."""
        return self.status in (MISSING, CHANGED, UNREADABLE)


def file_name(path: str) -> str:
    """The last part of a path (Windows or POSIX), or the path itself if it has none."""
    return PurePath(path.replace("\\", "/")).name or path


def attachments(incident: Incident) -> list[tuple[str, Attachment]]:
    """Every attachment of an incident with where it is used, in order."""
    found: list[tuple[str, Attachment]] = []
    for number, message in enumerate(incident.messages, 1):
        for item in getattr(message, "attachments", None) or ():
            if isinstance(item, Attachment):
                found.append((f"message {number}", item))
    for number, request in enumerate(incident.requests, 1):
        found.extend((f"request {number}", item) for item in request.attachments)
    return found


def _locate(path: str, folders: Iterable[Path]) -> Path | None:
    """Where the file of an attachment is: an absolute path (`~` expanded) as it is; a
    relative one only inside one of `folders` (the data folder's `attachments/`; a path
    that starts with `attachments/` is read from there too). A `..` or a link that leads
    out of the folder is not looked up. None when it is not found, or `~user` names no
    user."""
    try:
        given = Path(path).expanduser()
    except RuntimeError:  # ~nosuchuser
        return None
    if given.is_absolute():
        return given
    if path.replace("\\", "/").startswith(STORED_PREFIX):
        given = Path(path.replace("\\", "/")[len(STORED_PREFIX) :])
    for folder in folders:
        candidate = folder / given
        try:
            root = os.path.realpath(folder)
            inside = os.path.realpath(candidate).startswith(root + os.sep)
        except (OSError, ValueError):
            inside = False
        if inside and os.path.lexists(candidate):
            return candidate
    return None


def _hash(path: Path) -> tuple[str, int]:
    """SHA-256 and size of a regular file, read in chunks, never through a link. Raises
    OSError, or ValueError when it is not a regular file (a FIFO or a device would block or
    never end)."""
    digest = hashlib.sha256()
    size = 0
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        if os.path.islink(path):
            raise ValueError(N_("is a symbolic link")) from None  # a reason of a check, translated where shown
        raise
    with open(fd, "rb", closefd=True) as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ValueError(N_("not a regular file"))
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def check_attachment(item: Attachment, used_in: str, folders: Sequence[Path] = ()) -> EvidenceCheck:
    """Re-hash one attachment's file. Relative paths are looked for in `folders`, in order.
    An imported attachment (the sender's file) is never looked up on this machine: its
    check is IMPORTED with the size and hash the sender's file recorded."""
    if item.imported:
        return EvidenceCheck(item, used_in, IMPORTED, sha256=item.sha256, size=item.size).because(
            N_("the sender's file; not on this machine")
        )
    path = _locate(item.path, folders)
    if path is None or not os.path.lexists(path):
        return EvidenceCheck(item, used_in, MISSING).because(N_("file not found"))
    try:
        digest, size = _hash(path)
    except FileNotFoundError:
        return EvidenceCheck(item, used_in, MISSING, str(path)).because(N_("file not found"))
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return EvidenceCheck(item, used_in, UNREADABLE, str(path)).because(
            N_("cannot be read: {reason}"), reason=reason
        )
    check = EvidenceCheck(item, used_in, OK, str(path), digest, size)
    if not item.sha256:
        check.status = UNRECORDED
        check.because(N_("no hash was recorded when it was attached"))
    elif digest != item.sha256.lower() or (item.size and size != item.size):
        check.status = CHANGED
        check.because(
            N_("changed since it was attached (now {size} bytes, sha256 {sha256})"), size=f"{size:,}", sha256=digest
        )
    return check


def check_evidence(incident: Incident, folders: Sequence[Path] = ()) -> list[EvidenceCheck]:
    """Check every attachment of an incident against its file now."""
    return [check_attachment(item, used_in, folders) for used_in, item in attachments(incident)]


def describe(check: EvidenceCheck) -> str:
    """One line about a file that is not as recorded (for stderr)."""
    place = check.found_at or check.attachment.path
    return f"{place}: " + i18n.gettext(N_("evidence for {used_in} is {status}: {reason}")).format(
        used_in=check.used_in, status=check.status, reason=check.reason_in()
    )
