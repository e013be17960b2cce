"""Sharing incidents: exporting what the user chose to share (importing a received file is
`journal.importing`).

Export: the incident as TOML (the store's schema, re-importable) or as a Markdown summary.
The user's own notes are left out unless asked for; `redact` masks IP addresses, email
addresses and phone numbers everywhere, with stable placeholders. The stored incident is never
changed. Attachments are re-hashed and any missing or changed file is reported.
"""

from __future__ import annotations

import contextlib
import copy
import errno
import os
import re
import secrets
import stat
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from journal import clock, codec, markdown
from journal.atomic import TEMP_SUFFIX, atomic_write, fsync_dir
from journal.errors import BadInputError, ConflictError, StoreError
from journal.evidence import EvidenceCheck, attachments, check_evidence, file_name
from journal.i18n import N_, _
from journal.ids import make_id
from journal.keep import KeepingMasker, platform_keeps
from journal.model import ChecklistItem, Contract, Incident, Message
from journal.redact import Span, label_spans
from journal.store import Store

FORMATS = ("toml", "markdown")


class ExistsError(ConflictError):
    """The file to write already exists (exit 1); `force` replaces it."""


@dataclass
class Export:
    """What an export writes, and what the user should know about it."""

    text: str
    """Exactly the text to write."""
    format: str
    """toml or markdown."""
    spans: list[Span] = field(default_factory=list)
    """Where placeholders of masked addresses are in `text` (empty without redaction)."""
    masked: int = 0
    """How many distinct addresses were masked."""
    evidence: list[EvidenceCheck] = field(default_factory=list)
    """Every attachment, checked now."""
    masked_values: dict[str, str] = field(default_factory=dict)
    """Placeholder -> the value it hides (for the preview only; never written)."""
    kept: list[str] = field(default_factory=list)
    """Addresses left as written: the platform's own and those the user chose to keep."""

    @property
    def evidence_problems(self) -> list[EvidenceCheck]:
        """Attachments whose file is missing, changed or unreadable."""
        return [check for check in self.evidence if check.is_problem]


def _without_notes(incident: Incident) -> None:
    noted: list[Message | ChecklistItem | Contract] = [*incident.messages, *incident.checklist, *incident.contracts]
    for item in noted:
        item.note = ""


def _mask_value(value: Any, masker: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return masker(value)
    if isinstance(value, list):
        return [_mask_value(item, masker) for item in value]
    if isinstance(value, dict):
        return {key: _mask_value(item, masker) for key, item in value.items()}
    return value


_NOT_TEXT = {"id", "kind", "status", "direction", "channel", "state", "sha256", "revision"}


def _mask_dataclass(item: Any, masker: Callable[[str], str]) -> None:
    """Mask every text field of a model object (and what it holds), in field order."""
    for spec in fields(item):
        if spec.name in _NOT_TEXT:
            continue
        value = getattr(item, spec.name)
        if isinstance(value, str | dict):
            setattr(item, spec.name, _mask_value(value, masker))
        elif isinstance(value, list):
            for index, element in enumerate(value):
                if is_dataclass(element):
                    _mask_dataclass(element, masker)
                else:
                    value[index] = _mask_value(element, masker)


def mask_incident(incident: Incident, masker: Callable[[str], str]) -> None:
    """Mask addresses in every text of an incident, in the order of its file. An id made
    from a title that held an address is made again from the masked title, and attachments
    keep only their file name (their folders can hold the user's name)."""
    unmasked_id, unmasked_title = incident.id, incident.title
    for _used_in, item in attachments(incident):
        item.path = file_name(item.path)
    _mask_dataclass(incident, masker)
    # An id is a slug of the title: `ann@example.com` is `ann-example-com` there, which the
    # masker no longer recognises, so a title that held an address gives a new id too.
    if unmasked_id and (masker(unmasked_id) != unmasked_id or incident.title != unmasked_title):
        incident.id = make_id(incident.opened_at.date(), incident.kind, incident.title)


def for_sharing(
    incident: Incident, include_notes: bool = False, masker: Callable[[str], str] | None = None
) -> Incident:
    """A copy of the incident holding only what is shared. The incident is not changed."""
    shared = copy.deepcopy(incident)
    shared.revision = None
    if not include_notes:
        _without_notes(shared)
    if masker is not None:
        mask_incident(shared, masker)
    return shared


def _toml_header(problems: list[EvidenceCheck], clean: Callable[[str], str]) -> str:
    if not problems:
        return ""
    lines = ["# Evidence not as recorded when this file was exported:"]
    for check in problems:
        lines.append(f"#   {clean(check.name)} ({check.used_in}): {check.status}, {clean(check.reason)}")
    return "".join(printable_comment(line) + "\n" for line in lines) + "\n"


def printable_comment(line: str) -> str:
    """A TOML comment line with no control characters (TOML refuses them in comments)."""
    return re.sub(r"[\x00-\x08\x0a-\x1f\x7f]", "?", line)


def build_export(
    incident: Incident,
    fmt: str = "toml",
    redact: bool = False,
    include_notes: bool = False,
    now: datetime | None = None,
    evidence_dirs: list[Path] | tuple[Path, ...] = (),
    keep: list[str] | tuple[str, ...] = (),
    lang: str = "en",
) -> Export:
    """The text of an export, without writing anything.

    Args:
        incident: the incident as stored; it is not changed.
        fmt: `toml` (re-importable, the store's schema) or `markdown` (a summary).
        redact: mask IP addresses, email addresses and phone numbers.
        include_notes: keep the user's own notes (messages, checklist, contracts).
        now: the moment of the export (for the summary's counters).
        evidence_dirs: folders where attachments with a relative path are looked for.
        keep: with `redact`, values left as written (exact, or patterns with `*`), on top
            of the platform's own addresses (journal/data/platforms.toml).
        lang: `en` or `ja`, the language of the Markdown's own labels and headings (the
            user's and the templates' texts stay as written).

    Returns:
        The Export. Raises BadInputError for an unknown format.
    """
    if fmt not in FORMATS:
        raise BadInputError(
            _("unknown export format {fmt!r}: expected one of {items}").format(fmt=fmt, items=", ".join(FORMATS))
        )
    moment = now or clock.now()
    evidence = check_evidence(incident, list(evidence_dirs))
    masker = KeepingMasker(keep=[*platform_keeps(incident.platform), *keep]) if redact else None
    clean: Callable[[str], str] = masker if masker is not None else str
    shared = for_sharing(incident, include_notes, masker)
    if fmt == "toml":
        body = codec.dumps(shared)
        try:
            codec.loads(body, "<export>")
        except codec.FormatError as error:
            raise BadInputError(
                f"{incident.id}: " + _("the export would not import again ({reason})").format(reason=error.reason)
            ) from None
        text = _toml_header([c for c in evidence if c.is_problem], clean) + body
    else:
        text = markdown.render(shared, moment, evidence, clean, lang=lang)
    spans = label_spans(text, set(masker.labels.values())) if masker else []
    if masker is None:
        return Export(text, fmt, spans, 0, evidence)
    return Export(text, fmt, spans, masker.count, evidence, dict(masker.masked), list(masker.kept))


def evidence_dirs_for(store: Store) -> list[Path]:
    """Where attachments given with a relative path are looked for: only the data folder's
    `attachments/` (a stored copy's path `attachments/...` is read from there too; see
    `journal.evidence._locate`)."""
    return [store.data_dir / "attachments"]


def write_export(path: str | os.PathLike[str], text: str, force: bool = False, store: Store | None = None) -> Path:
    """Write an export to a file, atomically, mode 0600.

    An existing file is refused (ConflictError, exit 1) unless `force`; a link is always
    refused; a path inside the journal's own incidents folder is refused.
    """
    if not os.fspath(path).strip():
        raise BadInputError(_("the export needs a file name (-o FILE); an empty name was given"))
    target = Path(path)
    if store is not None:
        _refuse_inside_data_folder(target, store)
    try:
        info = os.lstat(target)
    except OSError:
        info = None
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise ConflictError(f"{target}: " + _("is a symbolic link; not written"))
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise ConflictError(f"{target}: " + _("is a folder; give a file name"))
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise ConflictError(
            f"{target}: " + _("is not a regular file (a device, FIFO or socket); not written, even with --force")
        )
    data = text.encode("utf-8")
    if force:
        atomic_write(target, data)
        return target
    if os.path.lexists(target):
        raise ExistsError(f"{target}: " + _("already exists; not overwritten (use --force to replace it)"))
    _create_new(target, data)
    return target


def _refuse_inside_data_folder(target: Path, store: Store) -> None:
    """BadInputError when `target` (links resolved) is inside the data folder, except for a
    file directly in its `exports/` folder (where `--save` writes)."""
    try:
        where = target.parent.resolve() / target.name
        data = store.data_dir.resolve()
    except (OSError, RuntimeError):
        return
    if where == data or data not in where.parents:
        return
    if where.parent == data / "exports":
        return
    raise BadInputError(
        f"{target}: "
        + _(
            "is inside the journal's data folder ({data}); an export never goes there except {exports}; choose another place"
        ).format(data=data, exports=data / "exports")
    )


def _create_new(target: Path, data: bytes) -> None:
    """Write a new file atomically, never replacing one that appears meanwhile: the data
    goes to a temp file that is then hard-linked to the name (which fails if it exists)."""
    folder = target.parent
    temp = folder / f".{target.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temp, target, follow_symlinks=False)
        except OSError as error:
            if error.errno == errno.EEXIST:
                raise ExistsError(
                    f"{target}: " + _("already exists; not overwritten (use --force to replace it)")
                ) from None
            if os.path.lexists(target):
                raise
            os.replace(temp, target)  # a file system without hard links
        fsync_dir(folder)
    except OSError as error:
        raise StoreError.from_os_error(target, error, N_("write the export")) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
