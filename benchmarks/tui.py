"""In-process measurements of the terminal UI with Textual's headless driver (Pilot).

Used by benchmarks/run.py for the figures that need the app's own screens: filtering as you
type over a large journal, and opening a very large incident. "Repaint" here is Textual's
own: a keystroke is pressed and Pilot waits until the app is idle again (the screen has been
composed and rendered); the bytes to a real terminal are not included. The home filter's query
runs in a worker after the keystroke has repainted (its time is the filter figure).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path

from journal.store import Store

KEYSTROKES = "client 4"
"""Typed one key at a time into the home filter."""
QUERIES_EN = ["acme", "client 4", "northwind studio", "zzz-no-match", "upwork suspended", "re", "d"]
QUERIES_JA = ["契約", "一時停止", "株式会社みどり", "停止", "確", "アカウント停止 acme"]
QUERIES = QUERIES_EN + QUERIES_JA


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


async def _filter(folder: Path, rounds: int, queries: list[str]) -> tuple[list[float], list[float], int]:
    from journal import clock
    from journal.listing import Listing
    from screens.app import make_app
    from screens.home import HomeScreen

    HomeScreen.BACKGROUND_LOAD = False  # the list is there as soon as the screen is
    store = Store(folder / "data", cache_dir=folder / "cache")
    app = make_app(store)
    filter_ms: list[float] = []
    key_ms: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        now = clock.now()
        listed = store.index.count()
        for _ in range(rounds):
            for query in queries:
                words = query.casefold().split()
                start = time.perf_counter()
                rows = Listing(store.index, now, words)  # the count and the first page of rows
                rows[: min(len(rows), 36)]
                filter_ms.append((time.perf_counter() - start) * 1000)
        HomeScreen.BACKGROUND_LOAD = True  # the filter asks the index in a worker, as in use
        for _ in range(rounds):
            await pilot.press("slash")
            for key in KEYSTROKES:
                start = time.perf_counter()
                await pilot.press("space" if key == " " else key)
                await pilot.pause()
                key_ms.append((time.perf_counter() - start) * 1000)
            await app.workers.wait_for_complete()  # the list caught up with the last key
            await pilot.press("escape")
            await pilot.pause()
            await app.workers.wait_for_complete()
        await pilot.press("q")
    HomeScreen.BACKGROUND_LOAD = True
    return filter_ms, key_ms, listed


def filter_figures(
    folder: Path, rounds: int = 3, queries: list[str] | None = None
) -> tuple[list[float], list[float], int]:
    """Milliseconds to filter the journal (the index query: the count and the rows of the
    first screen) for each of `queries`, milliseconds from a keystroke in the filter to
    idle (UI), and how many incidents were listed."""
    return asyncio.run(_filter(folder, rounds, queries or QUERIES))


async def _baseline_keys(rounds: int) -> list[float]:
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    class MinimalInput(App[None]):
        def compose(self) -> ComposeResult:
            yield Input()

    key_ms: list[float] = []
    async with MinimalInput().run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for _ in range(rounds):
            for key in KEYSTROKES:
                start = time.perf_counter()
                await pilot.press("space" if key == " " else key)
                await pilot.pause()
                key_ms.append((time.perf_counter() - start) * 1000)
    return key_ms


def baseline_keystrokes(rounds: int = 3) -> list[float]:
    """The same keystrokes into a minimal app's Input: Pilot's and Textual's own floor."""
    return asyncio.run(_baseline_keys(rounds))


async def _open(folder: Path, incident_id: str, keys: list[str]) -> list[float]:
    from screens.app import make_app
    from screens.home import HomeScreen

    HomeScreen.BACKGROUND_LOAD = False
    store = Store(folder / "data", cache_dir=folder / "cache")
    app = make_app(store)
    stages: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        app.screen.open_incident(incident_id)  # type: ignore[attr-defined]
        await pilot.pause()
        stages.append(time.perf_counter() - start)
        for key in keys:
            start = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            stages.append(time.perf_counter() - start)
        await pilot.press("escape")
        await pilot.pause()
    HomeScreen.BACKGROUND_LOAD = True
    return stages


def open_figures(folder: Path, incident_id: str, keys: list[str], repeats: int = 3) -> list[float]:
    """Median seconds of each stage: opening the incident, then each key in `keys`."""
    runs = [asyncio.run(_open(folder, incident_id, keys)) for _ in range(repeats)]
    return [statistics.median(stage) for stage in zip(*runs)]
