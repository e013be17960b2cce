"""The contract roster: `contracts add|list|end`, its file (atomic, 0600, validated with
file:line errors), and its copy into new account holds, security reviews and closures."""

from __future__ import annotations

import json
import stat
from datetime import date as _date
from decimal import Decimal as _Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal import roster as _roster
from journal.cli import main
from journal.model import Money as _Money
from journal.store import Store

NOW = "2026-11-20T09:00:00+09:00"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", NOW)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit:  # argparse refuses bad usage by exiting
        code = exit.code
    out, err = capsys.readouterr()
    return code, out, err


def add(capsys, *argv: str) -> str:
    code, out, err = run(capsys, "contracts", "add", *argv)
    assert code == 0, err
    return out.strip()


@pytest.fixture
def roster(capsys) -> dict[str, str]:
    return {
        "late": add(capsys, "--client", "Northwind Studio", "--deadline", "2026-12-15", "--contract-id", "555"),
        "none": add(capsys, "--client", "Blue Fox"),
        "soon": add(
            capsys,
            "--client",
            "Acme Ltd",
            "--deadline",
            "+2d",
            "--contract-id",
            "38211",
            "--pending",
            "420.00 USD",
            "--note",
            "milestone 2",
        ),
        "jp": add(capsys, "--client", "株式会社サクラ", "--deadline", "2026-11-21", "--pending", "15000 JPY"),
    }


def roster_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "contracts.toml"


def test_add_list_and_end(roster, capsys, tmp_path) -> None:
    assert roster["soon"] == "acme-ltd" and roster["late"] == "northwind-studio"
    path = roster_file(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert 'client = "Acme Ltd"' in path.read_text() and "deadline = 2026-11-22" in path.read_text()

    code, out, _ = run(capsys, "contracts", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("ID")
    clients = [line.split("  ")[0].strip() for line in lines[1:]]
    assert clients == [roster["jp"], "acme-ltd", "northwind-studio", "blue-fox"]  # soonest deadline first
    assert "2026-11-22 (in 2 days)" in out and "420.00 USD" in out and "milestone 2" in out

    code, out, _ = run(capsys, "contracts", "list", "--json")
    rows = json.loads(out)
    acme = next(r for r in rows if r["id"] == "acme-ltd")
    assert acme == {
        "id": "acme-ltd",
        "client": "Acme Ltd",
        "contract_id": "38211",
        "state": "active",
        "deadline": "2026-11-22",
        "when": "in 2 days",
        "pending": {"amount": "420.00", "currency": "USD"},
        "note": "milestone 2",
        "added_at": "2026-11-20T09:00:00+09:00",
        "ended_at": None,
    }

    code, _, err = run(capsys, "contracts", "end", "38211")  # by contract id
    assert code == 0 and "Ended acme-ltd" in err
    _, out, _ = run(capsys, "contracts", "list", "--json")
    assert "acme-ltd" not in [r["id"] for r in json.loads(out)]
    _, out, _ = run(capsys, "contracts", "list", "--all", "--json")
    ended = next(r for r in json.loads(out) if r["id"] == "acme-ltd")
    assert ended["state"] == "ended" and ended["ended_at"] == NOW


def test_the_same_client_twice_gets_distinct_ids(capsys) -> None:
    assert add(capsys, "--client", "Acme") == "acme"
    assert add(capsys, "--client", "Acme") == "acme-2"
    code, _, err = run(capsys, "contracts", "end", "Acme")
    assert code == 2 and "more than one" in err


def test_end_an_unknown_contract_fails(roster, capsys, tmp_path) -> None:
    before = roster_file(tmp_path).read_bytes()
    code, _, err = run(capsys, "contracts", "end", "nobody")
    assert code == 1 and "no contract 'nobody'" in err and "acme-ltd" in err
    assert roster_file(tmp_path).read_bytes() == before


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["--client", "  "], "client name is empty"),
        (["--client", "X", "--deadline", "someday"], "could not read the time"),
        (["--client", "X", "--pending", "lots"], "could not read the amount"),
    ],
)
def test_bad_input_is_refused(argv, reason, capsys, tmp_path) -> None:
    code, _, err = run(capsys, "contracts", "add", *argv)
    assert code == 2 and reason in err and len(err.strip().splitlines()) == 1
    assert not roster_file(tmp_path).exists()


def test_a_bad_roster_file_is_named_with_its_line_and_left_alone(roster, capsys, tmp_path) -> None:
    path = roster_file(tmp_path)
    text = path.read_text().replace("deadline = 2026-12-15", 'deadline = "next week"')
    path.write_text(text)
    line = text.splitlines().index('deadline = "next week"') + 1
    for argv in (
        ["contracts", "list"],
        ["contracts", "add", "--client", "Y"],
        ["new", "--kind", "contract-suspension", "--title", "x", "--contract", "acme-ltd"],
    ):
        code, _, err = run(capsys, *argv)
        assert code == 2, argv
        assert f"{path}:{line}:" in err and "must be a date" in err
    assert path.read_text() == text
    # A new hold is still recorded, without the copy, and the problem is named.
    code, out, err = run(capsys, "new", "--kind", "account-hold", "--title", "Locked out")
    assert code == 0
    assert f"warning: {path}:{line}:" in err and "no contracts were copied from the roster" in err
    assert Store().load(out.strip().splitlines()[-1]).contracts == []
    assert path.read_text() == text


def test_account_holds_copy_every_active_contract_soonest_deadline_first(roster, capsys) -> None:
    run(capsys, "contracts", "end", "northwind-studio")
    for kind in ("account-hold", "security-review", "account-closure"):
        code, out, err = run(capsys, "new", "--kind", kind, "--title", "Locked out")
        assert code == 0, err
        incident = Store().load(out.strip().splitlines()[-1])
        assert [c.client for c in incident.contracts] == ["株式会社サクラ", "Acme Ltd", "Blue Fox"]
        acme = incident.contracts[1]
        assert (acme.contract_id, str(acme.deadline), str(acme.pending.amount), acme.state) == (
            "38211",
            "2026-11-22",
            "420.00",
            "paused",
        )
        per_client = [c.text for c in incident.checklist if any(n in c.text for n in ("Acme", "Blue Fox", "サクラ"))]
        assert len(per_client) == 3
        assert "株式会社サクラ" in per_client[0] and "2026-11-21" in per_client[0]
        assert "Acme Ltd" in per_client[1] and "Blue Fox" in per_client[2]
        assert "Affected contracts, from your roster: 株式会社サクラ, Acme Ltd, Blue Fox" in err


def test_other_kinds_do_not_copy_the_roster(roster, capsys) -> None:
    code, out, _ = run(capsys, "new", "--kind", "payment-hold", "--title", "Payout held")
    assert code == 0 and Store().load(out.strip().splitlines()[-1]).contracts == []


def test_a_contract_suspension_names_its_roster_contract(roster, capsys) -> None:
    code, out, err = run(capsys, "new", "--kind", "contract-suspension", "--title", "Acme paused")
    assert code == 0 and "Which contract is suspended?" in err and "--contract ID" in err
    assert Store().load(out.strip().splitlines()[-1]).contracts == []

    code, out, err = run(
        capsys, "new", "--kind", "contract-suspension", "--title", "Acme paused", "--contract", "acme-ltd"
    )
    assert code == 0 and "Which contract" not in err
    incident = Store().load(out.strip().splitlines()[-1])
    assert [(c.client, c.contract_id, c.state) for c in incident.contracts] == [("Acme Ltd", "38211", "paused")]
    assert incident.checklist[-1].text.startswith("Contract with Acme Ltd (deadline 2026-11-22)")

    code, _, err = run(capsys, "new", "--kind", "contract-suspension", "--title", "x", "--contract", "99999")
    assert code == 1 and "no contract '99999' in the roster" in err


def test_new_help_explains_the_contract_option(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["new", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--contract ID" in out and "contract suspension" in out and "contracts list" in out


def test_check_names_a_bad_roster_and_a_bad_user_template(roster, capsys, tmp_path) -> None:
    assert run(capsys, "check")[0] == 0
    roster_file(tmp_path).write_text("format = 1\n[[contracts]]\nclient = 'x'\n")
    templates_dir = tmp_path / "config" / "templates" / "en"
    templates_dir.mkdir(parents=True)
    (templates_dir / "other.toml").write_text("follow_up_days = 'soon'\n")
    code, _, err = run(capsys, "check")
    assert code == 2
    assert f"{roster_file(tmp_path)}:2:" in err and "id is missing" in err
    assert f"{templates_dir / 'other.toml'}:1:" in err


def test_the_core_functions_the_contracts_screen_uses(store: Store, tmp_path) -> None:
    from datetime import date, datetime, timedelta, timezone

    from journal import roster as core

    now = datetime(2026, 11, 20, 9, 0, tzinfo=timezone(timedelta(hours=9)))
    item = core.add_contract(store, "Acme Ltd", now, deadline=date(2026, 11, 30), pending=core.parse_money("USD 420"))
    assert (item.id, str(item.pending.amount), item.pending.currency) == ("acme-ltd", "420", "USD")
    changed = core.update_contract(store, "acme-ltd", deadline=date(2026, 12, 5), note="moved")
    assert changed.deadline == date(2026, 12, 5) and core.load_roster(store)[0].note == "moved"
    with pytest.raises(ValueError):
        core.update_contract(store, "acme-ltd", id="other")
    core.end_contract(store, "acme-ltd", now)
    assert core.active_contracts(store) == [] and core.load_roster(store)[0].ended_at == now
    core.update_contract(store, "acme-ltd", state="active")
    assert [c.id for c in core.active_contracts(store)] == ["acme-ltd"]
    assert core.load_roster(store)[0].ended_at is None


_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
_entries = st.builds(
    _roster.RosterContract,
    id=st.from_regex(r"[a-z0-9]{1,10}", fullmatch=True),
    client=_text.filter(lambda t: t.strip() != ""),
    contract_id=_text,
    state=st.sampled_from(_roster.ROSTER_STATES),
    deadline=st.none() | st.dates(min_value=_date(2000, 1, 1), max_value=_date(2100, 1, 1)),
    pending=st.none()
    | st.builds(
        _Money,
        amount=st.decimals(
            allow_nan=False, allow_infinity=False, places=2, max_value=_Decimal("1e9"), min_value=_Decimal("-1e9")
        ),
        currency=st.sampled_from(["USD", "JPY", "EUR"]),
    ),
    note=_text,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_entries, max_size=5, unique_by=lambda e: e.id))
def test_a_roster_reads_back_exactly_as_written(entries) -> None:
    text = _roster.dumps(entries)
    assert _roster.loads(text) == entries
    assert _roster.dumps(_roster.loads(text)) == text
