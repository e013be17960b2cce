"""Hostile mail is refused before Python's email package parses it: one line, exit 2, under a
memory cap, from the command line, the TUI's ctrl+l and a pasted raw email."""

from __future__ import annotations

import email
from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal import eml, mail_limits
from journal.cli import main
from journal.errors import BadInputError
from journal.store import Store
from tests.robustness.capped import run_capped

NOW = datetime(2026, 11, 22, tzinfo=UTC)
HEAD = b"Subject: hold\r\nDate: Fri, 20 Nov 2026 09:00:00 +0900\r\n"

HOSTILE: dict[str, tuple[bytes, str]] = {
    "nested comments": (
        b"From: " + b"(" * 400 + b"a" + b")" * 400 + b" <a@b.example>\r\n" + HEAD,
        "parentheses 400 deep",
    ),
    "40,000 addresses": (b"From: " + b", ".join(b"a%d@b.c" % i for i in range(40_000)) + b"\r\n" + HEAD, "headers are"),
    "1,500 addresses": (
        b"To: " + b",".join(b"a%d@b" % i for i in range(1_500)) + b"\r\nFrom: x@y\r\n" + HEAD,
        "1,500 addresses",
    ),
    "encoded words": (
        b"Subject: " + b" ".join(b"=?utf-8?q?a?=" for _ in range(3_000)) + b"\r\nFrom: x@y\r\n",
        "3,000 encoded words",
    ),
    "one long header": (b"X-Long: " + b"a " * 40_000 + b"\r\nFrom: x@y\r\n" + HEAD, "X-Long header is 80,001 bytes"),
    "MIME nesting": (
        b"From: x@y\r\n"
        + HEAD
        + b"".join(b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (i, i) for i in range(2_000)),
        "2,000 multipart parts",
    ),
    "content-type parameters": (
        b"From: x@y\r\nContent-Type: text/plain; " + b"; ".join(b'a%d="(x"' % i for i in range(3_000)) + b"\r\n\r\nx",
        "3,000 parameters",
    ),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_mail_is_refused_before_the_email_package_sees_it(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    raw, reason = HOSTILE[name]

    def never(*_: object, **__: object) -> None:
        raise AssertionError("the email package was called")

    monkeypatch.setattr(email, "message_from_bytes", never)
    with pytest.raises(BadInputError) as caught:
        eml.parse_email_bytes(raw, NOW)
    assert reason in str(caught.value) and "\n" not in str(caught.value)


def test_real_mail_is_far_below_every_limit() -> None:
    raw = (
        b'From: "Trust (and) Safety" <ts@platform.example>\r\nTo: '
        + b", ".join(b"p%d@x.example" % i for i in range(300))
        + b"\r\nSubject: =?UTF-8?B?44GK5pSv5omV44GE44Gr44Gk44GE44Gm?=\r\n"
        + HEAD
        + b"Content-Type: multipart/alternative; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nHello\r\n--x--\r\n"
    )
    mail_limits.check_raw_email(raw)
    assert eml.parse_email_bytes(raw, NOW).message.body.strip() == "Hello"


@pytest.mark.parametrize("name", ["nested comments", "40,000 addresses", "MIME nesting", "encoded words"])
def test_the_command_refuses_hostile_mail_in_one_line_under_a_memory_cap(name: str, tmp_path: Path, capsys) -> None:
    assert main(["new", "--kind", "other", "--title", "x"]) == 0
    capsys.readouterr()
    incident_id = Store().ids()[0]
    source = tmp_path / "hostile.eml"
    source.write_bytes(HOSTILE[name][0])
    done = run_capped(Store().data_dir, "add-message", incident_id, "--eml", str(source), cap=300 * 1024 * 1024)
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert err.count("\n") == 1 and str(source) in err and HOSTILE[name][1] in err
    assert len(Store().load(incident_id).messages) == 0
