"""Synthetic journals for benchmarks: realistic incidents in English and Japanese.

Each incident has about 5 messages with ~800-character bodies, 15 timeline events,
12 checklist items and 3 affected contracts. Files are written with the project's own codec
(without fsync: this is test data), so they are exactly what the app writes.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from journal import codec, model
from journal.atomic import atomic_write
from journal.model import ChecklistItem, Contract, Event, Incident, Message, Money
from journal.store import Store

JST = timezone(timedelta(hours=9))
EN = (
    "We found a potential issue with your contract and paused it while we review. "
    "Please do not continue working until the review is finished. No action is needed from you. "
)
JA = "契約に問題がある可能性があるため、確認が終わるまで一時停止しました。確認が終わるまで作業を続けないでください。"
CLIENTS = ["Northwind Studio", "Sakura Apps 株式会社", "Blue Harbor Media", "Acme Ltd", "株式会社みどり", "Delta Labs"]


def body(rng: random.Random, size: int = 800) -> str:
    source = JA if rng.random() < 0.3 else EN
    text = (source * (size // len(source) + 1))[:size]
    return text


def make_incident(n: int, rng: random.Random, now: datetime, messages: int = 5, body_size: int = 800) -> Incident:
    opened = now - timedelta(hours=rng.randint(1, 24 * 400))
    kind = model.KINDS[n % len(model.KINDS)]
    title = f"{'アカウント停止' if n % 4 == 0 else 'Contract with ' + CLIENTS[n % len(CLIENTS)] + ' suspended'} #{n}"
    incident = Incident(
        id=f"{opened.date().isoformat()}-{kind}-synthetic-{n}",
        title=title,
        kind=kind,
        opened_at=opened,
        follow_up_at=opened + timedelta(days=3),
        status=rng.choice(model.STATUSES),
        summary=body(rng, 200),
    )
    for m in range(messages):
        incident.messages.append(
            Message(
                at=opened + timedelta(hours=m * 5),
                direction="received" if m % 2 == 0 else "sent",
                sender="Upwork Trust & Safety" if m % 2 == 0 else "me",
                subject=f"Re: your contract ({m})",
                body=body(rng, body_size),
            )
        )
    for e in range(15):
        incident.events.append(
            Event(at=opened + timedelta(hours=e * 3), kind=model.EVENT_KINDS[e % 11], text=f"Event {e}")
        )
    incident.checklist = [
        ChecklistItem(f"Step {c}: keep a record", done_at=opened + timedelta(hours=c) if c % 2 else None)
        for c in range(12)
    ]
    incident.contracts = [
        Contract(
            client=CLIENTS[(n + c) % len(CLIENTS)],
            contract_id=str(38_000_000 + n * 3 + c),
            state="paused" if c == 0 else "active",
            deadline=(now + timedelta(days=rng.randint(-3, 30))).date(),
            pending=Money(Decimal(f"{rng.randint(50, 5000)}.00"), "USD"),
        )
        for c in range(3)
    ]
    return incident


def build_journal(folder: Path, count: int, seed: int = 7, now: datetime | None = None) -> Store:
    """A journal of `count` synthetic incidents in `folder` (data/ and cache/ inside)."""
    rng = random.Random(seed)
    moment = now or datetime(2026, 11, 28, 12, 0, tzinfo=JST)
    store = Store(folder / "data", cache_dir=folder / "cache")
    store.ensure()
    for n in range(count):
        incident = make_incident(n, rng, moment)
        atomic_write(store.path_for(incident.id), codec.dumps(incident).encode("utf-8"), durable=False)
    return store


def add_large_incidents(store: Store, now: datetime | None = None) -> tuple[str, str]:
    """Two very large incidents: one with 1,000 messages, one with a 1 MiB message body.
    Returns their ids."""
    rng = random.Random(11)
    moment = now or datetime(2026, 11, 28, 12, 0, tzinfo=JST)
    many = make_incident(900_001, rng, moment, messages=1_000)
    many.id = "2026-11-28-account-hold-one-thousand-messages"
    huge = make_incident(900_002, rng, moment, messages=1, body_size=1_048_576)
    huge.id = "2026-11-28-account-hold-one-mib-body"
    for incident in (many, huge):
        atomic_write(store.path_for(incident.id), codec.dumps(incident).encode("utf-8"), durable=False)
    return many.id, huge.id
