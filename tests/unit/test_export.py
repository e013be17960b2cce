"""Export: TOML that imports back, a Markdown summary, notes, redaction, evidence, -o."""

from __future__ import annotations

import dataclasses
import os
import stat
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal import codec
from journal.cli import main
from journal.model import Incident
from journal.sharing import build_export, write_export
from journal.store import Store

from .sharing_data import OPENED, security_review

NOW = OPENED + timedelta(days=2, hours=5)
ADDRESSES = [
    "203.0.113.77",
    "2001:db8:85a3::8a2e:370:7334",
    "198.51.100.23",
    "192.0.2.10",
    "security@upwork.example",
    "taro.yamada@example.jp",
    "hanako@sakura.example",
    "+81 90-1234-5678",
    "０９０－１２３４－５６７８",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def saved(store: Store, tmp_path: Path) -> Incident:
    return store.create(security_review(tmp_path / "evidence"))


def without_notes(incident: Incident) -> Incident:
    copy = dataclasses.replace(incident)
    copy.messages = [dataclasses.replace(m, note="") for m in incident.messages]
    copy.checklist = [dataclasses.replace(c, note="") for c in incident.checklist]
    copy.contracts = [dataclasses.replace(c, note="") for c in incident.contracts]
    return copy


# ---------------------------------------------------------------------------- TOML


def test_toml_with_notes_round_trips_every_section(saved: Incident, store: Store, capsys, tmp_path: Path) -> None:
    out = tmp_path / "shared.toml"
    code, _, err = run(capsys, "export", saved.id, "--include-notes", "-o", str(out))
    assert code == 0, err
    code, printed, err = run(capsys, "import", str(out))
    assert code == 0, err
    new_id = printed.strip()
    assert new_id == saved.id + "-2"  # the id was taken: a new one, printed
    again = store.load(new_id)
    received = [a for r in again.requests for a in r.attachments]
    assert received and all(a.imported for a in received)  # the sender's files, never looked up here
    for item in received:
        item.imported = False
    assert dataclasses.replace(again, id=saved.id) == saved
    for section in ("messages", "events", "checklist", "contracts", "requests", "tags", "extra"):
        assert getattr(again, section), section


def test_toml_leaves_notes_out_by_default(saved: Incident, store: Store, capsys, tmp_path: Path) -> None:
    code, text, _ = run(capsys, "export", saved.id)
    assert code == 0
    assert "自分用メモ" not in text and "password manager" not in text and "hanako@" not in text
    back = codec.loads(text)
    assert dataclasses.replace(back, id=saved.id) == without_notes(saved)


def test_toml_export_is_deterministic_and_the_store_is_unchanged(saved: Incident, store: Store, capsys) -> None:
    before = store.path_for(saved.id).read_bytes()
    first = run(capsys, "export", saved.id, "--redact")[1]
    second = run(capsys, "export", saved.id, "--redact")[1]
    assert first == second
    assert store.path_for(saved.id).read_bytes() == before
    assert store.load(saved.id) == saved


def test_redacted_toml_masks_everywhere_and_imports_cleanly(
    saved: Incident, store: Store, capsys, tmp_path: Path
) -> None:
    out = tmp_path / "redacted.toml"
    code, _, err = run(capsys, "export", saved.id, "--redact", "--include-notes", "-o", str(out))
    assert code == 0 and "masked" in err
    text = out.read_text()
    for address in ADDRESSES:
        assert address not in text, address
    assert "[ip-1]" in text and "[email-1]" in text and "[phone-1]" in text
    # the same address keeps its placeholder across fields: 203.0.113.77 is in two messages
    assert text.count("[ip-1]") >= 2
    assert "40177230" in text and "420.00" in text and "2026-11-22" in text  # look-alikes stay
    assert str(tmp_path) not in text and 'path = "ip-check-no-vpn.png"' in text  # file names only
    code, printed, err = run(capsys, "import", str(out))
    assert code == 0, err
    imported = store.load(printed.strip())
    assert imported.messages[1].body.startswith("Hello,\n\nWe noticed a sign-in to your account from [ip-1] ([ip-2])")
    assert imported.extra == {"reviewer_ref": "case 7741 via [ip-4]"}


def test_an_id_made_from_an_address_is_made_again(store: Store, capsys) -> None:
    code, out, _ = run(
        capsys, "new", "--kind", "other", "--title", "Call from 090-1234-5678", "--opened", "2026-11-20 09:00"
    )
    incident_id = out.strip().splitlines()[-1]
    assert "090-1234-5678" in incident_id
    text = run(capsys, "export", incident_id, "--redact")[1]
    assert "1234" not in text
    assert 'id = "2026-11-20-other-call-from-phone-1"' in text


def test_build_export_gives_spans_of_the_placeholders(saved: Incident) -> None:
    for fmt in ("toml", "markdown"):
        done = build_export(saved, fmt=fmt, redact=True, now=NOW)
        assert done.spans and done.masked >= 7
        for span in done.spans:
            assert done.text[span.start : span.end] == span.label
        plain = build_export(saved, fmt=fmt, redact=False, now=NOW)
        assert plain.spans == [] and plain.masked == 0


# ---------------------------------------------------------------------------- Markdown


def test_markdown_summary_reads_as_a_ticket(saved: Incident) -> None:
    text = build_export(saved, fmt="markdown", now=NOW).text
    lines = text.splitlines()
    assert lines[0] == "# Account on hold after a security check"
    for needle in (
        "- Platform: Upwork",
        "- Kind: Security review",
        "- Status: waiting",
        "- Opened: 2026-11-20 09:12 +09:00 (2026-11-20 00:12 UTC)",
        "- Days on hold: 2 (2d 5h)",
        "- Waiting on support: 2d 2h since my last message or answer, at 2026-11-20 12:12 +09:00 (2026-11-20 03:12 UTC)",
        "- Support requests: 2, 1 not answered yet",
        "- Money pending: 420.00 USD",
        "## Timeline (3)",
        "- 2026-11-20 08:32 +09:00 (2026-11-19 23:32 UTC) - Password changed: Changed the password",
        "## Messages (2)",
        "### 2. Your account is on hold",
        "- From: Upwork Account Security \\<security@upwork.example\\> (received, email)",
        "## Support requests (2)",
        "- Answered: not yet",
        "## Affected contracts (2)",
        "- Sakura Apps 株式会社: contract 40177230, active, deadline 2026-11-22, pending 420.00 USD, "
        "client told 2026-11-20 11:12 +09:00 (2026-11-20 02:12 UTC)",
        "## Checklist (1 of 2 done)",
        "## Evidence (3 files, 1 not as recorded)",
    ):
        assert needle in lines, needle
    # the timeline is in time order; message bodies are verbatim in fences, CRLF shown as LF
    assert text.index("Password changed") < text.index("Support contacted") < text.index("Support replied")
    assert "```\nI got a verification email for a sign-in from 203.0.113.77 I did not make.\nCall" in text
    assert "\r" not in text


def test_markdown_notes_only_when_asked(saved: Incident) -> None:
    plain = build_export(saved, fmt="markdown", now=NOW).text
    assert "My note" not in plain and "自分用メモ" not in plain and "password manager" not in plain
    noted = build_export(saved, fmt="markdown", include_notes=True, now=NOW).text
    assert "> My note: 自分用メモ: パスワードは変更済み" in noted
    assert "> My note: used the password manager" in noted
    assert "hanako@sakura.example" in noted


def test_markdown_redacted_keeps_the_story(saved: Incident) -> None:
    text = build_export(saved, fmt="markdown", redact=True, include_notes=True, now=NOW).text
    for address in ADDRESSES:
        assert address not in text, address
    assert "from [ip-1] ([ip-2])" in text and "Please reply to [email-" in text
    assert "My number for callbacks: [phone-1]." in text and "Call [phone-1]." in text
    assert "2026-11-20 09:12 +09:00 (2026-11-20 00:12 UTC)" in text  # moments untouched


def test_markdown_is_safe_for_a_terminal_and_for_fences(store: Store, opened: datetime) -> None:
    incident = Incident(id="", title="t \x1b]0;owned\x07", kind="other", opened_at=opened)
    from journal.model import Message

    incident.add_message(Message(at=opened, subject="s", body="```\nnot the end\x1b[2J\u202e\n````"))
    text = build_export(incident, fmt="markdown", now=opened).text
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "\n`````\n```\nnot the end" in text  # a longer fence than any inside


def test_markdown_in_utc_zone_does_not_repeat_the_time(saved: Incident, monkeypatch) -> None:
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    text = build_export(saved, fmt="markdown", now=NOW).text
    assert "- Opened: 2026-11-20 00:12 +00:00 (UTC)" in text.splitlines()


# ---------------------------------------------------------------------------- evidence


def test_evidence_is_listed_and_problems_reported(saved: Incident, capsys, tmp_path: Path) -> None:
    (tmp_path / "evidence" / "login-history.txt").write_text("edited afterwards\n")
    code, text, err = run(capsys, "export", saved.id, "--format", "markdown")
    assert code == 0
    evidence = text[text.index("## Evidence") :]
    shot = saved.requests[0].attachments[0]
    assert (
        f"- ip-check-no-vpn.png (request 1): {shot.size:,} bytes, sha256 {shot.sha256} - checked now: unchanged"
        in evidence
    )
    assert "- login-history.txt (request 1):" in evidence and "CHECK FAILED: changed" in evidence
    assert (
        "- gone.png (request 1): 10 bytes, sha256 " + "0" * 64 + " - CHECK FAILED: missing, file not found" in evidence
    )
    assert str(tmp_path) not in evidence  # file names only: folders can hold the user's name
    warnings = err.strip().splitlines()
    assert len(warnings) == 2
    assert "login-history.txt: evidence for request 1 is changed" in warnings[0]
    assert "gone.png: evidence for request 1 is missing" in warnings[1]
    code, text, err = run(capsys, "export", saved.id)
    assert text.startswith("# Evidence not as recorded when this file was exported:\n")
    assert "#   gone.png (request 1): missing, file not found" in text
    assert codec.loads(text).requests[0].attachments[2].sha256 == "0" * 64


def test_evidence_that_is_not_a_regular_file_does_not_block(store: Store, tmp_path: Path) -> None:
    incident = security_review(tmp_path / "evidence")
    fifo = tmp_path / "evidence" / "pipe"
    os.mkfifo(fifo)
    incident.requests[0].attachments[0].path = str(fifo)
    done = build_export(incident, fmt="markdown", now=NOW)
    assert done.evidence[0].status == "unreadable"


# ---------------------------------------------------------------------------- -o FILE


def test_output_file_is_private_and_never_overwritten_without_force(saved: Incident, capsys, tmp_path: Path) -> None:
    out = tmp_path / "summary.md"
    code, printed, err = run(capsys, "export", saved.id, "--format", "markdown", "-o", str(out))
    assert code == 0 and printed == "" and f"Wrote {out}" in err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text().startswith("# Account on hold")
    out.write_text("keep me")
    code, _, err = run(capsys, "export", saved.id, "-o", str(out))
    assert code == 1 and "already exists" in err and "--force" in err and err.count("\n") == 1
    assert out.read_text() == "keep me"
    code, _, err = run(capsys, "export", saved.id, "-o", str(out), "--force")
    assert code == 0 and codec.loads(out.read_text()).title == saved.title
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_output_refuses_links_folders_and_the_journal_itself(
    saved: Incident, store: Store, capsys, tmp_path: Path
) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("precious")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    for extra in ([], ["--force"]):
        code, _, err = run(capsys, "export", saved.id, "-o", str(link), *extra)
        assert code == 1 and "symbolic link" in err
    assert target.read_text() == "precious"
    code, _, err = run(capsys, "export", saved.id, "-o", str(tmp_path))
    assert code == 1 and "folder" in err
    own = store.path_for(saved.id)
    before = own.read_bytes()
    code, _, err = run(capsys, "export", saved.id, "--format", "markdown", "-o", str(own), "--force")
    assert code == 2 and "data folder" in err
    assert own.read_bytes() == before
    code, _, err = run(capsys, "export", saved.id, "--force")
    assert code == 2 and "-o" in err


def test_output_into_a_missing_folder_is_one_line(saved: Incident, capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "export", saved.id, "-o", str(tmp_path / "nope" / "x.toml"))
    assert code == 1 and err.count("\n") == 1 and "nope" in err


def test_write_export_never_replaces_a_file_that_appears(tmp_path: Path) -> None:
    target = tmp_path / "x.md"
    write_export(target, "one")
    with pytest.raises(Exception, match="already exists"):
        write_export(target, "two")
    assert target.read_text() == "one"


def test_unknown_id_and_bad_format(capsys) -> None:
    code, _, err = run(capsys, "export", "no-such-id")
    assert code == 1 and err.count("\n") == 1
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "x", "--format", "pdf"])
    assert exit_info.value.code == 2


def test_moments_in_another_offset_show_both_zones(store: Store) -> None:
    eastern = timezone(timedelta(hours=-5))
    incident = Incident(id="", title="t", kind="other", opened_at=datetime(2026, 11, 20, 19, 0, tzinfo=eastern))
    text = build_export(incident, fmt="markdown", now=datetime(2026, 11, 22, tzinfo=UTC)).text
    assert "- Opened: 2026-11-21 09:00 +09:00 (2026-11-21 00:00 UTC)" in text.splitlines()
