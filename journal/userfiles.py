"""Files the user points at: attachments to describe by their content, and a text edited in
the user's `$EDITOR` through a private temp file. No terminal UI here; the caller suspends
its screen around `edit_in_editor`."""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from journal.errors import BadInputError, StoreError
from journal.model import Attachment

DEFAULT_EDITORS = ("editor", "nano", "vi")


def describe_attachment(path: str) -> Attachment:
    """An attachment for the file at `path` (`~` expanded), with its size and SHA-256.
    The path is kept as the user typed it. Raises BadInputError if it is not a readable file."""
    where = Path(path).expanduser()
    if not where.is_file():
        raise BadInputError(f"{path}: no such file to attach")
    digest = hashlib.sha256()
    size = 0
    try:
        with open(where, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
    except OSError as error:
        raise StoreError.from_os_error(where, error, "read the file to attach") from None
    return Attachment(path=path, sha256=digest.hexdigest(), size=size)


def editor_command() -> list[str]:
    """The editor to run: $VISUAL, $EDITOR, or the first of DEFAULT_EDITORS found."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    for candidate in DEFAULT_EDITORS:
        if shutil.which(candidate):
            return [candidate]
    raise BadInputError("no editor found: set $EDITOR (for example EDITOR=nano)")


def edit_in_editor(text: str) -> str | None:
    """Let the user edit `text` in their editor; returns the new text, or None if the
    editor failed (exit status not 0). The temp file is private (0600) and removed after."""
    command = editor_command()
    fd, name = tempfile.mkstemp(prefix="incident-journal-", suffix=".txt")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        done = subprocess.run([*command, name], check=False)
        if done.returncode != 0:
            return None
        with open(name, encoding="utf-8", newline="") as handle:
            return handle.read()
    finally:
        os.unlink(name)
