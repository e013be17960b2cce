"""Who else can see the journal: a check of the data folder's permissions and owners.

The store writes files 0600 and folders 0700 whatever the umask, but files copied in by
hand, a restored backup or a folder shared with another account can still be open to
others. `check` names each such entry in one line, with the command that fixes it; the
command line prints them as warnings at start-up and the UI shows them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from journal.i18n import _

MAX_ENTRIES = 100_000
"""Stop looking after this many entries, so a huge folder never slows a start-up much."""


def _describe(path: str, info: os.stat_result, uid: int) -> str | None:
    mode = stat.S_IMODE(info.st_mode)
    is_dir = stat.S_ISDIR(info.st_mode)
    if stat.S_ISLNK(info.st_mode):
        return f"{path}: " + _("is a symbolic link; Incident Journal does not follow links in its data folder")
    if info.st_uid != uid:
        return f"{path}: " + _("owned by another user (uid {uid}); other accounts may read or change it").format(
            uid=info.st_uid
        )
    if not is_dir and not stat.S_ISREG(info.st_mode):
        return None  # a FIFO or device is refused where it is read, never opened; chmod would not help
    if mode & 0o077:
        fix = f"chmod {'700' if is_dir else '600'} '{path}'"
        if mode & 0o044:
            text = _("can be read by other users (mode {mode}); fix with: {fix}")
        elif mode & 0o022:
            text = _("can be changed by other users (mode {mode}); fix with: {fix}")
        else:
            text = _("can be opened by other users (mode {mode}); fix with: {fix}")
        return f"{path}: " + text.format(mode=f"{mode:04o}", fix=fix)
    return None


def check(data_dir: str | os.PathLike[str]) -> list[str]:
    """One line per entry of the data folder that others can read or change, that belongs
    to another user, or that is a symbolic link inside it. Never follows links (the data
    folder itself may be one). An empty list when all is private or the folder is missing."""
    root = Path(data_dir)
    uid = os.geteuid()
    try:
        info = os.stat(root)
    except FileNotFoundError:
        return []
    except OSError as error:
        return [f"{root}: cannot be checked: {error.strerror or error}"]
    warnings = []
    found = _describe(str(root), info, uid)
    if found:
        warnings.append(found)
    pending = [str(root)] if stat.S_ISDIR(info.st_mode) else []
    seen = 0
    while pending and seen < MAX_ENTRIES:
        folder = pending.pop()
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError as error:
            warnings.append(f"{folder}: " + _("cannot be checked: {value}").format(value=error.strerror or error))
            continue
        seen += len(listed)
        for entry in listed:
            try:
                entry_info = entry.stat(follow_symlinks=False)
            except OSError:
                continue  # removed while we looked
            mode = entry_info.st_mode
            if mode & 0o077 or entry_info.st_uid != uid or stat.S_ISLNK(mode):
                described = _describe(entry.path, entry_info, uid)
                if described:
                    warnings.append(described)
            if stat.S_ISDIR(mode):  # never a link: lstat
                pending.append(entry.path)
    return sorted(warnings)
