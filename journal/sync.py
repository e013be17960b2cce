"""A second machine: `sync [REMOTE]` pulls and pushes the history to a git remote the user
controls (an SSH URL such as `git@host:me/journal.git`, or a folder on a USB stick or a mounted
drive; a missing or empty folder becomes a bare repository). No network is used except here,
and only to that remote.

The merge works file by file against the last version both sides had (the merge base):
a file changed on one side only takes that side; a file changed on both sides keeps this
machine's version and writes the other one beside it as `<id>.conflict-<time>.toml` (as the
store does for any conflict), so nothing is ever overwritten; a file deleted on one side and
changed on the other is kept. Files are written atomically under the journal's lock, and the
result is one merge commit that is then pushed.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from journal import clock
from journal.atomic import atomic_write
from journal.errors import BadInputError, JournalError
from journal.history import BRANCH, HEAD, History, HistoryError, _commit_object, _private_umask
from journal.i18n import _
from journal.ids import conflict_copy_of
from journal.store import Store

if TYPE_CHECKING:
    from dulwich.objects import Blob, ObjectID
    from dulwich.refs import Ref
    from dulwich.repo import Repo

REMOTE_REF = cast("Ref", b"refs/remotes/sync/main")  # a NewType of bytes (see history.BRANCH)


@dataclass
class SyncResult:
    """What a sync did."""

    remote: str
    taken: list[str] = field(default_factory=list)
    """Files that came from the remote (relative to the data folder)."""
    conflicts: list[Path] = field(default_factory=list)
    """Versions from the remote kept beside this machine's (`<id>.conflict-<time>.toml`)."""
    pushed: bool = False


def remote_for(given: str | None, config_data: dict[str, object]) -> str:
    """The remote to use: `given`, else the config's `remote`. Raises BadInputError when
    neither is set. A folder path is made absolute; an SSH or https URL is kept as written."""
    remote = given or config_data.get("remote")
    if not isinstance(remote, str) or not remote.strip():
        raise BadInputError(
            _('no remote: give one (`sync /media/usb/journal.git`) or set remote = "..." in the config')
        )
    remote = remote.strip()
    if re.match(r"^[a-z][a-z0-9+.-]*://", remote) or re.match(r"^[^/]+@[^/:]+:", remote):
        return remote
    folder = Path(remote).expanduser().absolute()
    _prepare_folder(folder)
    return str(folder)


def _prepare_folder(folder: Path) -> None:
    """A folder remote that does not exist yet (or is empty) becomes a bare repository."""
    from dulwich.repo import Repo

    if folder.exists() and not folder.is_dir():
        raise BadInputError(f"{folder}: " + _("is not a folder"))
    if folder.is_dir() and any(folder.iterdir()):
        if not (folder / "HEAD").is_file() and not (folder / ".git").exists():
            raise BadInputError(f"{folder}: " + _("is not empty and not a git repository; give an empty folder"))
        return
    with _private_umask():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        repo = Repo.init_bare(str(folder))
        repo.refs.set_symbolic_ref(HEAD, BRANCH)


def _tree_files(repo: Repo, commit_id: ObjectID | None) -> dict[bytes, ObjectID]:
    """Path -> blob id of every file in a commit's tree."""
    if commit_id is None:
        return {}
    return {
        entry.path: entry.sha for entry in repo.object_store.iter_tree_contents(_commit_object(repo, commit_id).tree)
    }


def _is_ancestor(repo: Repo, ancestor: ObjectID, of: ObjectID) -> bool:
    from dulwich.graph import find_merge_base

    return find_merge_base(repo, [ancestor, of]) == [ancestor]


def sync(store: Store, remote: str) -> SyncResult:
    """Pull the remote's history, merge it into the data folder and push the result.
    Raises HistoryError with one line when the remote cannot be reached or written."""
    from dulwich import porcelain

    history = History(store.data_dir)
    history.catch_up("Recorded changes before a sync")
    result = SyncResult(remote)
    quiet = io.BytesIO()
    with history.lock(), _private_umask():
        repo = history._open()
        try:
            fetched = porcelain.fetch(repo, remote, outstream=io.StringIO(), errstream=quiet, quiet=True)
        except Exception as error:
            raise HistoryError(
                f"{remote}: " + _("could not fetch: {reason}").format(reason=_reason(error, quiet))
            ) from None
        theirs = fetched.refs.get(BRANCH)
        ours = history._head(repo)
        if theirs is not None and theirs != ours:
            repo.refs[REMOTE_REF] = theirs
            if ours is None or _is_ancestor(repo, ours, theirs):
                _take_all(store, history, repo, ours, theirs, result)
                repo.refs[BRANCH] = theirs
            elif not _is_ancestor(repo, theirs, ours):
                _merge(store, history, repo, ours, theirs, result)
        head = history._head(repo)
        if head is not None and head != theirs:
            try:
                porcelain.push(repo, remote, [BRANCH], outstream=quiet, errstream=quiet)
            except Exception as error:
                raise HistoryError(
                    f"{remote}: " + _("could not push: {reason}").format(reason=_reason(error, quiet))
                ) from None
            result.pushed = True
    return result


def _reason(error: Exception, stream: io.BytesIO) -> str:
    said = stream.getvalue().decode("utf-8", "replace").strip().splitlines()
    return f"{error}" + (f" ({said[-1]})" if said else "")


def _write(store: Store, history: History, repo: Repo, rel: bytes, blob: ObjectID | None) -> None:
    """Put one file of the working tree as in the blob (None: remove it), atomically."""
    target = history.data_dir / os.fsdecode(rel)
    parts = Path(os.fsdecode(rel)).parts
    if ".." in parts or parts[0] == ".git":
        raise HistoryError(
            f"{history.data_dir}: "
            + _("the remote names a file outside the journal ({fsdecode!r})").format(fsdecode=os.fsdecode(rel))
        )
    if blob is None:
        if target.is_file() and not target.is_symlink():
            target.unlink()
        return
    for depth in range(1, len(parts)):
        folder = history.data_dir.joinpath(*parts[:depth])
        folder.mkdir(mode=0o700, exist_ok=True)
    atomic_write(target, cast("Blob", repo[blob]).data)  # a file's tree entry names a blob


def _take_all(
    store: Store, history: History, repo: Repo, ours: ObjectID | None, theirs: ObjectID, result: SyncResult
) -> None:
    """Fast-forward: the remote has everything this machine has, and more."""
    old, new = _tree_files(repo, ours), _tree_files(repo, theirs)
    changed = sorted(p for p in set(old) | set(new) if old.get(p) != new.get(p))
    with store.lock():
        for rel in changed:
            _write(store, history, repo, rel, new.get(rel))
        repo.get_worktree().stage([os.fsdecode(p) for p in changed])
    result.taken = [os.fsdecode(p) for p in changed]


def _merge(store: Store, history: History, repo: Repo, ours: ObjectID, theirs: ObjectID, result: SyncResult) -> None:
    from dulwich.graph import find_merge_base

    bases = find_merge_base(repo, [ours, theirs])
    base = _tree_files(repo, bases[0] if bases else None)
    mine, other = _tree_files(repo, ours), _tree_files(repo, theirs)
    staged: list[str] = []
    stamp = clock.now().strftime("%Y%m%dT%H%M%S")
    with store.lock():
        for rel in sorted(set(base) | set(mine) | set(other)):
            b, o, t = base.get(rel), mine.get(rel), other.get(rel)
            if o == t or t == b:
                continue  # same on both sides, or only this machine changed it
            if o == b or o is None and t is not None and b is not None:
                _write(store, history, repo, rel, t)  # only the remote changed it (or changed what we deleted)
                result.taken.append(os.fsdecode(rel))
                staged.append(os.fsdecode(rel))
            elif t is None:
                continue  # deleted there, changed here: this machine's version stays
            else:
                kept = _conflict_name(history, rel, stamp)
                _write(store, history, repo, os.fsencode(os.path.relpath(kept, history.data_dir)), t)
                result.conflicts.append(kept)
                staged.append(os.path.relpath(kept, history.data_dir))
        repo.get_worktree().stage(staged)
    taken = f"took {len(result.taken)} change(s)"
    kept_note = f"; kept {len(result.conflicts)} other version(s) beside ours" if result.conflicts else ""
    made = history._commit(repo, f"Synced with {result.remote}: {taken}{kept_note}", merge_heads=[theirs])
    if made is None:
        raise HistoryError(f"{history.git_dir}: " + _("the merge could not be committed"))


def _conflict_name(history: History, rel: bytes, stamp: str) -> Path:
    """Where the remote's version of a file changed on both sides goes."""
    path = history.data_dir / os.fsdecode(rel)
    stem, suffix = (path.stem, path.suffix) if not conflict_copy_of(path.name) else (path.name, "")
    target = path.with_name(f"{stem}.conflict-{stamp}{suffix}")
    number = 2
    while os.path.lexists(target):
        target = path.with_name(f"{stem}.conflict-{stamp}-{number}{suffix}")
        number += 1
    return target


__all__ = ["JournalError", "SyncResult", "remote_for", "sync"]
