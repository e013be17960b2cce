"""Crash at any instant: a process saving big incidents is killed with SIGKILL at random
moments. After every kill each incident file is byte-for-byte one complete version (the one
before the save under way or the one after it), no temp file is ever read as an incident,
and the temp files the kill left behind are removed when a store is next opened.

The writer is a fork of the test process running the real `Store.save` (lock, changed-on-disk
check, `atomic_write`). Only the encoding is precomputed: it is pure computation with no I/O,
and skipping it puts most kills inside the file operations, where a crash could do harm.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from journal import codec
from journal.model import Event, Incident
from journal.store import Store
from tests.robustness.conftest import T0, big_incident, sha

pytestmark = [
    pytest.mark.fault_loop,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork to start a writer cheaply"),
]

VERSIONS = 4
"""The writer cycles through this many versions of the incident (each one event longer)."""


@pytest.fixture(scope="module")
def versions() -> list[tuple[Incident, bytes]]:
    """Versions of one big incident and their bytes, each checked to load back exactly."""
    incident = big_incident("big", messages=300, body_lines=80)
    out = []
    for k in range(VERSIONS):
        incident.events = [Event(at=T0, text=f"version {k} event {n}") for n in range(k + 1)]
        incident.summary = f"version {k}"
        data = codec.dumps(incident).encode("utf-8")
        assert codec.load_bytes(data) == incident
        out.append((codec.load_bytes(data), data))
    return out


def _precomputed(store: Store, table: dict[str, bytes]) -> None:
    """Let `store.encode` look its bytes up by the incident's summary."""
    store.encode = lambda incident, path=None: table[incident.summary]  # type: ignore[method-assign]


def _writer(data_dir: Path, cache_dir: Path, versions: list[tuple[Incident, bytes]], start: int, out: int) -> None:
    """Save version start+1, start+2, ... forever, reporting on `out`: b"r" ready, b"b"
    before each save, then the number of the version saved."""
    try:
        store = Store(data_dir, cache_dir=cache_dir)
        _precomputed(store, {inc.summary: data for inc, data in versions})
        store.ensure()
        os.write(out, b"r")
        current = start
        while True:
            following = (current + 1) % len(versions)
            incident = versions[following][0]
            incident.revision = sha(versions[current][1])
            os.write(out, b"b")
            store.save(incident)
            os.write(out, bytes([following]))
            current = following
    finally:
        os._exit(3)


def _kill_at_random(child: int, ready: int, delay: float) -> bytes:
    """Wait for the child to be ready, let it run `delay` seconds, SIGKILL it, return its reports."""
    assert os.read(ready, 1) == b"r"
    until = time.perf_counter() + delay
    while time.perf_counter() < until:
        pass
    os.kill(child, signal.SIGKILL)
    _, status = os.waitpid(child, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"the writer stopped on its own ({status})"
    reports = b""
    while chunk := os.read(ready, 65536):
        reports += chunk
    os.close(ready)
    return reports


def _spawn(target, *args) -> tuple[int, int]:
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read_end)
        target(*args, write_end)
    os.close(write_end)
    return child, read_end


def _save_time(store: Store, versions: list[tuple[Incident, bytes]]) -> float:
    """Seconds one save takes here (median of a few), to spread the kills over a save."""
    _precomputed(store, {inc.summary: data for inc, data in versions})
    times = []
    for k in range(1, 6):
        incident = versions[k % VERSIONS][0]
        incident.revision = sha(versions[(k - 1) % VERSIONS][1])
        started = time.perf_counter()
        store.save(incident)
        times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2]


def test_sigkill_while_saving_leaves_old_or_new_version(
    tmp_path: Path, versions: list[tuple[Incident, bytes]], iterations: int
) -> None:
    data_dir, cache_dir = tmp_path / "data", tmp_path / "cache"
    store = Store(data_dir, cache_dir=cache_dir)
    store.ensure()
    path = store.path_for("big")
    incident = versions[0][0]
    incident.revision = None
    _precomputed(store, {inc.summary: data for inc, data in versions})
    store.save(incident)
    window = 3 * _save_time(store, versions)  # ends on version 5 % 4 = 1
    hashes = [sha(data) for _, data in versions]
    current = hashes.index(sha(path.read_bytes()))
    rng = random.Random(20261120)
    figures = {"kills": 0, "inside a save": 0, "new version on disk": 0, "temp files left": 0, "scans": 0}

    for n in range(iterations):
        child, ready = _spawn(_writer, data_dir, cache_dir, versions, current)
        reports = _kill_at_random(child, ready, rng.uniform(0, window))
        figures["kills"] += 1
        saved = [b for b in reports if b < VERSIONS]
        last = saved[-1] if saved else current
        inside = reports.endswith(b"b")
        on_disk = sha(path.read_bytes())
        allowed = {hashes[last]}
        if inside:
            figures["inside a save"] += 1
            allowed.add(hashes[(last + 1) % VERSIONS])
        assert on_disk in allowed, f"iteration {n}: the file is neither the old nor the new version"
        if on_disk != hashes[last]:
            figures["new version on disk"] += 1
        current = hashes.index(on_disk)

        leftovers = store.temp_files()
        names = sorted(os.listdir(store.incidents_dir))
        assert names == sorted(["big.toml", *(p.name for p in leftovers)]), names
        assert store.ids() == ["big"]
        if leftovers:
            figures["temp files left"] += 1
            if figures["scans"] < 10:  # a scan re-reads the whole file; a sample is enough
                figures["scans"] += 1
                summaries, problems = store.scan()
                assert [s.id for s in summaries] == ["big"] and problems == []

        fresh = Store(data_dir, cache_dir=cache_dir)
        fresh.ensure()  # the next start removes what the kill left behind
        assert fresh.temp_files() == []
        if n % 50 == 0:
            assert fresh.load("big") == versions[current][0]

    print(f"\nSIGKILL loop ({iterations} iterations, save takes {window / 3 * 1000:.1f} ms): {figures}")
    assert figures["inside a save"] > iterations // 4, f"too few kills landed inside a save: {figures}"


def _creator(data_dir: Path, cache_dir: Path, data: bytes, prefix: str, out: int) -> None:
    """Create incidents `<prefix>-0`, `<prefix>-1`, ... forever (same big content), reporting
    b"r" ready, b"b" before each create and b"k" after."""
    try:
        store = Store(data_dir, cache_dir=cache_dir)
        store.encode = lambda incident, path=None: data  # type: ignore[method-assign]
        store.ensure()
        os.write(out, b"r")
        for j in range(1_000_000):
            incident = Incident(id=f"{prefix}-{j}", title="t", kind="other", opened_at=T0)
            os.write(out, b"b")
            store.save(incident)  # revision None: create, refusing to overwrite
            os.write(out, b"k")
    finally:
        os._exit(3)


def test_sigkill_while_creating_leaves_no_file_or_a_whole_one(
    tmp_path: Path, versions: list[tuple[Incident, bytes]], iterations: int
) -> None:
    data_dir, cache_dir = tmp_path / "data", tmp_path / "cache"
    store = Store(data_dir, cache_dir=cache_dir)
    store.ensure()
    data = versions[0][1]
    _precomputed(store, {versions[0][0].summary: data})
    started = time.perf_counter()
    store.save(Incident(id="calibrate", title="t", kind="other", opened_at=T0, summary=versions[0][0].summary))
    window = 3 * (time.perf_counter() - started)
    store.path_for("calibrate").unlink()
    rng = random.Random(11)
    half_made = 0
    for n in range(max(20, iterations // 4)):
        prefix = f"c{n}"
        child, ready = _spawn(_creator, data_dir, cache_dir, data, prefix)
        reports = _kill_at_random(child, ready, rng.uniform(0, window))
        made = reports.count(b"k")
        for j in range(made):
            assert store.path_for(f"{prefix}-{j}").read_bytes() == data
        maybe = store.path_for(f"{prefix}-{made}")
        if reports.endswith(b"b") and maybe.exists():
            assert maybe.read_bytes() == data, f"iteration {n}: a half-written new file"
        elif not reports.endswith(b"b"):
            assert not maybe.exists()
        half_made += reports.endswith(b"b")
        fresh = Store(data_dir, cache_dir=cache_dir)
        fresh.ensure()
        assert fresh.temp_files() == []
        for name in os.listdir(store.incidents_dir):  # keep the folder small
            os.unlink(store.incidents_dir / name)
    print(f"\nSIGKILL while creating: {half_made} kills inside a create")


def test_sigkill_of_the_real_command(tmp_path: Path, iterations: int) -> None:
    """The installed command, killed while it adds a long pasted message to a big incident:
    the file is the old version or the old one plus the whole message, never anything else."""
    import subprocess
    import sys

    data_dir = tmp_path / "data"
    store = Store(data_dir, cache_dir=tmp_path / "cache")
    incident = big_incident("real", messages=100, body_lines=80)
    incident.revision = None
    store.save(incident)
    path = store.path_for("real")
    body = "A pasted notice, kept verbatim.\r\n" * 15_000  # about 0.5 MB
    rng = random.Random(7)
    outcomes = {"old": 0, "new": 0}
    root = Path(__file__).resolve().parents[2]

    def start(subject: str) -> subprocess.Popen[bytes]:
        writer = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "journal",
                "--data-dir",
                str(data_dir),
                "add-message",
                "real",
                "--subject",
                subject,
                "--sender",
                "x",
            ],
            cwd=root,
            stdin=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert writer.stdin is not None
        writer.stdin.write(body.encode())
        writer.stdin.close()
        return writer

    started = time.monotonic()
    assert start("calibrate").wait() == 0
    whole = time.monotonic() - started  # kills spread around the end of a run, where it writes
    for n in range(max(5, iterations // 25)):
        before = path.read_bytes()
        count = len(codec.load_bytes(before).messages)
        writer = start(f"s{n}")
        time.sleep(rng.uniform(whole / 2, whole * 1.5))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        after = path.read_bytes()
        if after == before:
            outcomes["old"] += 1
            continue
        again = codec.load_bytes(after)  # parses as a whole incident
        assert len(again.messages) == count + 1
        assert again.messages[-1].subject == f"s{n}" and again.messages[-1].body == body
        outcomes["new"] += 1
    fresh = Store(data_dir, cache_dir=tmp_path / "cache")
    fresh.ensure()
    assert fresh.temp_files() == []
    print(f"\nthe real command ({whole:.2f} s a run) killed {sum(outcomes.values())} times: {outcomes}")


def test_start_up_cleanup_never_removes_the_temp_file_of_a_save_under_way(
    tmp_path: Path, versions: list[tuple[Incident, bytes]], iterations: int
) -> None:
    """Starting the app (or a command) while another process saves: the temp-file cleanup
    waits for nobody and removes nothing of a write under way (it only runs with the lock)."""
    data_dir, cache_dir = tmp_path / "data", tmp_path / "cache"
    store = Store(data_dir, cache_dir=cache_dir)
    store.ensure()
    incident = versions[0][0]
    incident.revision = None
    _precomputed(store, {inc.summary: data for inc, data in versions})
    store.save(incident)
    child, ready = _spawn(_writer, data_dir, cache_dir, versions, 0)
    assert os.read(ready, 1) == b"r"
    starts = max(50, iterations)
    rng = random.Random(3)
    for _ in range(starts):
        Store(data_dir, cache_dir=cache_dir).ensure()
        time.sleep(rng.uniform(0, 0.004))
    os.kill(child, signal.SIGKILL)
    _, status = os.waitpid(child, 0)
    assert os.WIFSIGNALED(status), f"the writer failed while others started ({status})"
    reports = b""
    while chunk := os.read(ready, 65536):
        reports += chunk
    os.close(ready)
    saves = sum(1 for b in reports if b < VERSIONS)
    assert saves > 0
    print(f"\n{starts} start-ups during {saves} saves of another process")
