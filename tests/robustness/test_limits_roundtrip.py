"""An exported incident always imports (the import caps come from the store's own), and the
limits are warned at 80 % and refused in the user's terms."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from journal import codec, importing, limits, model, sharing
from journal.cli import main
from journal.errors import BadInputError
from journal.model import Event, Incident, Message
from journal.store import Store
from tests.conftest import JST

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=JST)


def base() -> Incident:
    return Incident(
        id="", title="t" * model.MAX_TEXT_CHARS, kind="other", opened_at=T0, summary='"\\' * (model.MAX_TEXT_CHARS // 2)
    )


def with_events(count: int) -> Incident:
    incident = base()
    incident.id = "probe"
    incident.events = [Event(at=T0 + timedelta(minutes=n), text=f"e{n}") for n in range(count)]
    return incident


def most_events(store: Store) -> Incident:
    """An incident with as many events as the store accepts: estimated from the values one
    event takes, then the last few found by trying."""
    empty = codec.structure_count(codec.dumps(with_events(0)))
    per_event = (codec.structure_count(codec.dumps(with_events(100))) - empty) / 100
    count = int((codec.MAX_VALUES - empty) / per_event) + 2
    while True:
        try:
            store.encode(with_events(count))
            return with_events(count)
        except BadInputError:
            count -= 1


def at_the_byte_cap() -> Incident:
    """Full bodies of the worst case for escaping (`"` and `\\`) up to the byte cap."""
    incident = base()
    incident.id = "probe"
    empty = len(codec.dumps(incident).encode())
    message = Message(at=T0, sender="s" * 100, subject="x", body='"\\' * (model.MAX_BODY_CHARS // 2))
    incident.messages.append(message)
    one = len(codec.dumps(incident).encode()) - empty
    incident.messages = [message] * ((codec.MAX_FILE_BYTES - empty) // one)
    return incident


@pytest.mark.parametrize("build", ["events", "bytes", "controls"])
def test_an_incident_at_every_cap_exports_and_imports_again(build: str, tmp_path: Path, monkeypatch) -> None:
    # The byte cap is made 4 MiB here (the import caps follow it) so the test takes seconds,
    # not minutes; the relation between the caps is what is tested.
    if build == "bytes":
        monkeypatch.setattr(codec, "MAX_FILE_BYTES", 4 * 1024 * 1024)
    store = Store()
    if build == "events":
        incident = most_events(store)
    elif build == "bytes":
        incident = at_the_byte_cap()
    else:
        incident = base()
        incident.messages.append(
            Message(
                at=T0, sender="\x1b\u202e" * 100, subject="\x85" * 1000, body="\x9b\u2066" * (model.MAX_BODY_CHARS // 2)
            )
        )
    created = store.create(incident)
    export = sharing.build_export(store.load(created.id), fmt="toml")
    target = tmp_path / "out.toml"
    sharing.write_export(target, export.text)
    back = importing.read_import(target)
    assert back.messages == created.messages and back.events == created.events and back.title == created.title
    imported = importing.import_incident(Store(tmp_path / "other"), target).incident
    assert Store(tmp_path / "other").load(imported.id).messages == created.messages


def test_a_full_incident_is_warned_at_80_percent_and_refused_in_the_users_terms(capsys) -> None:
    store = Store()
    incident = most_events(store)
    created = store.create(incident)
    warn_from = int(len(created.events) * 0.85)
    assert main(["new", "--kind", "other", "--title", "w"]) == 0
    small = [i for i in Store().ids() if i != created.id][0]
    capsys.readouterr()

    def fill(count: int) -> None:
        def change(it: Incident) -> None:
            it.events = [Event(at=T0 + timedelta(minutes=n), text=f"e{n}") for n in range(count)]

        Store().update(small, change)

    fill(warn_from)
    assert main(["set-status", small, "waiting"]) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and "% full" in err and f"{warn_from + 1:,} events" in err
    fill(len(created.events) - 5)
    over = len(created.events) + 500
    with pytest.raises(BadInputError) as caught:
        fill(over)
    said = str(caught.value)
    assert f"this incident has {over:,} events" in said and "one incident holds at most" in said
    assert "follow-on incident" in said and "keys, values and tables" not in said
    assert limits.WARN_AT == 0.8


async def test_the_tui_warns_after_a_save_at_80_percent() -> None:
    from screens.app import make_app
    from screens.incident import IncidentScreen

    store = Store()
    full = most_events(store)
    full.events = full.events[: int(len(full.events) * 0.85)]
    created = store.create(full)
    store.warnings.clear()
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.push_screen(IncidentScreen(store, created.id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IncidentScreen)
        assert screen.change(lambda it: setattr(it, "summary", "changed"), "Saved")
        await pilot.pause()
        said = [n.message for n in app._notifications if "% full" in n.message]
        assert said and "events" in said[-1]
