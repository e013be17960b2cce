"""The benchmark's synthetic journals are real journals: every file loads and validates."""

from pathlib import Path

from benchmarks.synth import build_journal


def test_synthetic_journal_is_valid(tmp_path: Path) -> None:
    store = build_journal(tmp_path / "bench", 8)
    summaries, problems = store.scan()
    assert problems == [] and len(summaries) == 8
    incident = store.load(summaries[0].id)
    assert len(incident.messages) == 5 and len(incident.events) == 15
    assert len(incident.checklist) == 12 and len(incident.contracts) == 3
    assert all(len(m.body) == 800 for m in incident.messages)
