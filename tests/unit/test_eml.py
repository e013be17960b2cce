"""Notice intake from raw email: Date (same instant, offset kept), From, Subject (encoded
words decoded), Message-ID, the text body (text/plain preferred), odd charsets, a missing
Date, and the SHA-256 of the raw bytes; kept exactly in the incident file."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal import codec, eml
from journal.cli import main
from journal.model import Incident, Message
from journal.store import Store

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=timezone(timedelta(hours=9)))


def b64(text: str, charset: str) -> str:
    return base64.b64encode(text.encode(charset)).decode("ascii")


def encoded_word(text: str, charset: str) -> str:
    return f"=?{charset}?B?{b64(text, charset)}?="


SUSPENSION = (
    "From: Upwork Trust & Safety <no-reply@upwork.example>\r\n"
    "To: me@example.com\r\n"
    "Subject: =?UTF-8?Q?Your_contract_is_on_hold_=E2=80=94_38211?=\r\n"
    "Date: Fri, 20 Nov 2026 19:12:05 -0500\r\n"
    "Message-ID: <a1b2c3@mail.upwork.example>\r\n"
    "MIME-Version: 1.0\r\n"
    'Content-Type: multipart/alternative; boundary="b1"\r\n'
    "\r\n"
    "--b1\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<p>HTML version</p>\r\n"
    "--b1\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "We found a potential issue with your contract with Acme =E2=80=94 we paused it.\r\n"
    "--b1--\r\n"
).encode("ascii")


def write(tmp_path: Path, raw: bytes, name: str = "notice.eml") -> Path:
    path = tmp_path / name
    path.write_bytes(raw)
    return path


def test_a_multipart_email_gives_its_plain_text_and_headers() -> None:
    parsed = eml.parse_email_bytes(SUSPENSION, NOW)
    m = parsed.message
    assert m.at == datetime(2026, 11, 20, 19, 12, 5, tzinfo=timezone(timedelta(hours=-5)))
    assert m.at.utcoffset() == timedelta(hours=-5)  # the offset it was written with, kept
    assert m.sender == "Upwork Trust & Safety <no-reply@upwork.example>"
    assert m.subject == "Your contract is on hold — 38211"
    assert m.message_id == "<a1b2c3@mail.upwork.example>"
    assert (
        m.body == "We found a potential issue with your contract with Acme — we paused it."
    )  # the CRLF before a boundary is the boundary's
    assert m.raw_sha256 == hashlib.sha256(SUSPENSION).hexdigest()
    assert (m.direction, m.channel) == ("received", "email")
    assert parsed.notes == [] and not parsed.date_missing


@pytest.mark.parametrize("charset", ["iso-2022-jp", "shift_jis", "euc-jp", "utf-8"])
def test_japanese_charsets_in_subject_and_body(charset: str) -> None:
    subject = "契約の一時停止について"
    body = "お客様の契約を一時停止しました。\n審査が終わるまで作業を再開しないでください。\n"
    raw = (
        f"From: {encoded_word('Upwork サポート', charset)} <support@upwork.example>\n"
        f"Subject: {encoded_word(subject, charset)}\n"
        "Date: Sat, 21 Nov 2026 10:00:00 +0900\n"
        f"Content-Type: text/plain; charset={charset}\n"
        "Content-Transfer-Encoding: base64\n\n"
        f"{b64(body, charset)}\n"
    ).encode("ascii")
    m = eml.parse_email_bytes(raw, NOW).message
    assert m.subject == subject and m.sender == "Upwork サポート <support@upwork.example>"
    assert m.body == body


def test_a_7bit_iso_2022_jp_body_and_cp932_characters() -> None:
    body = "①お支払いは保留中です\n"  # a circled digit: only in the Windows superset of Shift_JIS
    raw = (
        b"From: support@example.com\nSubject: test\nDate: Sat, 21 Nov 2026 10:00:00 +0900\n"
        b"Content-Type: text/plain; charset=Shift_JIS\nContent-Transfer-Encoding: 8bit\n\n" + body.encode("cp932")
    )
    assert eml.parse_email_bytes(raw, NOW).message.body == body
    jis = "審査中です\n".encode("iso-2022-jp")
    raw = (
        b"From: a@b.c\nSubject: x\nDate: Sat, 21 Nov 2026 10:00:00 +0900\nContent-Type: text/plain; charset=ISO-2022-JP\n\n"
        + jis
    )
    assert eml.parse_email_bytes(raw, NOW).message.body == "審査中です\n"


def test_an_unknown_charset_is_read_as_utf8_and_said() -> None:
    raw = "From: a@b.c\nSubject: x\nDate: Sat, 21 Nov 2026 10:00:00 +0900\nContent-Type: text/plain; charset=x-made-up\n\ncafé\n".encode()
    parsed = eml.parse_email_bytes(raw, NOW)
    assert parsed.message.body == "café\n"


def test_bytes_that_fit_no_charset_are_replaced_and_said() -> None:
    raw = b"From: a@b.c\nSubject: x\nDate: Sat, 21 Nov 2026 10:00:00 +0900\nContent-Type: text/plain; charset=utf-8\n\nbad \xff\xfe byte\n"
    parsed = eml.parse_email_bytes(raw, NOW)
    assert "\ufffd" in parsed.message.body and any("not valid utf-8" in n for n in parsed.notes)


def test_an_html_only_email_is_turned_into_text() -> None:
    raw = (
        b"From: a@b.c\nSubject: x\nDate: Sat, 21 Nov 2026 10:00:00 +0900\nContent-Type: text/html; charset=utf-8\n\n"
        b"<html><head><style>p{}</style></head><body><p>Hello &amp; welcome</p><p>Line<br>two</p>"
        b"<script>alert(1)</script></body></html>"
    )
    parsed = eml.parse_email_bytes(raw, NOW)
    assert parsed.message.body == "Hello & welcome\n\nLine\ntwo\n"
    assert any("HTML" in n for n in parsed.notes)


def test_a_missing_date_falls_back_to_now_and_says_so(capsys, monkeypatch, tmp_path) -> None:
    raw = b"From: Upwork <a@b.c>\nSubject: Account on hold\n\nFor your protection...\n"
    parsed = eml.parse_email_bytes(raw, NOW)
    assert parsed.date_missing and parsed.message.at == NOW
    assert "no Date header" in parsed.notes[0]

    incident_id = new_incident(capsys)
    path = write(tmp_path, raw)
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", "2026-11-28T10:00:00+09:00")
    code = main(["add-message", incident_id, "--eml", str(path)])
    _, err = capsys.readouterr()
    assert code == 0 and f"{path}: the email has no Date header" in err
    assert Store().load(incident_id).messages[0].at.isoformat() == "2026-11-28T10:00:00+09:00"


def test_an_unreadable_date_falls_back_to_now() -> None:
    raw = b"From: a@b.c\nSubject: x\nDate: sometime last week\n\nbody\n"
    parsed = eml.parse_email_bytes(raw, NOW)
    assert parsed.date_missing and parsed.message.at == NOW and "could not read the Date" in parsed.notes[0]


def test_a_date_without_zone_is_taken_as_utc() -> None:
    raw = b"From: a@b.c\nSubject: x\nDate: Sat, 21 Nov 2026 10:00:00 -0000\n\nbody\n"
    assert eml.parse_email_bytes(raw, NOW).message.at == datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


def new_incident(capsys) -> str:
    code = main(
        ["new", "--kind", "contract-suspension", "--title", "Acme paused", "--opened", "2026-11-20T09:00+09:00"]
    )
    out, _ = capsys.readouterr()
    assert code == 0
    return out.strip().splitlines()[-1]


def test_add_message_eml_keeps_everything_in_the_file(capsys, tmp_path) -> None:
    incident_id = new_incident(capsys)
    path = write(tmp_path, SUSPENSION)
    code = main(["add-message", incident_id, "--eml", str(path), "--note", "the grey card"])
    _, err = capsys.readouterr()
    assert code == 0, err
    text = (tmp_path / "data" / "incidents" / f"{incident_id}.toml").read_text()
    assert "at = 2026-11-20 19:12:05-05:00" in text
    assert 'message_id = "<a1b2c3@mail.upwork.example>"' in text
    assert f'raw_sha256 = "{hashlib.sha256(SUSPENSION).hexdigest()}"' in text
    incident = Store().load(incident_id)
    m = incident.messages[0]
    assert m.subject == "Your contract is on hold — 38211" and m.note == "the grey card"
    assert incident.events[0].kind == "notice-received"
    # The round trip is exact: same incident, same bytes.
    assert codec.loads(codec.dumps(incident)) == incident
    assert codec.dumps(codec.loads(text)) == text


def test_add_message_eml_options_override_the_headers(capsys, tmp_path) -> None:
    incident_id = new_incident(capsys)
    path = write(tmp_path, SUSPENSION)
    code = main(
        [
            "add-message",
            incident_id,
            "--eml",
            str(path),
            "--subject",
            "Grey card",
            "--direction",
            "sent",
            "--at",
            "2026-11-21T08:00+09:00",
        ]
    )
    capsys.readouterr()
    m = Store().load(incident_id).messages[0]
    assert (
        code == 0
        and m.subject == "Grey card"
        and m.direction == "sent"
        and m.at.isoformat() == "2026-11-21T08:00:00+09:00"
    )
    assert m.sender == "Upwork Trust & Safety <no-reply@upwork.example>"


def test_add_message_eml_errors(capsys, tmp_path) -> None:
    incident_id = new_incident(capsys)
    code = main(["add-message", incident_id, "--eml", str(tmp_path / "missing.eml")])
    _, err = capsys.readouterr()
    assert code == 1 and "missing.eml" in err and len(err.strip().splitlines()) == 1
    code = main(["add-message", incident_id, "--eml", str(tmp_path)])
    _, err = capsys.readouterr()
    assert code == 2 and "not a regular file" in err
    code = main(["add-message", incident_id, "--sender", "x"])
    _, err = capsys.readouterr()
    assert code == 2 and "needs --subject" in err
    assert Store().load(incident_id).messages == []


def test_bad_raw_sha256_in_a_file_is_refused_with_its_line() -> None:
    text = (
        'format = 1\ntitle = "t"\nkind = "other"\nopened_at = 2026-11-20T09:00:00+09:00\n\n'
        '[[messages]]\nat = 2026-11-20T09:00:00+09:00\nraw_sha256 = "xyz"\n'
    )
    with pytest.raises(codec.FormatError) as error:
        codec.loads(text, "f.toml")
    assert str(error.value).startswith("f.toml:8:") and "64 hex digits" in str(error.value)


PASTED = """Delivered-To: me@example.com
From: Upwork <support@upwork.example>
Subject: =?UTF-8?B?44Ki44Kr44Km44Oz44OI44Gu5L+d55WZ?=
Date: Mon, 23 Nov 2026 02:00:00 +0000
Message-ID: <pasted@upwork.example>

Hello,
we placed a temporary hold on your account — 日本語も.
"""


def test_a_pasted_email_is_read_like_a_file() -> None:
    assert eml.looks_like_email(PASTED)
    parsed = eml.parse_pasted_email(PASTED, NOW)
    m = parsed.message
    assert m.subject == "アカウントの保留" and m.sender == "Upwork <support@upwork.example>"
    assert m.at == datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    assert m.body == "Hello,\nwe placed a temporary hold on your account — 日本語も.\n"
    assert m.raw_sha256 == hashlib.sha256(PASTED.encode()).hexdigest()


@pytest.mark.parametrize(
    "text",
    ["Hello,\nwe placed a hold.\n", "Note: this is my summary\nof the call.\n", "Subject: only one header\n\nbody"],
)
def test_plain_pasted_text_is_not_taken_for_an_email(text: str) -> None:
    assert not eml.looks_like_email(text)


def test_raw_utf8_headers_and_folded_encoded_words() -> None:
    raw = (
        "From: 山田 太郎 <yamada@example.jp>\n"
        "Subject: =?UTF-8?B?44Ki44Kr44Km44Oz44OI?=\n =?UTF-8?Q?=E3=81=AE=E4=BF=9D=E7=95=99?= notice\n"
        "Date: Mon, 23 Nov 2026 02:00:00 +0900\n\n本文\n"
    ).encode()
    m = eml.parse_email_bytes(raw, NOW).message
    assert m.sender == "山田 太郎 <yamada@example.jp>"
    assert m.subject == "アカウントの保留 notice"


def test_nested_multipart_with_an_attachment_gives_the_plain_text() -> None:
    raw = (
        b"From: a@b.c\nSubject: x\nDate: Mon, 23 Nov 2026 02:00:00 +0900\n"
        b'Content-Type: multipart/mixed; boundary="m"\n\n'
        b'--m\nContent-Type: multipart/alternative; boundary="a"\n\n'
        b"--a\nContent-Type: text/plain; charset=utf-8\n\nthe plain text\n"
        b"--a\nContent-Type: text/html\n\n<p>the html</p>\n--a--\n"
        b"--m\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=x.pdf\n"
        b"Content-Transfer-Encoding: base64\n\nJVBERi0=\n--m--\n"
    )
    assert eml.parse_email_bytes(raw, NOW).message.body == "the plain text"


@settings(max_examples=60, deadline=None)
@given(
    message_id=st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
    raw=st.binary(max_size=64),
)
def test_message_id_and_raw_sha256_round_trip_exactly(message_id: str, raw: bytes) -> None:
    incident = Incident(id="x", title="t", kind="other", opened_at=NOW)
    incident.add_message(Message(at=NOW, message_id=message_id, raw_sha256=hashlib.sha256(raw).hexdigest()))
    text = codec.dumps(incident)
    assert codec.loads(text) == incident
    assert codec.dumps(codec.loads(text)) == text
