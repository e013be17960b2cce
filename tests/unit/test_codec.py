from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal import codec
from journal.codec import FormatError
from journal.model import (
    Attachment,
    ChecklistItem,
    Contract,
    Event,
    Incident,
    Message,
    Money,
    SupportRequest,
)
from tests.conftest import JST


def full_incident(opened: datetime) -> Incident:
    incident = Incident(
        id="2026-11-20-security-review-hold",
        title="[Upwork] アカウント停止 [/] [@click=app.quit]x",
        kind="security-review",
        opened_at=opened,
        follow_up_at=opened + timedelta(days=2),
        summary='Line one\nLine "two" \\ with backslash',
        tags=["yellow-card", "日本語"],
    )
    incident.add_message(
        Message(
            at=opened,
            sender="Upwork",
            subject="On hold",
            body="Dear user,\r\n\tindented\r\n\"\"\" ''' \\n end\r\n",
            note="メモ",
        )
    )
    incident.add_message(
        Message(
            at=opened + timedelta(hours=1), direction="sent", channel="in-app", sender="me", subject="Re", body="ok"
        )
    )
    incident.add_event(Event(at=opened + timedelta(minutes=5), kind="password-changed", text="changed"))
    incident.checklist = [
        ChecklistItem("Change the password", done_at=opened),
        ChecklistItem("Turn on 2FA", note="soon"),
    ]
    incident.contracts = [
        Contract(
            "Acme",
            contract_id="38211",
            state="paused",
            deadline=date(2026, 11, 30),
            pending=Money(Decimal("420.10"), "USD"),
            client_told_at=opened,
            note="n",
        ),
        Contract("株式会社さくら"),
    ]
    incident.requests = [
        SupportRequest(
            "IP check screenshot",
            asked_at=opened,
            answer="sent",
            answered_at=opened + timedelta(hours=3),
            attachments=[Attachment("ip.png", "ab" * 32, 1234)],
        ),
        SupportRequest("Devices?"),
    ]
    incident.set_status("waiting", opened + timedelta(hours=2))
    return incident


def test_round_trip_every_section(opened: datetime) -> None:
    incident = full_incident(opened)
    text = codec.dumps(incident)
    assert codec.loads(text) == incident
    assert text.startswith("format = 1\n")


def test_same_incident_same_bytes(opened: datetime) -> None:
    a, b = full_incident(opened), full_incident(opened)
    assert codec.dumps(a) == codec.dumps(b)
    assert codec.dumps(codec.loads(codec.dumps(a))) == codec.dumps(a)


def test_crlf_and_controls_kept_exactly(opened: datetime) -> None:
    body = "a\r\nb\rc\n\x00\x1b[2J\u202e\ttab\\"
    incident = Incident(id="x", title="t", kind="other", opened_at=opened)
    incident.add_message(Message(at=opened, body=body))
    assert codec.loads(codec.dumps(incident)).messages[0].body == body


def test_multiline_body_is_readable_in_the_file(opened: datetime) -> None:
    incident = Incident(id="x", title="t", kind="other", opened_at=opened)
    incident.add_message(Message(at=opened, body="first line\nsecond line\n"))
    assert "first line\nsecond line" in codec.dumps(incident)


def test_money_is_exact(opened: datetime) -> None:
    incident = Incident(id="x", title="t", kind="other", opened_at=opened)
    incident.contracts = [Contract("A", pending=Money(Decimal("0.10"), "JPY"))]
    text = codec.dumps(incident)
    assert 'amount = "0.10"' in text
    assert codec.loads(text).contracts[0].pending == Money(Decimal("0.10"), "JPY")


def test_unknown_keys_kept_on_round_trip(opened: datetime) -> None:
    text = codec.dumps(full_incident(opened))
    text = text.replace('status = "waiting"\n', 'status = "waiting"\nfuture_field = "kept"\n', 1)
    text = text.replace('subject = "On hold"\n', 'subject = "On hold"\nlabels = ["x", 2]\n', 1)
    text += "\n[future_table]\nanswer = 42\n"
    again = codec.dumps(codec.loads(text))
    loaded = codec.loads(again)
    assert loaded.extra == {"future_field": "kept", "future_table": {"answer": 42}}
    assert loaded.messages[0].extra == {"labels": ["x", 2]}


def test_odd_offset_is_stored_as_same_instant(opened: datetime) -> None:
    odd = datetime(2026, 1, 1, 12, 0, 30, tzinfo=timezone(timedelta(hours=5, minutes=30, seconds=10)))
    incident = Incident(id="x", title="t", kind="other", opened_at=odd)
    loaded = codec.loads(codec.dumps(incident))
    assert loaded.opened_at == odd


def _error(text: str) -> FormatError:
    with pytest.raises(FormatError) as caught:
        codec.loads(text, "inc.toml")
    return caught.value


BASE = 'format = 1\nid = "x"\ntitle = "t"\nkind = "other"\nopened_at = 2026-11-20T09:12:00+09:00\n'


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (BASE + "status = \n", 6, "not valid TOML"),
        (BASE.replace("+09:00", ""), 5, "has no UTC offset"),
        (BASE.replace('kind = "other"', 'kind = "weird"'), 4, "expected one of"),
        (BASE.replace('title = "t"', "title = 3"), 3, "must be text"),
        (
            BASE + "\n[[messages]]\nat = 2026-11-20T09:12:00+09:00\n\n[[messages]]\nat = 2026-11-20T09:12:00\n",
            11,
            "messages[1].at has no UTC offset",
        ),
        (BASE + '\n[[contracts]]\nclient = "A"\ndeadline = "tomorrow"\n', 9, "must be a date"),
        (BASE + "\n[[checklist]]\ndone_at = 2026-11-20T09:12:00+09:00\n", 7, "checklist[0].text is missing"),
        (BASE.replace("format = 1", "format = 2"), 1, "newer Incident Journal"),
    ],
    ids=["syntax", "naive-time", "bad-kind", "wrong-type", "second-message", "bad-date", "missing-text", "newer"],
)
def test_errors_name_file_line_and_reason(text: str, line: int, words: str) -> None:
    error = _error(text)
    assert error.line == line
    assert words in str(error)
    assert str(error).startswith(f"inc.toml:{line}:")


def test_missing_format_is_not_an_incident() -> None:
    assert "format" in str(_error(BASE.replace("format = 1\n", "")))


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xef\xbb\xbf" + BASE.encode(), "byte order mark"),
        (BASE.encode() + b'summary = "\xff"\n', "not UTF-8"),
        (b"x" * (codec.MAX_FILE_BYTES + 1), "the limit is"),
    ],
    ids=["bom", "not-utf8", "oversize"],
)
def test_bytes_that_are_refused(data: bytes, words: str) -> None:
    with pytest.raises(FormatError) as caught:
        codec.load_bytes(data, "inc.toml")
    assert words in str(caught.value)
    assert str(caught.value).startswith("inc.toml")


def test_not_utf8_names_the_line() -> None:
    with pytest.raises(FormatError) as caught:
        codec.load_bytes(BASE.encode() + b'summary = "\xff"\n', "inc.toml")
    assert caught.value.line == 6


@pytest.mark.parametrize(
    "text",
    ["a = " + "[" * 5000 + "]" * 5000, ".".join(["a"] * 50_000) + " = 1", "a = { " * 3000],
    ids=["deep-arrays", "dotted-key-50000", "deep-inline-tables"],
)
def test_hostile_nesting_refused_quickly(text: str) -> None:
    error = _error(text)
    assert str(error).startswith("inc.toml")


aware = st.datetimes(
    min_value=datetime(1900, 1, 1),
    max_value=datetime(2200, 1, 1),
    timezones=st.builds(lambda m: timezone(timedelta(minutes=m)), st.integers(-23 * 60, 23 * 60)),
)
any_text = st.text(max_size=300)


@settings(max_examples=150, deadline=None)
@given(title=any_text, body=any_text, note=any_text, sender=any_text, at=aware, opened=aware, event_text=any_text)
def test_any_text_and_moment_survive(title, body, note, sender, at, opened, event_text) -> None:
    incident = Incident(id="x", title=title, kind="other", opened_at=opened, summary=body)
    incident.messages.append(Message(at=at, sender=sender, body=body, note=note))
    incident.events.append(Event(at=at, text=event_text))
    incident.checklist.append(ChecklistItem(text=title, done_at=at, note=note))
    loaded = codec.loads(codec.dumps(incident))
    assert loaded == incident
    assert loaded.messages[0].at.utcoffset() == at.utcoffset()
    assert loaded.opened_at.utcoffset() == opened.utcoffset()


def test_full_incident_fields_checked(opened: datetime) -> None:
    incident = full_incident(opened)
    loaded = codec.loads(codec.dumps(incident))
    assert loaded.contracts[0].deadline == date(2026, 11, 30)
    assert loaded.requests[0].attachments[0].sha256 == "ab" * 32
    assert loaded.events[-1].kind == "status-changed"
    assert loaded.events[-1].text == "open -> waiting"
    assert loaded.opened_at == datetime(2026, 11, 20, 9, 12, tzinfo=JST)


# Values a newer version could put under a key this one does not know: TOML's own types,
# nested lists and tables included. Key names start with `x_` so none is a known key.
unknown_value = st.recursive(
    st.one_of(st.text(max_size=40), st.integers(-(2**63), 2**63 - 1), st.booleans(), aware),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.from_regex(r"x_[a-z]{1,6}", fullmatch=True), inner, max_size=3)
    ),
    max_leaves=6,
)
unknown_keys = st.dictionaries(st.from_regex(r"x_[a-z0-9_]{1,8}", fullmatch=True), unknown_value, max_size=3)


@settings(max_examples=100, deadline=None)
@given(st.lists(unknown_keys, min_size=9, max_size=9), aware)
def test_unknown_keys_inside_any_table_survive(extras, at) -> None:
    incident = Incident(id="x", title="t", kind="other", opened_at=at, extra=extras[0])
    incident.messages.append(Message(at=at, extra=extras[1]))
    incident.events.append(Event(at=at, extra=extras[2]))
    incident.checklist.append(ChecklistItem(text="c", extra=extras[3]))
    incident.contracts.append(Contract("A", pending=Money(Decimal("1.50"), "EUR", extra=extras[4]), extra=extras[5]))
    incident.requests.append(
        SupportRequest(question="q", attachments=[Attachment(path="a.png", extra=extras[6])], extra=extras[7])
    )
    incident.events.append(Event(at=at, kind="reinstated", text="back", extra=extras[8]))
    loaded = codec.loads(codec.dumps(incident))
    assert loaded == incident
    assert codec.dumps(loaded) == codec.dumps(incident)
