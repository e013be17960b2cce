"""What a user reads when a file is refused, word for word, and the values at the edges of
what is accepted: each case here was added because changing the codec there went unnoticed
(mutation testing, docs/mutation.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from journal import codec
from journal.codec import FormatError
from journal.model import Amount, Attachment, Contract, Incident, Message, Money, SupportRequest

BASE = 'format = 1\nid = "x"\ntitle = "t"\nkind = "other"\nopened_at = 2026-11-20T09:12:00+09:00\n'
M = "\n[[messages]]\nat = 2026-11-20T09:12:00+09:00\n"
C = '\n[[contracts]]\nclient = "A"\n'
R = '\n[[requests]]\nquestion = "q"\n'
A = R + '\n[[requests.attachments]]\npath = "a.png"\n'
FILES = {
    "title-number": BASE.replace('title = "t"', "title = 3"),
    "title-bool": BASE.replace('title = "t"', "title = true"),
    "title-float": BASE.replace('title = "t"', "title = 1.5"),
    "title-date": BASE.replace('title = "t"', "title = 2026-11-20"),
    "title-local-time": BASE.replace('title = "t"', "title = 2026-11-20T09:00:00"),
    "title-time": BASE.replace('title = "t"', "title = 2026-11-20T09:00:00+09:00"),
    "title-list": BASE.replace('title = "t"', 'title = ["a"]'),
    "title-table": BASE.replace('title = "t"', "title = {a = 1}"),
    "title-too-long": BASE.replace('title = "t"', 'title = "' + "x" * 65537 + '"'),
    "kind-unknown": BASE.replace('kind = "other"', 'kind = "' + "w" * 70 + '"'),
    "status-unknown": BASE + 'status = "done"\n',
    "opened-as-text": BASE.replace("opened_at = 2026-11-20T09:12:00+09:00", 'opened_at = "2026-11-20"'),
    "opened-1899": BASE.replace("2026-11-20T09:12:00+09:00", "1899-12-31T23:59:59+00:00"),
    "opened-3000": BASE.replace("2026-11-20T09:12:00+09:00", "3000-01-01T00:00:00+00:00"),
    "tags-not-text": BASE + 'tags = ["a", 1]\n',
    "tags-text": BASE + 'tags = "a"\n',
    "messages-not-tables": BASE + "messages = [1]\n",
    "message-direction": BASE + M + 'direction = "up"\n',
    "message-channel": BASE + M + 'channel = "fax"\n',
    "message-raw-sha": BASE + M + 'raw_sha256 = "xyz"\n',
    "message-at-missing": BASE + '\n[[messages]]\nsubject = "s"\n',
    "message-body-long": BASE + M + 'body = "' + "b" * 1048577 + '"\n',
    "event-kind": BASE + '\n[[events]]\nat = 2026-11-20T09:12:00+09:00\nkind = "party"\n',
    "pending-text": BASE + C + 'pending = "420"\n',
    "pending-no-amount": BASE + C + 'pending = { currency = "USD" }\n',
    "pending-bool": BASE + C + "pending = { amount = true }\n",
    "pending-list": BASE + C + "pending = { amount = [1] }\n",
    "pending-nan": BASE + C + 'pending = { amount = "nan" }\n',
    "pending-inf": BASE + C + 'pending = { amount = "Infinity" }\n',
    "pending-words": BASE + C + 'pending = { amount = "four hundred" }\n',
    "pending-currency": BASE + C + 'pending = { amount = "1", currency = "DOLLARS" }\n',
    "pending-currency-digits": BASE + C + 'pending = { amount = "1", currency = "U5D" }\n',
    "contract-state": BASE + C + 'state = "gone"\n',
    "contract-deadline-time": BASE + C + "deadline = 2026-11-20T09:00:00\n",
    "attachment-sha": BASE + A + 'sha256 = "' + "g" * 64 + '"\n',
    "attachment-sha-short": BASE + A + 'sha256 = "' + "a" * 63 + '"\n',
    "attachment-size-negative": BASE + A + "size = -1\n",
    "attachment-size-bool": BASE + A + "size = true\n",
    "attachment-size-text": BASE + A + 'size = "1"\n',
    "attachment-path-missing": BASE + R + "\n[[requests.attachments]]\nsize = 1\n",
    "request-answered-text": BASE + R + 'answered_at = "soon"\n',
    "format-text": BASE.replace("format = 1", 'format = "' + "1" * 80 + '"'),
    "format-missing": BASE.replace("format = 1\n", ""),
}

EXPECTED = [
    ("title-number", "inc.toml:3:8: title must be text, not a whole number"),
    ("title-bool", "inc.toml:3:8: title must be text, not true/false"),
    ("title-float", "inc.toml:3:8: title must be text, not a number"),
    ("title-date", "inc.toml:3:8: title must be text, not a date"),
    ("title-local-time", "inc.toml:3:8: title must be text, not a local date-time"),
    ("title-time", "inc.toml:3:8: title must be text, not a date-time"),
    ("title-list", "inc.toml:3:8: title must be text, not a list"),
    ("title-table", "inc.toml:3:8: title must be text, not a table"),
    ("title-too-long", "inc.toml:3:8: title is 65,537 characters; the limit is 65,536"),
    (
        "kind-unknown",
        "inc.toml:4:7: kind is 'wwwwwwwwwwww...; expected one of: contract-suspension, account-hold, security-review, account-closure, payment-hold, policy-warning, identity-verification, payment-dispute, other",
    ),
    (
        "status-unknown",
        "inc.toml:6:9: status is 'done'; expected one of: open, waiting, action-needed, resolved, closed",
    ),
    ("opened-as-text", "inc.toml:5:12: opened_at must be a date-time with UTC offset, not text"),
    (
        "opened-1899",
        "inc.toml:5:12: opened_at is 1899-12-31T23:59:59+00:00; expected a moment in the years 1900 to 2999",
    ),
    (
        "opened-3000",
        "inc.toml:5:12: opened_at is 3000-01-01T00:00:00+00:00; expected a moment in the years 1900 to 2999",
    ),
    ("tags-not-text", "inc.toml:6:7: tags must be a list of text"),
    ("tags-text", "inc.toml:6:7: tags must be a list of text"),
    ("messages-not-tables", "inc.toml:6:11: messages must be a list of tables ([[messages]])"),
    ("message-direction", "inc.toml:9:12: messages[0].direction is 'up'; expected one of: received, sent"),
    (
        "message-channel",
        "inc.toml:9:10: messages[0].channel is 'fax'; expected one of: email, in-app, chat, phone, other",
    ),
    ("message-raw-sha", "inc.toml:9:13: messages[0].raw_sha256 must be 64 hex digits"),
    ("message-at-missing", "inc.toml:7:1: messages[0].at is missing"),
    ("message-body-long", "inc.toml:9:7: messages[0].body is 1,048,577 characters; the limit is 1,048,576"),
    (
        "event-kind",
        "inc.toml:9:7: events[0].kind is 'party'; expected one of: notice-received, support-contacted, support-replied, status-changed, password-changed, work-paused, work-resumed, client-notified, evidence-sent, reinstated, note",
    ),
    (
        "pending-text",
        'inc.toml:9:10: contracts[0].pending must be a table like { amount = "420.00", currency = "USD" }',
    ),
    ("pending-no-amount", "inc.toml:9:10: contracts[0].pending.amount is missing"),
    ("pending-bool", "inc.toml:9:10: contracts[0].pending.amount must be a number or a number in quotes"),
    ("pending-list", "inc.toml:9:10: contracts[0].pending.amount must be a number or a number in quotes"),
    ("pending-nan", "inc.toml:9:10: contracts[0].pending.amount must be a finite number"),
    ("pending-inf", "inc.toml:9:10: contracts[0].pending.amount must be a finite number"),
    ("pending-words", "inc.toml:9:10: contracts[0].pending.amount is not a number: 'four hundred'"),
    ("pending-currency", "inc.toml:9:10: contracts[0].pending.currency must be a 3-letter code like USD"),
    ("pending-currency-digits", "inc.toml:9:10: contracts[0].pending.currency must be a 3-letter code like USD"),
    ("contract-state", "inc.toml:9:8: contracts[0].state is 'gone'; expected one of: active, paused, ended"),
    (
        "contract-deadline-time",
        "inc.toml:9:11: contracts[0].deadline has no UTC offset (2026-11-20T09:00:00); write it like 2026-11-20T09:12:00+09:00",
    ),
    ("attachment-sha", "inc.toml:12:9: requests[0].attachments[0].sha256 must be 64 hex digits"),
    ("attachment-sha-short", "inc.toml:12:9: requests[0].attachments[0].sha256 must be 64 hex digits"),
    ("attachment-size-negative", "inc.toml:12:7: requests[0].attachments[0].size must be a whole number >= 0"),
    ("attachment-size-bool", "inc.toml:12:7: requests[0].attachments[0].size must be a whole number >= 0"),
    ("attachment-size-text", "inc.toml:12:7: requests[0].attachments[0].size must be a whole number >= 0"),
    ("attachment-path-missing", "inc.toml:10:1: requests[0].attachments[0].path is missing"),
    ("request-answered-text", "inc.toml:9:14: requests[0].answered_at must be a date-time with UTC offset, not text"),
    (
        "format-text",
        "inc.toml:1:9: format must be a whole number >= 1, not '11111111111111111111111111111111111111111111111111111111...",
    ),
    ("format-missing", "inc.toml: not an incident file: the `format` key is missing"),
]


@pytest.mark.parametrize(("name", "message"), EXPECTED, ids=[name for name, _ in EXPECTED])
def test_a_refused_file_gets_this_exact_line(name: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        codec.loads(FILES[name], "inc.toml")
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"\xef\xbb\xbfformat = 1\n",
            "inc.toml:1:1: starts with a byte order mark (BOM); save it as UTF-8 without BOM",
        ),
        (b'format = 1\ntitle = "a\xff"\n', "inc.toml:2:11: not UTF-8 text (byte 0xff)"),
        (b"ab\ncd\n\x80", "inc.toml:3:1: not UTF-8 text (byte 0x80)"),
        (b"\x80", "inc.toml:1:1: not UTF-8 text (byte 0x80)"),
    ],
    ids=["bom", "bad-byte-in-line-2", "bad-byte-at-line-start", "bad-first-byte"],
)
def test_bytes_that_are_not_utf8_text_name_line_and_column(data: bytes, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        codec.load_bytes(data, "inc.toml")
    assert str(caught.value) == message


def test_a_file_over_the_size_limit_is_refused_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codec, "MAX_FILE_BYTES", 10)
    assert codec.decode(b"x" * 10, "inc.toml") == "x" * 10
    with pytest.raises(FormatError) as caught:
        codec.decode(b"x" * 11, "inc.toml")
    assert str(caught.value) == "inc.toml: the file is 11 bytes; the limit is 10"


def test_values_at_the_edges_are_accepted() -> None:
    text = (
        BASE.replace("2026-11-20T09:12:00+09:00", "1900-01-01T00:00:00+00:00").replace(
            'title = "t"', 'title = "' + "t" * 65536 + '"'
        )
        + 'closed_at = 2999-12-31T23:59:59+00:00\nstatus = ""\n'
        + M
        + 'body = "'
        + "b" * 1048576
        + '"\nraw_sha256 = "'
        + "AB" * 32
        + '"\n'
        + C
        + 'pending = { amount = 420, currency = "eur" }\n'
        + C.replace('"A"', '"B"')
        + 'pending = { amount = " 0.10 " }\n'
        + C.replace('"A"', '"C"')
        + 'pending = { amount = 1.5, currency = "JPY" }\n'
        + A
        + 'sha256 = "'
        + "CD" * 32
        + '"\nsize = 0\n'
    )
    incident = codec.loads(text, "inc.toml")
    assert incident.opened_at == datetime(1900, 1, 1, tzinfo=UTC)
    assert incident.closed_at == datetime(2999, 12, 31, 23, 59, 59, tzinfo=UTC)
    assert len(incident.title) == 65536 and incident.status == "open"
    message = incident.messages[0]
    assert (message.direction, message.channel, len(message.body)) == ("received", "email", 1048576)
    assert message.raw_sha256 == "ab" * 32
    assert [c.pending for c in incident.contracts] == [
        Money(Decimal("420"), "EUR"),
        Money(Decimal("0.10"), "USD"),
        Money(Decimal("1.5"), "JPY"),
    ]
    assert incident.requests[0].attachments[0] == Attachment(path="a.png", sha256="cd" * 32, size=0)
    assert incident.platform == "Upwork" and incident.tags == [] and incident.summary == ""


def test_what_is_written_for_every_field() -> None:
    jst = timezone(timedelta(hours=9))
    at = datetime(2026, 11, 20, 9, 12, tzinfo=jst)
    incident = Incident(id="x", title="t", kind="other", opened_at=at, tags=["a"], summary="s", platform="Fiverr")
    incident.messages.append(
        Message(
            at=at,
            direction="sent",
            channel="chat",
            sender="me",
            subject="Hi",
            message_id="<1@x>",
            raw_sha256="ab" * 32,
            body="b",
            note="n",
        )
    )
    incident.contracts.append(
        Contract(
            "A",
            contract_id="7",
            state="paused",
            deadline=at.date(),
            pending=Money(Decimal("1.00"), "USD"),
            client_told_at=at,
            note="n",
        )
    )
    incident.requests.append(
        SupportRequest(
            question="q",
            asked_at=at,
            answer="a",
            answered_at=at,
            attachments=[Attachment(path="p.png", sha256="cd" * 32, size=3)],
        )
    )
    data = codec.to_dict(incident)
    assert list(data) == [
        "format",
        "id",
        "title",
        "platform",
        "kind",
        "status",
        "opened_at",
        "tags",
        "summary",
        "messages",
        "contracts",
        "requests",
    ]
    assert data["messages"] == [
        {
            "at": at,
            "direction": "sent",
            "channel": "chat",
            "sender": "me",
            "subject": "Hi",
            "message_id": "<1@x>",
            "raw_sha256": "ab" * 32,
            "body": "b",
            "note": "n",
        }
    ]
    assert data["contracts"] == [
        {
            "client": "A",
            "contract_id": "7",
            "state": "paused",
            "deadline": at.date(),
            "pending": {"amount": "1.00", "currency": "USD"},
            "client_told_at": at,
            "note": "n",
        }
    ]
    assert data["requests"] == [
        {
            "question": "q",
            "asked_at": at,
            "answer": "a",
            "answered_at": at,
            "attachments": [{"path": "p.png", "sha256": "cd" * 32, "size": 3}],
        }
    ]
    assert codec.loads(codec.dumps(incident)) == incident


def test_a_format_error_without_a_line_names_the_file_only() -> None:
    assert str(FormatError("inc.toml", "broken")) == "inc.toml: broken"
    assert str(FormatError("inc.toml", "broken", 3)) == "inc.toml:3: broken"
    error = FormatError("inc.toml", "broken", 3, 7)
    assert (str(error), error.path, error.reason, error.line, error.col) == (
        "inc.toml:3:7: broken",
        "inc.toml",
        "broken",
        3,
        7,
    )


AMOUNT = '\n[[contracts.amounts]]\nmoney = { amount = "1" }\n'
AMOUNT_REFUSALS = [
    (
        C + '\n[[contracts.amounts]]\nstate = "held"\n',
        'inc.toml:10:1: contracts[0].amounts[0].money is missing: write money = { amount = "420.00", currency = "USD" }',
    ),
    (
        C + '\n[[contracts.amounts]]\nmoney = "420"\n',
        'inc.toml:11:8: contracts[0].amounts[0].money must be a table like { amount = "420.00", currency = "USD" }',
    ),
    (
        C + AMOUNT + 'state = "gone"\n',
        "inc.toml:12:8: contracts[0].amounts[0].state is 'gone'; expected one of: in-escrow, in-review, pending,"
        " available, held, refunded",
    ),
    (
        C + AMOUNT + "changes_on = 2026-12-09T09:00:00+09:00\n",
        "inc.toml:12:13: contracts[0].amounts[0].changes_on must be a date like 2026-11-30, not a date-time",
    ),
    (
        C + AMOUNT + 'changes_on = "2026-12-09"\n',
        "inc.toml:12:13: contracts[0].amounts[0].changes_on must be a date like 2026-11-30, not text",
    ),
    (C + "amounts = [1]\n", "inc.toml:9:10: contracts[0].amounts must be a list of tables ([[amounts]])"),
]


@pytest.mark.parametrize(
    ("tail", "message"),
    AMOUNT_REFUSALS,
    ids=["no-money", "money-text", "state", "changes-on-moment", "changes-on-text", "not-tables"],
)
def test_a_refused_amount_of_a_contract_gets_this_exact_line(tail: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        codec.loads(BASE + tail, "inc.toml")
    assert str(caught.value) == message


def test_the_amounts_of_a_contract_as_written_and_read_back() -> None:
    at = datetime(2026, 11, 20, 9, 12, tzinfo=timezone(timedelta(hours=9)))
    incident = Incident(id="x", title="t", kind="other", opened_at=at)
    incident.contracts.append(
        Contract(
            "A",
            amounts=[
                Amount(
                    Money(Decimal("420.00"), "USD", extra={"note": "fee"}),
                    state="in-escrow",
                    changes_on=date(2026, 12, 9),
                    extra={"zz": 1},
                ),
                Amount(Money(Decimal("5"), "JPY")),
            ],
        )
    )
    text = codec.dumps(incident)
    assert text.split("[[contracts]]\n", 1)[1] == (
        'client = "A"\nstate = "active"\n\n'
        '[[contracts.amounts]]\nstate = "in-escrow"\nchanges_on = 2026-12-09\nzz = 1\n\n'
        '[contracts.amounts.money]\namount = "420.00"\ncurrency = "USD"\nnote = "fee"\n\n'
        '[[contracts.amounts]]\nstate = "pending"\n\n'
        '[contracts.amounts.money]\namount = "5"\ncurrency = "JPY"\n'
    )
    assert codec.loads(text) == incident


def test_an_amount_read_with_only_its_money_is_pending_with_no_day() -> None:
    incident = codec.loads(
        BASE + C + AMOUNT + "\n[[contracts.amounts]]\nmoney = { amount = 2.5 }\n" + 'state = "held"\n'
    )
    assert incident.contracts[0].amounts == [
        Amount(Money(Decimal("1"), "USD")),
        Amount(Money(Decimal("2.5"), "USD"), state="held"),
    ]
    assert incident.contracts[0].amounts[0].state == "pending" and incident.contracts[0].amounts[0].changes_on is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (BASE.replace('"other"', '"abcdefghijklmn"'), "inc.toml:4:7: kind is 'abcdefghijklmn'; expected one of: "),
        (BASE.replace('"other"', '"abcdefghijklmno"'), "inc.toml:4:7: kind is 'abcdefghijkl...; expected one of: "),
        (BASE.replace("format = 1", "format = [1]"), "inc.toml:1:9: format must be a whole number >= 1, not a list"),
        (
            BASE.replace("format = 1", "format = { a = 1 }"),
            "inc.toml:1:9: format must be a whole number >= 1, not a table",
        ),
        (BASE.replace('"t"', "09:00:00"), "inc.toml:3:8: title must be text, not time"),
    ],
    ids=["value-of-16-shown-whole", "value-of-17-cut", "format-list", "format-table", "local-time"],
)
def test_the_value_named_in_a_refusal(text: str, message: str) -> None:
    """A bad value is quoted when short, cut at 16 characters for a choice, and named by its
    kind when it is a list, a table or a TOML type without a name of its own."""
    with pytest.raises(FormatError) as caught:
        codec.loads(text, "inc.toml")
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\n\xff", "inc.toml:2:1: not UTF-8 text (byte 0xff)"),
        (b"\nab\xff", "inc.toml:2:3: not UTF-8 text (byte 0xff)"),
        (b"title = 3\n", "inc.toml: not an incident file: the `format` key is missing"),
        (b"format = 1\ntitle = 3\n", "inc.toml:2:8: title must be text, not a whole number"),
    ],
    ids=["bad-byte-after-a-first-empty-line", "bad-byte-later-in-line-2", "no-format", "refused-value"],
)
def test_the_bytes_of_a_file_refused_name_the_file_line_and_column(data: bytes, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        codec.load_bytes(data, "inc.toml")
    assert str(caught.value) == message


def test_a_file_read_without_a_name_is_called_incident() -> None:
    with pytest.raises(FormatError) as caught:
        codec.load_bytes(b"title = 3\n")
    assert str(caught.value) == "<incident>: not an incident file: the `format` key is missing"
    with pytest.raises(FormatError) as caught:
        codec.decode(b"\xff")
    assert str(caught.value) == "<incident>:1:1: not UTF-8 text (byte 0xff)"


def test_what_is_written_of_an_attachment_and_a_suggested_request() -> None:
    at = datetime(2026, 11, 20, 9, 12, tzinfo=timezone(timedelta(hours=9)))
    incident = Incident(id="x", title="t", kind="other", opened_at=at)
    incident.requests.append(
        SupportRequest(
            question="q",
            suggested=True,
            attachments=[Attachment(path="p.png", original="scan.png", attached_at=at, imported=True)],
        )
    )
    assert codec.to_dict(incident)["requests"] == [
        {
            "question": "q",
            "attachments": [{"path": "p.png", "size": 0, "original": "scan.png", "attached_at": at, "imported": True}],
            "suggested": True,
        }
    ]
    assert codec.loads(codec.dumps(incident)) == incident


def test_equals_signs_inside_text_are_not_counted_as_values(store) -> None:
    """A body of 90,000 `=` (a pasted divider, base64) is one value: the incident is not
    reported nearly full. The quick count (every `=`, `,`, `[`, `{`) is used as it is up to
    half the cap; above that, what is inside strings and comments is left out."""
    at = datetime(2026, 11, 20, 9, 12, tzinfo=timezone(timedelta(hours=9)))
    incident = Incident(id="x", title="t", kind="other", opened_at=at)
    incident.messages.append(Message(at=at, body="=" * 90_000))
    store.create(incident)
    assert store.warnings == []
    assert codec.structure_count(codec.dumps(incident)) < 20
    half = codec.MAX_VALUES // 2
    assert codec.structure_count('a = "' + "=" * (half - 1) + '"') == half
    assert codec.structure_count('a = "' + "=" * half + '"') == 1
    assert codec.structure_count("# " + "=" * (half * 2 // 3) + "\n") == half * 2 // 3


def test_a_contract_s_roster_link_and_a_deadline_at_an_odd_offset_as_written() -> None:
    """A deadline whose offset is not whole minutes (local mean time, as old zone rules
    have) is written in UTC, which TOML can hold; the roster link is written by its name."""
    at = datetime(2026, 11, 20, 9, 12, tzinfo=timezone(timedelta(hours=9)))
    odd = datetime(2026, 11, 30, 18, 0, tzinfo=timezone(-timedelta(minutes=44, seconds=30)))
    incident = Incident(id="x", title="t", kind="other", opened_at=at)
    incident.contracts.append(Contract("A", deadline=odd, roster_id="acme"))
    assert codec.to_dict(incident)["contracts"] == [
        {"client": "A", "state": "active", "deadline": odd.astimezone(UTC), "roster_id": "acme"}
    ]
    assert "deadline = 2026-11-30 18:44:30+00:00," in codec.dumps(incident)
    back = codec.loads(codec.dumps(incident)).contracts[0]
    assert (back.deadline, back.roster_id) == (odd, "acme")


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        (R + "suggested = 1\n", "inc.toml:9:12: requests[0].suggested must be true or false, not a whole number"),
        ('stops_work = "yes"\n', "inc.toml:6:13: stops_work must be true or false, not text"),
    ],
    ids=["suggested", "stops-work"],
)
def test_a_flag_that_is_not_true_or_false_gets_this_exact_line(tail: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        codec.loads(BASE + tail, "inc.toml")
    assert str(caught.value) == message


def test_what_is_read_when_optional_keys_are_left_out() -> None:
    incident = codec.loads(BASE + A + R.replace('"q"', '"r"') + "suggested = true\n")
    assert incident.requests == [
        SupportRequest(question="q", attachments=[Attachment(path="a.png")]),
        SupportRequest(question="r", suggested=True),
    ]
    assert incident.requests[0].attachments[0].size == 0 and incident.requests[0].suggested is False


def test_a_request_needs_its_question_and_may_have_a_long_answer() -> None:
    with pytest.raises(FormatError) as caught:
        codec.loads(BASE + '\n[[requests]]\nanswer = "a"\n', "inc.toml")
    assert str(caught.value) == "inc.toml:7:1: requests[0].question is missing"
    answer = "a" * 70_000  # over the limit of other text, under that of a body
    assert codec.loads(BASE + R + f'answer = "{answer}"\n').requests[0].answer == answer
