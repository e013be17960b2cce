"""The crash loop with history on: a process saving a big incident and committing each save
is killed with SIGKILL at random moments, many of them inside the commit. After every kill
the incident file is one complete version, the next start repairs the repository (stale git
lock files removed) or moves an unreadable one aside, and bringing history up to date then
records exactly the file on disk: no incident is lost."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest

from journal import codec
from journal.history import History
from journal.model import Event
from journal.store import Store
from tests.robustness.conftest import T0, big_incident, sha
from tests.robustness.test_crash import _kill_at_random, _spawn

pytestmark = [
    pytest.mark.fault_loop,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork to start a writer cheaply"),
]


def _versions() -> list[bytes]:
    incident = big_incident("big", messages=60, body_lines=40)
    out = []
    for k in range(4):
        incident.events = [Event(at=T0, text=f"version {k} event {n}") for n in range(k + 1)]
        incident.summary = f"version {k}"
        out.append(codec.dumps(incident).encode("utf-8"))
    return out


def _writer(data_dir: Path, cache_dir: Path, versions: list[bytes], start: int, out: int) -> None:
    """Save and commit version start+1, start+2, ... forever; b"r" ready, b"b" before each."""
    try:
        store = Store(data_dir, cache_dir=cache_dir)
        history = History(data_dir)
        store.on_change = history.record
        store.ensure()
        os.write(out, b"r")
        current = start
        while True:
            following = (current + 1) % len(versions)
            incident = codec.load_bytes(versions[following])
            incident.id, incident.revision = "big", sha(versions[current])
            os.write(out, b"b")
            store.save(incident)
            os.write(out, bytes([following]))
            current = following
    finally:
        os._exit(3)


def test_sigkill_during_commits_loses_no_incident_and_the_next_start_repairs(tmp_path: Path, iterations: int) -> None:
    data_dir, cache_dir = tmp_path / "data", tmp_path / "cache"
    versions = _versions()
    hashes = [sha(v) for v in versions]
    store = Store(data_dir, cache_dir=cache_dir)
    history = History(data_dir)
    store.on_change = history.record
    first = codec.load_bytes(versions[0])
    first.id, first.revision = "big", None
    store.save(first)
    started = time.perf_counter()
    for k in (1, 2, 3, 0):
        again = codec.load_bytes(versions[k])
        again.id, again.revision = "big", hashes[(k - 1) % 4]
        store.save(again)
    window = 2 * (time.perf_counter() - started) / 4  # one save and its commit, twice over
    current = 0
    rng = random.Random(16)
    figures = {"kills": 0, "stale git locks": 0, "moved aside": 0}
    for n in range(max(20, iterations // 4)):
        child, ready = _spawn(_writer, data_dir, cache_dir, versions, current)
        _kill_at_random(child, ready, rng.uniform(0, window))
        figures["kills"] += 1
        on_disk = sha(store.path_for("big").read_bytes())
        assert on_disk in hashes, f"iteration {n}: the incident file is not a whole version"
        current = hashes.index(on_disk)
        figures["stale git locks"] += bool(history._stale_locks())
        # the next start: the store cleans its temp files, history repairs and catches up
        Store(data_dir, cache_dir=cache_dir).ensure()
        history.catch_up()
        figures["moved aside"] = len(list(data_dir.glob(".git-broken-*")))
        assert history._stale_locks() == []
        from dulwich.repo import Repo

        repo = Repo(str(data_dir))
        head_blob = History._blob_at(repo, repo.head(), "incidents/big.toml")
        assert head_blob is not None and sha(head_blob) == on_disk, f"iteration {n}: history lost the file on disk"
    versions_seen = history.versions(store, "big")
    assert len(versions_seen) > figures["kills"] // 4
    print(f"\nSIGKILL during commits ({figures['kills']} kills, window {window * 1000:.1f} ms): {figures}")
