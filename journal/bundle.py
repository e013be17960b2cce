"""One bundle for support: a zip with the summary, the incident and the files attached to it,
and a MANIFEST.txt that lets anyone check nothing was changed.

Contents: `summary.md` (the Markdown export in the chosen language), `incident.toml` (the
TOML export), `files/<n>-<name>` for each attached file whose bytes still match the SHA-256
recorded when it was attached, and `MANIFEST.txt`: one line per other entry,
`<sha256>  <size in bytes>  <name>`. With redaction the texts are masked as in `export
--redact`, files are included only when the user ticks them, and their names become
`files/<n>-file<.ext>` (a name can hold an address).

Written like every export: to a temp file in the target folder, fsynced, then linked to its
name (never replacing a file unless `force`), mode 0600. `verify_bundle` re-reads a bundle in
chunks, with caps, and lists every entry that is missing, extra, or not as the manifest says.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from journal import keep, sharing
from journal.atomic import TEMP_SUFFIX, fsync_dir
from journal.attachments import safe_name, verify
from journal.errors import BadInputError, ConflictError, StoreError
from journal.evidence import OK, EvidenceCheck, attachments
from journal.i18n import N_, _
from journal.model import Incident
from journal.store import Store

MANIFEST = "MANIFEST.txt"
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_ENTRIES = 10_000
"""A bundle with more entries than this is refused unread."""
CHUNK = 1024 * 1024


@dataclass
class Bundle:
    """What went into a bundle."""

    path: Path
    files: list[str] = field(default_factory=list)
    """Names of the attached files included (inside the zip)."""
    left_out: list[str] = field(default_factory=list)
    """One line for each attached file not included, and why."""
    masked: int = 0
    """Addresses masked (redaction)."""


def _entry_name(number: int, check: EvidenceCheck, redact: bool) -> str:
    name = safe_name(check.attachment.original or check.attachment.path)
    if redact:
        suffix = PurePosixPath(name).suffix
        name = f"file{suffix if len(suffix) <= 16 else ''}"
    return f"files/{number}-{name}"


def _chosen(check: EvidenceCheck, ticked: Sequence[str]) -> bool:
    name = check.name
    return any(t and (t == name or check.attachment.sha256.startswith(t.lower())) for t in ticked)


def write_bundle(
    store: Store,
    incident: Incident,
    target: str | os.PathLike[str],
    now: datetime,
    redact: bool = False,
    include_notes: bool = False,
    ticked: Sequence[str] = (),
    keep_values: Sequence[str] = (),
    lang: str = "en",
    force: bool = False,
) -> Bundle:
    """Write the bundle of an incident to `target`. `ticked` (file names or SHA-256
    prefixes) chooses the files in redacted mode; without redaction every attached file
    whose bytes match goes in. Raises ExistsError when `target` exists and not `force`,
    ConflictError for a link or a folder, BadInputError for a path in the incidents
    folder, StoreError when it cannot be written."""
    out = Path(target)
    _check_target(store, out, force)
    dirs = sharing.evidence_dirs_for(store)
    kept = [*keep.load_keep(store, incident.id), *keep_values]
    texts = {
        fmt: sharing.build_export(
            incident,
            fmt=fmt,
            redact=redact,
            include_notes=include_notes,
            now=now,
            evidence_dirs=dirs,
            keep=kept,
            lang=lang,
        )
        for fmt in ("markdown", "toml")
    }
    done = Bundle(out, masked=texts["markdown"].masked)
    temp = out.parent / f".{out.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}"
    manifest: list[str] = []
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "w+b") as handle:
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for name, fmt in (("summary.md", "markdown"), ("incident.toml", "toml")):
                    data = texts[fmt].text.encode("utf-8")
                    archive.writestr(name, data)
                    manifest.append(f"{hashlib.sha256(data).hexdigest()}  {len(data)}  {name}")
                for number, (used_in, item) in enumerate(attachments(incident), 1):
                    check = verify(store, item, used_in)
                    if check.status != OK:
                        done.left_out.append(
                            _("{name} ({used_in}): {status}: {reason}; not included").format(
                                name=check.name, used_in=used_in, status=check.status, reason=check.reason_in()
                            )
                        )
                        continue
                    if redact and not _chosen(check, ticked):
                        done.left_out.append(
                            _("{name} ({used_in}): not ticked; not included (redacted bundle)").format(
                                name=check.name, used_in=used_in
                            )
                        )
                        continue
                    name = _entry_name(number, check, redact)
                    digest, size = _copy_into(archive, Path(check.found_at), name)
                    if digest != item.sha256:  # changed between the check and the copy
                        raise ConflictError(
                            f"{check.found_at}: " + _("changed while the bundle was written; try again")
                        )
                    manifest.append(f"{digest}  {size}  {name}")
                    done.files.append(name)
                archive.writestr(MANIFEST, "\n".join(manifest) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        _publish(temp, out, force)
    except OSError as error:
        raise StoreError.from_os_error(out, error, N_("write the bundle")) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    return done


def _check_target(store: Store, out: Path, force: bool) -> None:
    with contextlib.suppress(OSError):
        if out.resolve().parent == store.incidents_dir.resolve():
            raise BadInputError(f"{out}: " + _("is inside the journal's incidents folder; choose another place"))
    if out.is_symlink():
        raise ConflictError(f"{out}: " + _("is a symbolic link; not written"))
    if out.is_dir():
        raise ConflictError(f"{out}: " + _("is a folder; give a file name"))
    if os.path.lexists(out) and not force:
        raise sharing.ExistsError(f"{out}: " + _("already exists; not overwritten (use --force to replace it)"))
    if not out.parent.is_dir():
        raise BadInputError(f"{out.parent}: " + _("no such folder"))


def _copy_into(archive: zipfile.ZipFile, source: Path, name: str) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    with open(fd, "rb") as reader:
        if not stat.S_ISREG(os.fstat(reader.fileno()).st_mode):
            raise BadInputError(f"{source}: " + _("is not a regular file; not included"))
        with archive.open(name, "w", force_zip64=True) as writer:
            while chunk := reader.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                writer.write(chunk)
    return digest.hexdigest(), size


def _publish(temp: Path, out: Path, force: bool) -> None:
    if force:
        os.replace(temp, out)
    else:
        try:
            os.link(temp, out)  # fails if a file appeared meanwhile: never replaced
        except FileExistsError:
            raise sharing.ExistsError(
                f"{out}: " + _("already exists; not overwritten (use --force to replace it)")
            ) from None
    fsync_dir(out.parent)


def verify_bundle(path: str | os.PathLike[str]) -> tuple[int, list[str]]:
    """Check a bundle against its MANIFEST.txt. Returns how many entries were verified and
    one line per problem (empty when it is intact). Raises BadInputError when the file is
    not a regular file, not a zip, or has no readable manifest."""
    where = Path(path)
    try:
        fd = os.open(where, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise BadInputError(f"{where}: " + _("no such file")) from None
    except OSError as error:
        raise BadInputError(f"{where}: " + _("cannot be read: {value}").format(value=error.strerror or error)) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # before wrapping it: a folder cannot be opened as a file
        os.close(fd)
        raise BadInputError(f"{where}: " + _("is not a regular file"))
    with open(fd, "rb") as handle:
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise BadInputError(f"{where}: " + _("is not a zip file: {error}").format(error=error)) from None
        with archive:
            return _verify_entries(where, archive)


def _verify_entries(where: Path, archive: zipfile.ZipFile) -> tuple[int, list[str]]:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise BadInputError(
            f"{where}: "
            + _("has {count:,} entries; the limit is {MAX_ENTRIES:,}").format(count=len(infos), MAX_ENTRIES=MAX_ENTRIES)
        )
    names = {info.filename: info for info in infos}
    if MANIFEST not in names or names[MANIFEST].file_size > MAX_MANIFEST_BYTES:
        raise BadInputError(
            f"{where}: "
            + _("has no {MANIFEST} (or one over {MAX_MANIFEST_BYTES:,} bytes); not a bundle").format(
                MANIFEST=MANIFEST, MAX_MANIFEST_BYTES=MAX_MANIFEST_BYTES
            )
        )
    try:
        text = archive.read(MANIFEST).decode("utf-8")
    except (UnicodeDecodeError, zipfile.BadZipFile, OSError, ValueError) as error:
        raise BadInputError(
            f"{where}: " + _("{MANIFEST} cannot be read: {error}").format(MANIFEST=MANIFEST, error=error)
        ) from None
    problems: list[str] = []
    listed: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        parts = line.split("  ", 2)
        if len(parts) != 3 or len(parts[0]) != 64 or not parts[1].isdigit():
            problems.append(
                f"{where}: "
                + _("{MANIFEST}:{number}: not `<sha256>  <size>  <name>`").format(MANIFEST=MANIFEST, number=number)
            )
            continue
        listed[parts[2]] = (parts[0].lower(), int(parts[1]))
    good = 0
    for name, (sha, size) in listed.items():
        info = names.get(name)
        if info is None:
            problems.append(
                f"{where}: " + _("{name}: listed in {MANIFEST} but missing").format(name=name, MANIFEST=MANIFEST)
            )
            continue
        if info.file_size != size:
            problems.append(
                f"{where}: "
                + _("{name}: is {file_size:,} bytes; {MANIFEST} says {size:,}").format(
                    name=name, file_size=info.file_size, MANIFEST=MANIFEST, size=size
                )
            )
            continue
        digest, read = hashlib.sha256(), 0
        try:
            with archive.open(info) as member:
                while chunk := member.read(CHUNK):
                    read += len(chunk)
                    if read > size:
                        break
                    digest.update(chunk)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            problems.append(f"{where}: " + _("{name}: cannot be read: {error}").format(name=name, error=error))
            continue
        if read != size or digest.hexdigest() != sha:
            problems.append(
                f"{where}: "
                + _("{name}: does not match its SHA-256 in {MANIFEST} (changed)").format(name=name, MANIFEST=MANIFEST)
            )
            continue
        good += 1
    for name in names:
        if name != MANIFEST and name not in listed and not name.endswith("/"):
            problems.append(
                f"{where}: " + _("{name}: is not listed in {MANIFEST} (added)").format(name=name, MANIFEST=MANIFEST)
            )
    return good, problems
