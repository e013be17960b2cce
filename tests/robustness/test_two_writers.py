"""Two writers: processes adding events to the same incident at once. Every write that
reported success (exit 0) is in the file exactly once; a write that could not go ahead
exits 1 with one line saying so and left nothing behind; a save of a stale copy is refused
with ConflictError. Never a lost update."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from journal.errors import ConflictError
from journal.model import Event
from journal.store import Store
from tests.robustness.conftest import T0, big_incident

pytestmark = pytest.mark.fault_loop

ROOT = Path(__file__).resolve().parents[2]

WORKER = r"""
import io, json, os, sys, time
from contextlib import redirect_stderr
from journal import cli, store
name, count, data_dir, incident_id, go, impatient = sys.argv[1:7]
while not os.path.exists(go):
    time.sleep(0.001)
results = []
for n in range(int(count)):
    # an impatient writer gives up at once when the journal is busy: it must say so
    store.LOCK_TIMEOUT = 0.0 if impatient == "1" and n % 2 else 10.0
    err = io.StringIO()
    with redirect_stderr(err):
        code = cli.main(["--data-dir", data_dir, "add-event", incident_id, f"{name}-{n}"])
    results.append([f"{name}-{n}", code, err.getvalue()])
print(json.dumps(results))
"""


def _medium_incident(store: Store) -> str:
    """A few hundred kB, so a read-modify-write takes long enough for writers to overlap."""
    incident = big_incident("shared", messages=30, body_lines=20)
    incident.revision = None
    store.save(incident)
    return incident.id


def _start(name: str, count: int, store: Store, incident_id: str, go: Path, impatient: bool) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            WORKER,
            name,
            str(count),
            str(store.data_dir),
            incident_id,
            str(go),
            "1" if impatient else "0",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _check_no_lost_update(store: Store, incident_id: str, results: list[tuple[str, int, str]]) -> Counter[str]:
    texts = Counter(e.text for e in store.load(incident_id).events)
    outcome: Counter[str] = Counter()
    for text, code, err in results:
        if code == 0:
            assert texts[text] == 1, f"{text} reported success but is {'missing' if not texts[text] else 'doubled'}"
            outcome["saved"] += 1
        else:
            assert code == 1, (text, code, err)
            lines = err.strip().splitlines()
            assert len(lines) == 1 and "another Incident Journal is writing; try again" in lines[0], err
            assert texts[text] == 0, f"{text} reported failure but was written"
            outcome["refused"] += 1
    assert sum(texts.values()) == outcome["saved"], "the file holds events nobody reported"
    return outcome


def test_two_cli_writers_lose_nothing(store: Store, iterations: int) -> None:
    incident_id = _medium_incident(store)
    go = store.data_dir.parent / "go"
    count = max(20, iterations // 4)
    workers = [
        _start("patient", count, store, incident_id, go, impatient=False),
        _start("impatient", count, store, incident_id, go, impatient=True),
    ]
    time.sleep(0.3)  # both started and waiting
    go.touch()
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
        results += json.loads(out)
    outcome = _check_no_lost_update(store, incident_id, results)
    print(f"\ntwo CLI writers, {2 * count} writes: {dict(outcome)}")
    assert outcome["saved"] >= count  # the patient one always gets through
    assert store.temp_files() == []


def test_installed_command_racing_itself(store: Store, iterations: int) -> None:
    """The real command, started afresh for each event, by two loops at once."""
    incident_id = _medium_incident(store)
    results: list[tuple[str, int, str]] = []
    count = max(8, iterations // 20)

    def loop(name: str) -> None:
        for n in range(count):
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "journal",
                    "--data-dir",
                    str(store.data_dir),
                    "add-event",
                    incident_id,
                    f"{name}-{n}",
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=60,
            )
            results.append((f"{name}-{n}", done.returncode, done.stderr))

    threads = [threading.Thread(target=loop, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcome = _check_no_lost_update(store, incident_id, results)
    assert outcome["saved"] == 2 * count


def test_stale_copy_racing_a_writer_gets_conflict_never_overwrites(store: Store, iterations: int) -> None:
    """One process adds events with the CLI while this one saves copies it loaded a moment
    before: each save either finds the file unchanged or raises ConflictError."""
    incident_id = _medium_incident(store)
    go = store.data_dir.parent / "go"
    count = max(20, iterations // 4)
    worker = _start("cli", count, store, incident_id, go, impatient=False)
    time.sleep(0.3)
    go.touch()
    mine: list[str] = []
    conflicts = 0
    n = 0
    while worker.poll() is None:
        incident = store.load(incident_id)
        time.sleep(0.002)  # the user typing
        text = f"mine-{n}"
        incident.add_event(Event(at=T0, text=text))
        try:
            store.save(incident)
            mine.append(text)
        except ConflictError as error:
            assert "changed on disk since it was loaded" in str(error)
            conflicts += 1
        n += 1
    out, err = worker.communicate()
    assert worker.returncode == 0, err
    results = json.loads(out) + [(text, 0, "") for text in mine]
    outcome = _check_no_lost_update(store, incident_id, results)
    print(f"\nstale copies racing a CLI writer: {len(mine)} saved, {conflicts} conflicts, {dict(outcome)}")
    assert conflicts > 0, "the race never happened; nothing was shown"
