"""Measure Incident Journal side by side with a minimal Textual app, and print one table.

    python -m benchmarks.run            # the full run (10,000 incidents)
    python -m benchmarks.run --quick    # a smaller, faster run (1,000 incidents, fewer repeats)

Every timing figure is a ratio against the minimal app (benchmarks/baseline_app.py) measured
in the same run, alternating the two, so that the noise of a shared machine cancels out.
Figures over their target are marked with `!!`.

What dominated and what was done (profiled with cProfile, tracemalloc and `python -X importtime`):
- The index is a SQLite database (journal/index_db.py): the home screen reads the count and
  the first page of rows in urgency order, paints, and checks the folder in a worker; the
  search text sits in an FTS5 trigram table, never in the app's memory.
- (e) `list --json`: the summaries' stored JSON is written in urgency order without being
  decoded (it was json decode + encode of 10,000 summaries). What is left at 10,000: the
  check of the folder (one `stat` per file and the index's keys), reading the rows, and the
  escaping of bidi and C1 characters over the output.
- (a)/(b) first paint: commands are imported only when they run, and the roster and rules of
  what is due only by the check after the first frame. What is left is importing the core
  (store, codec, model, timeparse) and the screens' modules beside Textual's own, and, on a
  busy machine, the check's thread competing with the first frames.
- (f) peak memory at 10,000: the check after the first frame (the folder listing and the
  index's keys, about 15 MiB of Python objects at 10,000) and "what needs you today", which
  goes through the incidents that go on once and keeps every item it finds to name the
  first three. mmap of the database was tried and dropped: the pages it touched counted.
- (c) filter: words of 3 characters or more are an FTS5 trigram query, words of 1 or 2
  characters a query of `search_grams` (FTS5, detail=none: each row's distinct characters and
  pairs of characters as one term each); they were an `instr` scan of every search text
  (150-240 ms at 10,000 on a busy machine, now under 1 ms when few incidents match). A
  one-word filter most incidents hold ("re", "d", "契約", "確") takes its count from the
  full-text index (one count(*), about 1 ms) and is found by testing the urgency order 256 rows
  at a time with `instr`, only as far as the first screen. What is left over 10 ms: filters of
  two words that many incidents hold ("upwork suspended", "northwind studio": the FTS5 AND of
  two trigram phrases and the materialised rowids, 15-25 ms on a busy machine) and, for any
  word, turning 5,000-10,000 rowids into Python objects when the rarest word is common.
- (c) keystroke: the filter runs in an exclusive worker 30 ms after the last key, the query in
  a thread, so a keystroke repaints without waiting for it. What is left over a minimal Input
  is Textual's own work on a screen with more widgets (a layout refresh and the footer), and
  the worker's query competing for the GIL with the keystroke after it.
- (g) open: the warnings of off-platform talk (journal.alerts over 1,000 messages, 0.5-1 s)
  are looked for by a worker after the first paint; the Messages tab's DataTable no longer
  measures every cell (the columns' widths are given); the preview under it is cut to 400
  characters a line (a 1 MiB line was wrapped whole: 9 s); a message over 100,000 characters
  is read with screens.incident_long_text.LongText, which lays out only the rows on screen (a
  TextArea wrapped 1 MiB of Japanese in about two minutes). What is left: mounting the
  incident screen itself (six tabs, their tables, a footer of 30 keys), as slow for one
  message as for 1,000, and 1,000 DataTable rows built when the Messages tab opens.
- (d) save: of a save at 10,000 incidents (43 ms median on a busy machine, the disk's own
  fsync under 1 ms on its tmpfs), about half is encoding (tomli_w's per-character string
  escaping, 8 ms) and reading the encoded text back to check it (10 ms), the rest the two
  fsyncs and the lock; the index is not touched by a save. Not changed here.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import platform
import pty
import select
import shutil
import signal
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import textual

from benchmarks import tui
from benchmarks.synth import JST, add_large_incidents, build_journal, make_incident
from journal.store import Store

ROOT = Path(__file__).resolve().parent.parent
COLUMNS, ROWS = 120, 36


@dataclass
class PtyRun:
    """One start of a program in a pseudo-terminal."""

    paint: float
    """Seconds from start until the marker text appeared on the terminal."""
    exit: float
    """Seconds from sending `q` until the process ended."""
    max_rss_kib: int
    """Peak resident memory of the process."""


def run_in_pty(argv: list[str], env: dict[str, str], marker: bytes, timeout: float = 30.0) -> PtyRun:
    """Start `argv` in a 120x36 pseudo-terminal; time the first appearance of `marker`, then
    press `q` and time the exit."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: size the terminal before the program looks at it
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        os.execvpe(argv[0], argv, env)
    seen = b""
    paint = None
    try:
        while paint is None:
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{argv}: {marker!r} not seen in {timeout}s; last output {seen[-300:]!r}")
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    raise RuntimeError(f"{argv} ended before painting: {seen[-500:]!r}") from None
                seen += chunk
                if marker in seen:
                    paint = time.perf_counter() - start
        os.write(fd, b"q")
        quit_at = time.perf_counter()
        while True:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    if not os.read(fd, 65536):
                        break
                except OSError:
                    break
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                break
            if time.perf_counter() - quit_at > timeout:
                raise TimeoutError(f"{argv} did not exit after q")
        if not done:
            done, status, usage = os.wait4(pid, 0)
        exit_time = time.perf_counter() - quit_at
        return PtyRun(paint=paint, exit=exit_time, max_rss_kib=usage.ru_maxrss)
    finally:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(pid, 0)
        os.close(fd)


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INCIDENT_JOURNAL")}
    env.update({"TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(ROWS), "TEXTUAL": ""})
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra or {})
    return env


def baseline_argv() -> list[str]:
    return [sys.executable, str(ROOT / "benchmarks" / "baseline_app.py")]


def journal_argv(folder: Path) -> list[str]:
    return [sys.executable, "-m", "journal", "--data-dir", str(folder / "data")]


@dataclass
class Figure:
    """One line of the result table."""

    name: str
    value: float
    target: float
    unit: str
    detail: str = ""
    samples: list[float] = field(default_factory=list)

    @property
    def over(self) -> bool:
        return self.value > self.target


def median_range(values: list[float]) -> str:
    return f"median {statistics.median(values):.3f}, range {min(values):.3f}-{max(values):.3f}"


def paired_pty(journal_folder: Path, marker: bytes, repeats: int) -> tuple[list[PtyRun], list[PtyRun]]:
    """Alternate baseline and journal starts; returns both lists of runs."""
    base_runs, ours = [], []
    for _ in range(repeats):
        base_runs.append(run_in_pty(baseline_argv(), _env(), b"Baseline Journal"))
        ours.append(
            run_in_pty(
                journal_argv(journal_folder),
                _env(
                    {
                        "INCIDENT_JOURNAL_CACHE_DIR": str(journal_folder / "cache"),
                        "INCIDENT_JOURNAL_CONFIG_DIR": str(journal_folder / "config"),
                    }
                ),
                marker,
            )
        )
    return base_runs, ours


def ratio(ours: list[float], base: list[float]) -> float:
    return statistics.median(ours) / statistics.median(base)


def time_command(argv: list[str], env: dict[str, str], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return times


def measure_save(store: Store, repeats: int) -> list[float]:
    """p95 of one save with fsync (and the index entry update, if any)."""
    rng = __import__("random").Random(3)
    incident = make_incident(1, rng, datetime(2026, 11, 28, 12, 0, tzinfo=JST))
    incident.id = "2026-11-28-benchmark-save"
    incident.revision = None
    if store.path_for(incident.id).exists():
        incident = store.load(incident.id)
    else:
        store.save(incident)
    times = []
    for n in range(repeats):
        incident.summary = f"edit {n}"
        start = time.perf_counter()
        store.save(incident)
        times.append(time.perf_counter() - start)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def measure_disk_fsync(folder: Path, repeats: int) -> list[float]:
    """The disk's own cost of what a save must do at least: write a small temp file, fsync
    it, rename it over the old one and fsync the folder (seconds each)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "fsync-probe"
    times = []
    for n in range(repeats):
        start = time.perf_counter()
        temp = folder / ".fsync-probe.tmp"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, b"x" * 2048 + str(n).encode())
        os.fsync(fd)
        os.close(fd)
        os.replace(temp, target)
        dir_fd = os.open(folder, os.O_RDONLY)
        os.fsync(dir_fd)
        os.close(dir_fd)
        times.append(time.perf_counter() - start)
    return times


def paint_figures(folder: Path, label: str, repeats: int, paint_target: float, memory_target: float) -> list[Figure]:
    base, ours = paired_pty(folder, b"Incident Journal", repeats)
    return [
        Figure(
            f"(b) first paint, {label}",
            ratio([r.paint for r in ours], [r.paint for r in base]),
            paint_target,
            "x minimal app",
            f"ours {median_range([r.paint for r in ours])} s; minimal {median_range([r.paint for r in base])} s",
        ),
        Figure(
            f"(f) peak memory, {label}",
            ratio([r.max_rss_kib for r in ours], [r.max_rss_kib for r in base]),
            memory_target,
            "x minimal app",
            f"ours {statistics.median([r.max_rss_kib for r in ours]) / 1024:.0f} MiB; "
            f"minimal {statistics.median([r.max_rss_kib for r in base]) / 1024:.0f} MiB",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 incidents, fewer repeats")
    parser.add_argument("--sizes", default=None, help="journal sizes, comma-separated (default 100,1000,10000)")
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the synthetic journals")
    parser.add_argument(
        "--json", type=Path, default=ROOT / "benchmarks" / "results" / "latest.json", help="where to save the run"
    )
    args = parser.parse_args(argv)
    sizes = [int(n) for n in (args.sizes or ("100,1000" if args.quick else "100,1000,10000")).split(",")]
    big = max(sizes)
    repeats = args.repeats or (3 if args.quick else 7)
    rounds = 2 if args.quick else 4

    work = Path(tempfile.mkdtemp(prefix="incident-journal-bench-"))
    figures: list[Figure] = []
    build_seconds: dict[int, float] = {}
    try:
        empty = work / "empty"
        Store(empty / "data", cache_dir=empty / "cache").ensure()
        one = work / "one"
        build_journal(one, 1)
        journals: dict[int, Path] = {}
        for size in sizes:
            journals[size] = work / f"n{size}"
            t = time.perf_counter()
            build_journal(journals[size], size)
            # warm the index once, as a user's second start would
            subprocess.run(
                [sys.executable, "-m", "journal", "--data-dir", str(journals[size] / "data"), "list", "--json"],
                env=_env({"INCIDENT_JOURNAL_CACHE_DIR": str(journals[size] / "cache")}),
                stdout=subprocess.DEVNULL,
                check=True,
            )
            build_seconds[size] = time.perf_counter() - t

        base, ours = paired_pty(empty, b"Incident Journal", repeats)
        figures.append(
            Figure(
                "(a) first paint, empty journal",
                ratio([r.paint for r in ours], [r.paint for r in base]),
                1.15,
                "x minimal app",
                f"ours {median_range([r.paint for r in ours])} s; minimal {median_range([r.paint for r in base])} s",
            )
        )
        figures.append(
            Figure(
                "(h) exit after q",
                ratio([r.exit for r in ours], [r.exit for r in base]),
                1.0,
                "x minimal app",
                f"ours {median_range([r.exit for r in ours])} s; minimal {median_range([r.exit for r in base])} s",
            )
        )
        for size in sizes:
            figures += paint_figures(journals[size], f"{size:,} incidents", repeats, 1.15 if size <= 100 else 1.3, 1.3)

        one_env = _env({"INCIDENT_JOURNAL_CACHE_DIR": str(one / "cache")})
        for size in sizes:
            list_env = _env({"INCIDENT_JOURNAL_CACHE_DIR": str(journals[size] / "cache")})
            many_times, one_times = [], []
            for _ in range(repeats):
                many_times += time_command(
                    [sys.executable, "-m", "journal", "--data-dir", str(journals[size] / "data"), "list", "--json"],
                    list_env,
                    1,
                )
                one_times += time_command(
                    [sys.executable, "-m", "journal", "--data-dir", str(one / "data"), "list", "--json"], one_env, 1
                )
            figures.append(
                Figure(
                    f"(e) list --json, {size:,} vs 1",
                    ratio(many_times, one_times),
                    2.0,
                    "x one incident",
                    f"{size:,}: {median_range(many_times)} s; one: {median_range(one_times)} s",
                )
            )

        key_ms: list[float] = []
        for size in sizes:
            for lang, queries in (("English", tui.QUERIES_EN), ("Japanese", tui.QUERIES_JA)):
                filter_ms, keys, listed = tui.filter_figures(journals[size], rounds=rounds, queries=queries)
                if size == big and lang == "English":
                    key_ms = keys
                figures.append(
                    Figure(
                        f"(c) filter {listed:,} incidents, {lang} words, p95",
                        tui.p95(filter_ms),
                        10.0,
                        "ms",
                        f"{median_range(filter_ms)} ms over {len(filter_ms)} filters (count + first screen of rows)",
                    )
                )
        base_keys = tui.baseline_keystrokes(rounds=rounds)
        figures.append(
            Figure(
                f"(c) keystroke to repaint, {big:,}, p95",
                tui.p95(key_ms) - tui.p95(base_keys),
                16.0,
                "ms more",
                f"ours p95 {tui.p95(key_ms):.1f} ms, a minimal app's Input {tui.p95(base_keys):.1f} ms "
                f"(headless, Pilot waits for idle)",
            )
        )

        large = work / "large"
        large_store = build_journal(large, 1)
        thousand, mib = add_large_incidents(large_store)
        stages = tui.open_figures(large, thousand, ["2"], repeats=2 if args.quick else 3)
        figures.append(
            Figure("(g) open 1,000 messages", stages[0], 0.2, "s", f"then the Messages tab {stages[1]:.3f} s")
        )
        stages = tui.open_figures(large, mib, ["2", "enter"], repeats=2 if args.quick else 3)
        figures.append(
            Figure(
                "(g) open a 1 MiB body",
                stages[0],
                0.2,
                "s",
                f"then the Messages tab {stages[1]:.3f} s, the full message {stages[2]:.3f} s",
            )
        )

        save_repeats = 60 if not args.quick else 30
        disk, saves = [], []
        save_store = Store(journals[big] / "data", cache_dir=journals[big] / "cache")
        for _ in range(3):  # alternated, so that both see the same disk
            disk += measure_disk_fsync(work / "fsync", save_repeats // 3)
            saves += measure_save(save_store, save_repeats // 3)
        figures.append(
            Figure(
                "(d) one save with fsync, p95",
                p95(saves) * 1000,
                max(5.0, p95(disk) * 1000),
                "ms",
                f"{median_range([s * 1000 for s in saves])} ms; the disk's own write+fsync+rename+fsync p95 "
                f"{p95(disk) * 1000:.1f} ms",
            )
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    machine = f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"
    built = ", ".join(f"{size:,} in {build_seconds[size]:.1f} s" for size in sizes)
    setup = (
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, Textual {textual.__version__}; "
        f"journals of {', '.join(f'{n:,}' for n in sizes)} incidents (built and indexed: {built}), "
        f"{repeats} paired runs"
    )
    print(machine)
    print(setup)
    print()
    width = max(len(f.name) for f in figures)
    for f in figures:
        mark = "!!" if f.over else "ok"
        print(f"{mark}  {f.name:<{width}}  {f.value:7.2f} {f.unit:<14} target <= {f.target:g}   {f.detail}")
    record = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine,
        "setup": setup,
        "sizes": sizes,
        "figures": [
            {"name": f.name, "value": f.value, "target": f.target, "unit": f.unit, "ok": not f.over, "detail": f.detail}
            for f in figures
        ],
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"\nSaved: {args.json}")
    return 1 if any(f.over for f in figures) else 0


if __name__ == "__main__":
    raise SystemExit(main())
