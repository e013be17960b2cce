"""History: the data folder is a git repository, and every change the app makes is a commit.

The store's atomic write stays the source of truth: a commit is made only after a write
succeeded, and a commit that fails never fails or undoes the save (the caller shows one
line). The repository is plain git (dulwich writes it; `git log` reads it). The cache lives
outside the data folder; drafts, the trash, the undo log, exports and lock files are kept out
by a `.gitignore` written when the repository is created. Attachments are in it.

Commits are serialised by a lock of their own (`<data folder>/.history.lock`), so a commit
never holds the journal's write lock. A process killed during a commit can leave git's own
lock files (`index.lock`, `refs/heads/main.lock`) behind: `repair` removes them under that
lock, and a repository that cannot be read at all is moved aside (`.git-broken-<time>`) and
started again, so no save is ever blocked by history. Files the commit never reached are
picked up by the next `catch_up`.

Why about 430 lines: committing, repairing, catching up and reading versions back all follow
one lock discipline over one repository; apart, a change to one could break that discipline
unseen. Restoring a version into the store is `journal.undo`'s and the screens' business.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from journal import changes, paths
from journal.atomic import atomic_write, flock_within
from journal.errors import BadInputError, JournalError, NotFoundError
from journal.i18n import _
from journal.store import Change, Store

if TYPE_CHECKING:
    from dulwich.objects import Blob, Commit, ObjectID
    from dulwich.refs import Ref
    from dulwich.repo import Repo

    from journal.model import Incident, Message, SupportRequest

GITIGNORE = """\
# Written by Incident Journal: what its history (git) leaves out.
.lock
.history.lock
*.tmp
/drafts/
/trash/
/undo/
/exports/
/.git-broken-*/
"""
AUTHOR = b"Incident Journal <incident-journal@localhost>"
# dulwich names refs with a NewType of bytes; a cast (not `Ref(...)`) keeps dulwich from being
# imported when this module is (the app opens history only when it first commits).
HEAD = cast("Ref", b"HEAD")
BRANCH = cast("Ref", b"refs/heads/main")
LOCK_TIMEOUT = 30.0
"""Seconds a commit waits for another one before giving up (it is then made next time)."""
ENABLED_BY_DEFAULT = True
"""History is on unless the config says `history = false`."""


class HistoryError(JournalError):
    """History could not be read or written (the incident files are not affected)."""


@dataclass(frozen=True)
class Version:
    """One commit that changed an incident's file."""

    rev: str
    """The commit id (40 hex digits); any unique prefix of 4 or more names it."""
    at: datetime
    """When it was committed (UTC)."""
    message: str
    """What changed, in one line."""
    exists: bool
    """False when the commit deleted the incident (moved it to the trash)."""

    @property
    def short(self) -> str:
        """The first 10 hex digits of the commit id."""
        return self.rev[:10]


def enabled(config_data: dict[str, object]) -> bool:
    """False only when the config's `history` key is false."""
    value = config_data.get("history", ENABLED_BY_DEFAULT)
    return value if isinstance(value, bool) else ENABLED_BY_DEFAULT


@contextlib.contextmanager
def _private_umask() -> Iterator[None]:
    """Files git writes are 0600 and folders 0700 (the data folder holds personal data)."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


class History:
    """The git history of one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.git_dir = self.data_dir / ".git"
        self.open_problem: HistoryError | None = None
        """Set by the last `_open` when it had to move a broken repository aside."""

    # ------------------------------------------------------------------ the repository

    def exists(self) -> bool:
        """True once the repository was created."""
        return (self.git_dir / "HEAD").is_file()

    @contextlib.contextmanager
    def lock(self, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
        """Hold the history lock (flock on `<data folder>/.history.lock`)."""
        paths.ensure_private_dir(self.data_dir)
        fd = os.open(self.data_dir / ".history.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
        try:
            flock_within(
                fd, timeout, lambda: HistoryError(f"{self.git_dir}: " + _("another commit is under way; try again"))
            )
            yield
        finally:
            os.close(fd)

    def _stale_locks(self) -> list[Path]:
        if not self.git_dir.is_dir():
            return []
        found = [
            p for p in (self.git_dir / "index.lock", self.git_dir / "HEAD.lock", self.git_dir / "packed-refs.lock")
        ]
        refs = self.git_dir / "refs"
        if refs.is_dir():
            found.extend(
                Path(root) / name for root, _, files in os.walk(refs) for name in files if name.endswith(".lock")
            )
        return [p for p in found if os.path.lexists(p)]

    def _open(self) -> Repo:
        """The repository, created on first use, with stale git lock files removed and a
        repository that cannot be read moved aside (`open_problem` then says so). Call
        under `lock()`."""
        from dulwich.repo import Repo

        self.open_problem = None
        with _private_umask():
            if not self.exists():
                if self.git_dir.exists() or self.git_dir.is_symlink():
                    self._move_aside()
                repo = Repo.init(str(self.data_dir))
                repo.refs.set_symbolic_ref(HEAD, BRANCH)
                if not (self.data_dir / ".gitignore").exists():
                    atomic_write(self.data_dir / ".gitignore", GITIGNORE.encode())
                return repo
            for stale in self._stale_locks():  # we hold the history lock: nobody else commits
                with contextlib.suppress(OSError):
                    os.unlink(stale)
            try:
                repo = Repo(str(self.data_dir))
                head = repo.refs.read_ref(HEAD)
                if head is not None and not head.startswith(b"ref: "):
                    repo[head]  # a detached HEAD must at least point at a commit
                elif repo.refs.read_ref(BRANCH) is not None:
                    repo[repo.refs[BRANCH]]
                repo.open_index()
            except Exception as error:  # a repository a crash (or a person) broke
                moved = self._move_aside()
                repo = Repo.init(str(self.data_dir))
                repo.refs.set_symbolic_ref(HEAD, BRANCH)
                raise_later = HistoryError(
                    f"{self.git_dir}: "
                    + _("could not be read ({error}); moved to {moved}; a new history starts").format(
                        error=error, moved=moved
                    )
                )
                self.open_problem = raise_later  # told once by the caller
            return repo

    def _move_aside(self) -> Path:
        target = self.data_dir / f".git-broken-{time.strftime('%Y%m%dT%H%M%S')}"
        os.replace(self.git_dir, target)
        return target

    def _head(self, repo: Repo) -> ObjectID | None:
        try:
            return repo.refs[HEAD]
        except KeyError:
            return None

    def _commit(self, repo: Repo, message: str, merge_heads: Sequence[ObjectID] = ()) -> str | None:
        """Commit the index if it differs from HEAD (or merges); returns the id or None."""
        from dulwich.index import commit_index

        worktree = repo.get_worktree()
        index = repo.open_index()
        tree = commit_index(repo.object_store, index)
        head = self._head(repo)
        if head is not None and not merge_heads and _commit_object(repo, head).tree == tree:
            return None
        now = time.time()
        offset = -time.timezone if not time.localtime(now).tm_isdst else -time.altzone
        commit_id = worktree.commit(
            message=message.encode("utf-8") + b"\n",
            committer=AUTHOR,
            author=AUTHOR,
            commit_timestamp=now,
            commit_timezone=offset,
            author_timestamp=now,
            author_timezone=offset,
            merge_heads=list(merge_heads) or None,
            no_verify=True,
        )
        index_file = self.git_dir / "index"
        with contextlib.suppress(OSError):
            if os.lstat(index_file).st_mode & 0o077:  # dulwich writes it 0644 whatever the umask
                os.chmod(index_file, 0o600)
        return commit_id.decode()

    # ------------------------------------------------------------------ writing

    def record(self, change: Change) -> str | None:
        """Commit the files of one change with a line saying what changed. Returns the commit
        id, or None when nothing changed. Raises HistoryError (the save itself stands)."""
        rels = [self._relative(p) for p in change.paths]
        try:
            with self.lock(), _private_umask():
                new = not self.exists()
                repo = self._open()
                problem = self.open_problem
                if new or problem is not None:
                    self.catch_up_locked(repo, _("History started: the journal as it was"), leave_out=rels)
                message = change.label or self._describe(repo, change, rels)
                repo.get_worktree().stage(rels + self._new_attachments(repo, rels))
                made = self._commit(repo, message)
                if problem is not None:
                    raise problem
                return made
        except HistoryError:
            raise
        except Exception as error:
            raise HistoryError(
                f"{self.git_dir}: " + _("the change was saved but not added to history: {error}").format(error=error)
            ) from None

    def _new_attachments(self, repo: Repo, rels: list[str]) -> list[str]:
        """Files kept in `attachments/` that the changed incidents name and history lacks."""
        index = repo.open_index()
        found = []
        for rel in rels:
            incident = changes.parse(self._read(rel))
            if incident is None:
                continue
            holders: list[Message | SupportRequest] = [*incident.messages, *incident.requests]
            for holder in holders:
                for item in holder.attachments:
                    parts = Path(item.path).parts
                    if parts[:1] == ("attachments",) and ".." not in parts and item.path.encode() not in index:
                        if (self.data_dir / item.path).is_file():
                            found.append(item.path)
        return found

    def _read(self, rel: str) -> bytes | None:
        try:
            fd = os.open(self.data_dir / rel, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            return None
        with open(fd, "rb") as handle:
            return handle.read()

    def _relative(self, path: Path) -> str:
        return os.path.relpath(Path(path), self.data_dir)

    def _describe(self, repo: Repo, change: Change, rels: list[str]) -> str:
        if change.action == "conflict-copy":
            return f"{change.incident_id}: kept the other version as {Path(rels[0]).name}"
        before = self._blob_at(repo, self._head(repo), rels[0])
        after = None if change.action == "delete" else self._read(rels[0])
        return changes.describe(change.incident_id, before, after)

    def catch_up(self, message: str = "Recorded changes made outside Incident Journal") -> str | None:
        """Commit every change in the data folder not yet in history (files edited by hand,
        a commit a crash cut short). Returns the commit id or None when there was nothing."""
        try:
            with self.lock(), _private_umask():
                return self.catch_up_locked(self._open(), message)
        except HistoryError:
            raise
        except Exception as error:
            raise HistoryError(
                f"{self.git_dir}: " + _("could not bring history up to date: {error}").format(error=error)
            ) from None

    def catch_up_locked(
        self, repo: Repo, message: str = "Recorded changes made outside Incident Journal", leave_out: Sequence[str] = ()
    ) -> str | None:
        """`catch_up` for a caller that already holds the lock and the open repository;
        the files in `leave_out` (relative paths) are not staged."""
        from dulwich import porcelain

        status = porcelain.status(repo, untracked_files="normal")
        todo = {os.fsdecode(p) for p in status.unstaged}
        todo.update(os.fsdecode(p).rstrip("/") for p in status.untracked)
        for group in status.staged.values():
            todo.update(os.fsdecode(p) for p in group)
        todo = {p for p in todo if not p.startswith(".git/") and p not in leave_out}
        if not todo:
            return None
        repo.get_worktree().stage(sorted(todo))
        return self._commit(repo, message)

    # ------------------------------------------------------------------ reading

    def _repo_for_reading(self) -> Repo:
        from dulwich.repo import Repo

        if not self.exists():
            raise HistoryError(f"{self.data_dir}: " + _("has no history yet (it starts with the next change)"))
        try:
            return Repo(str(self.data_dir))
        except Exception as error:
            raise HistoryError(f"{self.git_dir}: " + _("could not be read: {error}").format(error=error)) from None

    @staticmethod
    def _blob_at(repo: Repo, commit_id: ObjectID | None, rel: str) -> bytes | None:
        if commit_id is None:
            return None
        from dulwich.object_store import tree_lookup_path

        try:
            mode, sha = tree_lookup_path(repo.__getitem__, _commit_object(repo, commit_id).tree, rel.encode())
        except KeyError:
            return None
        if not stat.S_ISREG(mode):
            return None
        return cast("Blob", repo[sha]).data  # a regular file's entry names a blob

    def versions(self, store: Store, incident_id: str) -> list[Version]:
        """Every commit that changed an incident's file, newest first."""
        rel = self._relative(store.path_for(incident_id))
        repo = self._repo_for_reading()
        head = self._head(repo)
        if head is None:
            return []
        out = []
        for entry in repo.get_walker(include=[head], paths=[rel.encode()]):
            commit = entry.commit
            exists = self._blob_at(repo, commit.id, rel) is not None
            message = commit.message.decode("utf-8", "replace").strip().splitlines()
            out.append(
                Version(
                    commit.id.decode(),
                    datetime.fromtimestamp(commit.commit_time, UTC),
                    message[0] if message else "",
                    exists,
                )
            )
        return out

    def resolve(self, store: Store, incident_id: str, rev: str) -> Version:
        """The version of an incident named by a commit id or a unique prefix of it (4+ hex
        digits). Raises BadInputError for a bad name, NotFoundError when no commit of this
        incident matches."""
        rev = rev.strip().lower()
        if len(rev) < 4 or any(c not in "0123456789abcdef" for c in rev):
            raise BadInputError(
                _("{rev!r} is not a version: give at least 4 hex digits from `history {incident_id}`").format(
                    rev=rev, incident_id=incident_id
                )
            )
        found = [v for v in self.versions(store, incident_id) if v.rev.startswith(rev)]
        if not found:
            raise NotFoundError(
                f"{incident_id}: "
                + _("no version {rev} in its history (see `history {incident_id}`)").format(
                    rev=rev, incident_id=incident_id
                )
            )
        if len(found) > 1:
            raise BadInputError(
                _("{rev!r} names {count} versions of {incident_id}; give more digits").format(
                    rev=rev, count=len(found), incident_id=incident_id
                )
            )
        return found[0]

    def read_version(self, store: Store, incident_id: str, rev: str) -> tuple[Version, bytes]:
        """The bytes of an incident's file as it was at a version. Raises NotFoundError when
        the incident did not exist in that version (it was deleted there)."""
        version = self.resolve(store, incident_id, rev)
        repo = self._repo_for_reading()
        data = self._blob_at(repo, cast("ObjectID", version.rev.encode()), self._relative(store.path_for(incident_id)))
        if data is None:
            raise NotFoundError(
                f"{incident_id}: "
                + _("was deleted in version {short}; pick an earlier one").format(short=version.short)
            )
        return version, data


def restore(store: Store, history: History, incident_id: str, rev: str) -> Incident:
    """Bring an incident back as it was at a version, as a new change (nothing in history is
    rewritten). Works for a deleted incident too (it is recreated under its id). Returns the
    incident saved."""
    from journal import codec

    version, data = history.read_version(store, incident_id, rev)
    incident = codec.load_bytes(data, f"{incident_id} at {version.short}")
    incident.id = incident_id
    try:
        incident.revision = store.load(incident_id).revision
    except NotFoundError:
        incident.revision = None
    when = version.at.astimezone().strftime("%Y-%m-%d %H:%M")
    label = f"{incident.title}: restored the version of {when} ({version.short})"
    return store.save(incident, label=label)


def _commit_object(repo: Repo, commit_id: ObjectID) -> Commit:
    """The commit an id names: dulwich types `repo[id]` as any object, and the ids given here
    are HEAD's or a walker's, which name commits."""
    return cast("Commit", repo[commit_id])
