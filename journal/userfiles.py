"""A text edited in the user's `$EDITOR` through a private temp file (attachments are copied
into the journal by journal.attachments). No terminal UI here; the caller suspends
its screen around `edit_in_editor`."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from journal import charsets, safe_read
from journal.errors import BadInputError, JournalError
from journal.i18n import N_, _

DEFAULT_EDITORS = ("editor", "nano", "vi")
MAX_EDITED_BYTES = 64 * 1024 * 1024
"""The most of a text saved in the editor that is read back (bytes); the body cap is far below."""


def editor_command() -> list[str]:
    """The editor to run: $VISUAL, $EDITOR, or the first of DEFAULT_EDITORS found."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    for candidate in DEFAULT_EDITORS:
        if shutil.which(candidate):
            return [candidate]
    raise BadInputError(_("no editor found: set $EDITOR (for example EDITOR=nano)"))


EDITOR_AT_ONCE_SECONDS = 1.5
"""An editor that exits this soon without changing the file did not wait for the user (a GUI
editor started without its wait option)."""
_WAIT_OPTIONS = {
    "code": "--wait",
    "code-insiders": "--wait",
    "codium": "--wait",
    "subl": "--wait",
    "atom": "--wait",
    "gedit": "--wait",
    "mate": "-w",
    "bbedit": "--wait",
    "zed": "--wait",
    "gvim": "-f",
    "mvim": "-f",
    "kate": "--block",
    "open": "-W",
    "xed": "--wait",
    "notepad++": "-multiInst -nosession",
}


def _wait_hint(command: list[str]) -> str:
    """`EDITOR='code --wait'` for the editor named, or a general hint."""
    name = Path(command[0]).name if command else ""
    option = _WAIT_OPTIONS.get(name.lower())
    if option:
        return f"set EDITOR='{shlex.join(command)} {option}'"
    return (
        "set EDITOR to a command that waits until you close the file (e.g. EDITOR='code --wait', 'subl -w', 'gvim -f')"
    )


def _run_editor(argv: list[str]) -> tuple[int, float, int]:
    """Run the editor in a process group of its own that has the terminal while it runs
    (so it can be stopped with whatever it left running). Returns (exit status, seconds
    taken, process group id)."""
    tty = -1
    try:
        tty = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
        if os.tcgetpgrp(tty) != os.getpgrp():
            os.close(tty)
            tty = -1
    except OSError:
        tty = -1
    started = time.monotonic()
    process = subprocess.Popen(argv, process_group=0)
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTTOU})
    try:
        if tty >= 0:
            try:
                os.tcsetpgrp(tty, process.pid)
                os.killpg(process.pid, signal.SIGCONT)  # in case it read the terminal before
            except OSError:
                pass
        code = process.wait()
    finally:
        if tty >= 0:
            try:
                os.tcsetpgrp(tty, os.getpgrp())
            except OSError:
                pass
            os.close(tty)
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    return code, time.monotonic() - started, process.pid


def edit_in_editor(text: str, notes: list[str] | None = None) -> str | None:
    """Let the user edit `text` in their editor (`editor_command`).

    The text goes to a file in a private temp folder (0700, the file 0600). Returns the text
    as saved, or None when there is nothing to take: the editor failed (exit status not 0) or
    returned at once without saving (a GUI editor without its wait option: whatever it left
    running is stopped, and a line in `notes` names the fix, e.g. `EDITOR='code --wait'`).
    A file saved in another encoding (Shift_JIS, EUC-JP, UTF-16 with BOM) is decoded and
    `notes` says so. The folder is removed once the text is read; if it cannot be read, it is
    kept and `notes` says where. Raises BadInputError when no editor is found, OSError when
    the temp folder cannot be made.
    """
    notes = notes if notes is not None else []
    command = editor_command()
    folder = tempfile.mkdtemp(prefix="incident-journal-")
    name = os.path.join(folder, "message.txt")
    keep = False
    try:
        descriptor = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        before = os.stat(name)
        try:
            code, seconds, group = _run_editor([*command, name])
        except OSError as error:
            raise BadInputError(
                _("could not start the editor {command!r}: {strerror}").format(
                    command=command[0], strerror=error.strerror
                )
            ) from None
        if code != 0:
            notes.append(
                _("the editor {command!r} failed (exit status {code}); the text is unchanged").format(
                    command=command[0], code=code
                )
            )
            return None
        try:
            after = os.stat(name)
            data = safe_read.read_file(name, MAX_EDITED_BYTES, N_("the edited text"))
        except (OSError, JournalError) as error:
            keep = True
            reason = error.strerror if isinstance(error, OSError) else str(error)
            notes.append(
                _("could not read what the editor saved ({reason}); it is kept in {folder}").format(
                    reason=reason, folder=folder
                )
            )
            return None
        unchanged = (after.st_mtime_ns, after.st_size, after.st_ino) == (
            before.st_mtime_ns,
            before.st_size,
            before.st_ino,
        )
        if unchanged and seconds < EDITOR_AT_ONCE_SECONDS:
            try:
                os.killpg(group, signal.SIGTERM)  # what it left running would save into a file that is gone
            except (ProcessLookupError, PermissionError):
                pass
            notes.append(
                _(
                    "the editor {command!r} returned at once, before you could edit: {wait_hint}; the text is unchanged"
                ).format(command=command[0], wait_hint=_wait_hint(command))
            )
            return None
        edited, note = charsets.decode_user_bytes(data, "the editor saved")
        if note:
            notes.append(note)
        return edited
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
