"""One source of deadlines: roster contracts linked into incidents by roster id, every active
roster deadline in `now` while a hold that stops work is open (added before or after it),
`contracts add` offering itself to open holds, `contracts link`, `add-requests`, and no
follow-up shown for a resolved incident."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from journal import codec, followups, links
from journal.cli import main
from journal.model import Contract, Incident
from journal.roster import add_contract, end_contract
from journal.store import Store

NOW = "2026-11-24T12:00:00+09:00"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", NOW)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit:
        code = exit.code
    out, err = capsys.readouterr()
    return code, out, err


def new(capsys, kind: str, title: str, *extra: str) -> str:
    code, out, err = run(capsys, "new", "--kind", kind, "--title", title, *extra)
    assert code == 0, err
    return out.strip().splitlines()[-1]


def now_json(capsys) -> list[dict]:
    code, out, err = run(capsys, "now", "--json")
    assert code == 0, err
    return json.loads(out)


def test_a_roster_deadline_added_after_the_hold_is_in_now_and_the_hold(capsys, store: Store) -> None:
    hold = new(capsys, "security-review", "Account held")
    code, out, err = run(
        capsys, "contracts", "add", "--client", "X", "--deadline", "today 18:00", "--pending", "420.00 USD"
    )
    assert code == 0 and out.strip() == "x"
    assert f"Added X to {hold} as affected (paused)" in err
    [contract] = store.load(hold).contracts
    assert contract.roster_id == "x" and contract.deadline == datetime.fromisoformat("2026-11-24T18:00:00+09:00")
    [item] = [i for i in now_json(capsys) if i["kind"] == "deadline"]
    assert item == {
        "kind": "deadline",
        "incident": hold,
        "title": "Account held",
        "text": "X",
        "at": None,
        "deadline": "2026-11-24T18:00:00+09:00",
        "when": "today 18:00",
        "roster_id": "x",
        "rule": None,
        "index": 0,
    }
    code, out, _ = run(capsys, "now")
    assert f"deadline   {hold}: X today 18:00 (2026-11-24 18:00 +09:00)" in out.splitlines()


def test_no_incident_keeps_it_out_of_the_hold_but_not_out_of_now(capsys, store: Store) -> None:
    hold = new(capsys, "account-hold", "Account held")
    code, out, err = run(capsys, "contracts", "add", "--client", "Acme", "--deadline", "+2d", "--no-incident")
    assert code == 0 and "Not added to the open hold(s)" in err and "contracts link acme --to-incident ID" in err
    assert store.load(hold).contracts == []
    [item] = [i for i in now_json(capsys) if i["kind"] == "deadline"]
    assert (item["text"], item["incident"], item["when"], item["index"]) == ("Acme", hold, "in 2 days", None)

    code, _, err = run(capsys, "contracts", "link", "acme", "--to-incident", hold)
    assert code == 0 and f"Added Acme (acme) to {hold}" in err
    code, _, err = run(capsys, "contracts", "link", "acme", "--to-incident", hold)
    assert code == 2 and "already in incident" in err and len(err.strip().splitlines()) == 1
    assert [i["index"] for i in now_json(capsys) if i["kind"] == "deadline"] == [0]  # listed once


def test_to_incident_names_where_it_goes_and_other_kinds_are_left_alone(capsys, store: Store) -> None:
    hold = new(capsys, "account-hold", "Account held")
    suspension = new(capsys, "contract-suspension", "Contract paused")
    code, _, err = run(capsys, "contracts", "add", "--client", "Acme", "--to-incident", suspension)
    assert code == 0 and f"Added Acme to {suspension}" in err and hold not in err.split("Not added")[0]
    assert [c.roster_id for c in store.load(suspension).contracts] == ["acme"]
    assert store.load(hold).contracts == []
    code, _, err = run(capsys, "contracts", "add", "--client", "B", "--to-incident", "no-such-incident")
    assert code == 1 and "no-such-incident" in err


def test_no_hold_that_stops_work_means_only_the_incidents_own_deadlines(capsys, store: Store) -> None:
    new(capsys, "payment-hold", "Payout held")
    run(capsys, "contracts", "add", "--client", "Acme", "--deadline", "today")
    assert [i for i in now_json(capsys) if i["kind"] == "deadline"] == []
    marked = new(capsys, "payment-hold", "Payout and account held", "--stops-work")
    assert "stops_work = true" in store.path_for(marked).read_text()
    assert [(i["text"], i["incident"]) for i in now_json(capsys) if i["kind"] == "deadline"] == [("Acme", marked)]
    quiet = new(capsys, "account-hold", "A hold that does not stop work", "--no-stops-work")
    assert store.load(quiet).stops_work is False


def test_a_linked_contract_reads_the_roster_and_an_ended_one_leaves_now(store: Store) -> None:
    now = datetime.fromisoformat(NOW)
    item = add_contract(store, "Acme Ltd", now, deadline=date(2026, 12, 30))
    incident = Incident(id="", title="Paused", kind="contract-suspension", opened_at=now)
    incident.contracts.append(item.affected("paused"))
    incident = store.create(incident)
    assert followups.now_items(store, now)[0] == []
    from journal.roster import update_contract

    update_contract(store, "acme-ltd", deadline=date(2026, 11, 25), client="Acme Limited")
    items, _ = followups.now_items(store, now)
    assert [(i.text, i.deadline, i.when(now)) for i in items] == [("Acme Limited", date(2026, 11, 25), "tomorrow")]
    shown, problem = links.shown_contracts(store, store.load(incident.id))
    assert problem is None and (shown[0].client, shown[0].deadline) == ("Acme Limited", date(2026, 11, 25))
    assert store.load(incident.id).contracts[0].client == "Acme Ltd"  # the file keeps its own copy
    end_contract(store, "acme-ltd", now)
    assert followups.now_items(store, now)[0] == []


def test_a_resolved_hold_puts_nothing_in_now(capsys, store: Store) -> None:
    hold = new(capsys, "account-hold", "Account held")
    run(capsys, "contracts", "add", "--client", "Acme", "--deadline", "today", "--no-incident")
    run(capsys, "set-status", hold, "resolved")
    assert now_json(capsys) == []


def test_contracts_typed_in_an_incident_still_count_and_a_broken_roster_is_named(capsys, store: Store) -> None:
    now = datetime.fromisoformat(NOW)
    incident = Incident(id="", title="Held", kind="account-hold", opened_at=now)
    incident.contracts.append(Contract(client="Typed Co", deadline=date(2026, 11, 26)))
    store.create(incident)
    (store.data_dir / "contracts.toml").write_text("format = 1\n[[contracts]]\nid = 'BAD ID'\nclient = 'x'\n")
    code, out, err = run(capsys, "now", "--json")
    assert code == 0 and [i["text"] for i in json.loads(out)] == ["Typed Co"]
    assert "contracts.toml:3" in err and "roster deadlines are not shown" in err


def test_roster_id_and_timed_deadlines_round_trip_and_older_files_still_read(store: Store) -> None:
    old = (
        'format = 1\nid = "x"\ntitle = "Old"\nkind = "account-hold"\nopened_at = 2026-11-20T09:00:00+09:00\n'
        '[[contracts]]\nclient = "Acme"\ndeadline = 2026-11-30\nfuture_key = "kept"\n'
    )
    incident = codec.loads(old)
    assert incident.contracts[0].roster_id == "" and incident.contracts[0].extra == {"future_key": "kept"}
    incident.contracts[0].roster_id = "acme"
    incident.contracts[0].deadline = datetime.fromisoformat("2026-11-30T18:00:00+09:00")
    text = codec.dumps(incident)
    assert (
        'roster_id = "acme"' in text
        and "deadline = 2026-11-30 18:00:00+09:00" in text
        and 'future_key = "kept"' in text
    )
    assert codec.loads(text) == incident
    with pytest.raises(codec.FormatError, match="deadline must be a date"):
        codec.loads(old.replace("deadline = 2026-11-30", 'deadline = "soon"'))


def test_add_requests_adds_the_usual_security_questions_once(capsys, store: Store) -> None:
    hold = new(capsys, "account-hold", "Account held")
    code, _, err = run(capsys, "add-requests", hold, "--security-questions", "--question", "Send your ID")
    assert code == 0 and err.count("Added to") == 5
    questions = [r.question for r in store.load(hold).requests]
    assert questions[0] == "Send your ID" and len(questions) == 5 and any("VPN" in q for q in questions)
    code, _, err = run(capsys, "add-requests", hold, "--security-questions")
    assert code == 0 and "nothing added" in err and len(store.load(hold).requests) == 5
    code, _, err = run(capsys, "add-requests", hold)
    assert code == 2 and "--security-questions" in err


def test_a_resolved_incident_shows_no_follow_up(capsys, store: Store) -> None:
    hold = new(capsys, "account-hold", "Account held", "--follow-up", "2026-11-20 09:00")
    run(capsys, "set-status", hold, "resolved")
    code, out, _ = run(capsys, "list")
    row = next(line for line in out.splitlines() if hold in line)
    assert "2026-11-20" not in row
    code, out, _ = run(capsys, "show", hold)
    assert "follow-up" not in out.lower().replace("follow up", "")
    assert "Follow up if nothing happens" not in out


def test_a_roster_change_reaches_the_copy_kept_in_each_linked_incident(store: Store) -> None:
    from journal.roster import update_contract

    now = datetime.fromisoformat(NOW)
    item = add_contract(store, "Acme Ltd", now, deadline=date(2026, 12, 30))
    ids = []
    for title in ("One", "Two"):
        incident = Incident(id="", title=title, kind="account-hold", opened_at=now)
        incident.contracts.append(item.affected("paused"))
        ids.append(store.create(incident).id)
    saved = update_contract(store, "acme-ltd", deadline=date(2026, 11, 26))
    assert links.refresh_copies(store, saved, skip=ids[1]) == [ids[0]]
    assert store.load(ids[0]).contracts[0].deadline == date(2026, 11, 26)
    assert store.load(ids[1]).contracts[0].deadline == date(2026, 12, 30)
