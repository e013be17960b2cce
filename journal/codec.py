"""The TOML codec: Incident <-> text, validating everything and naming file, line and reason.

`dumps` is deterministic: the same incident always gives the same text (fixed key order,
`format` first). `loads` refuses anything that is not a valid incident of a format this
version reads, with a `FormatError` whose text is `path:line:col: reason`.
See docs/format.md for the format itself.

Why one module of about 620 lines: writing and reading stay together so that a key's name, order and
check change in one place; where a value sits in the text is `journal.tomlpos`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, TypeVar, overload

import tomli
import tomli_w

from journal import model
from journal.i18n import _
from journal.model import (
    Amount,
    Attachment,
    ChecklistItem,
    Contract,
    Event,
    Incident,
    Message,
    Money,
    SupportRequest,
)
from journal.timeparse import normalise_moment
from journal.tomlpos import Locator, Where

FORMAT_VERSION = 1
"""The newest file format this version reads and the one it writes."""
MAX_FILE_BYTES = 32 * 1024 * 1024
"""Files larger than this are refused unread (a 1 MiB body can take 6 MiB escaped)."""
MOMENTS_FROM = datetime(1900, 1, 1, tzinfo=UTC)
MOMENTS_UNTIL = datetime(3000, 1, 1, tzinfo=UTC)
"""Moments outside these are refused: near the ends of the calendar a moment cannot be
shown in every zone (year 9999 +00:00 is year 10000 in Tokyo)."""

T = TypeVar("T")


class FormatError(ValueError):
    """A file that is not a valid incident. `str()` is `path:line:col: reason`."""

    def __init__(self, path: str, reason: str, line: int | None = None, col: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        self.col = col
        super().__init__(str(self))

    def __str__(self) -> str:
        place = self.path
        if self.line is not None:
            place += f":{self.line}"
            if self.col is not None:
                place += f":{self.col}"
        return f"{place}: {self.reason}"


# ---------------------------------------------------------------------------- writing


def _moment(value: datetime | None) -> datetime | None:
    return None if value is None else normalise_moment(value)


def _compact(pairs: list[tuple[str, Any]], extra: dict[str, Any], keep: int = 1) -> dict[str, Any]:
    """Known keys in their order, then unknown keys sorted. The first `keep` keys are always
    written (required ones, even when empty); later empty values are left out."""
    out = {
        key: value for position, (key, value) in enumerate(pairs) if position < keep or value not in (None, "", [], {})
    }
    for key in sorted(extra):
        out.setdefault(key, extra[key])
    return out


def money_table(money: Money | None) -> dict[str, Any] | None:
    """Money as written in a file: the amount as an exact decimal string, its currency, then
    the keys this version does not know (sorted)."""
    if money is None:
        return None
    return _compact([("amount", str(money.amount)), ("currency", money.currency)], money.extra, keep=2)


def _deadline(value: date | datetime | None) -> date | datetime | None:
    """A deadline as written: a date as it is, a moment TOML can hold exactly."""
    return normalise_moment(value) if isinstance(value, datetime) else value


def _attachment(item: Attachment) -> dict[str, Any]:
    return _compact(
        [
            ("path", item.path),
            ("sha256", item.sha256),
            ("size", item.size),
            ("original", item.original),
            ("attached_at", _moment(item.attached_at)),
            ("imported", True if item.imported else None),
        ],
        item.extra,
    )


def _message(item: Message) -> dict[str, Any]:
    return _compact(
        [
            ("at", _moment(item.at)),
            ("direction", item.direction),
            ("channel", item.channel),
            ("sender", item.sender),
            ("subject", item.subject),
            ("message_id", item.message_id),
            ("raw_sha256", item.raw_sha256),
            ("body", item.body),
            ("note", item.note),
            ("raw_headers", dict(item.raw_headers)),
            ("attachments", [_attachment(a) for a in item.attachments]),
        ],
        item.extra,
        keep=3,
    )


def _event(item: Event) -> dict[str, Any]:
    return _compact([("at", _moment(item.at)), ("kind", item.kind), ("text", item.text)], item.extra, keep=2)


def _check(item: ChecklistItem) -> dict[str, Any]:
    return _compact(
        [("text", item.text), ("done_at", _moment(item.done_at)), ("note", item.note), ("event", item.event)],
        item.extra,
    )


def _contract(item: Contract) -> dict[str, Any]:
    return _compact(
        [
            ("client", item.client),
            ("contract_id", item.contract_id),
            ("state", item.state),
            ("deadline", _deadline(item.deadline)),
            ("pending", money_table(item.pending)),
            ("roster_id", item.roster_id),
            ("client_told_at", _moment(item.client_told_at)),
            ("note", item.note),
            ("amounts", [_amount(a) for a in item.amounts]),
        ],
        item.extra,
        keep=1,
    )


def _amount(item: Amount) -> dict[str, Any]:
    return _compact(
        [("money", money_table(item.money)), ("state", item.state), ("changes_on", item.changes_on)], item.extra, keep=2
    )


def _request(item: SupportRequest) -> dict[str, Any]:
    return _compact(
        [
            ("question", item.question),
            ("asked_at", _moment(item.asked_at)),
            ("answer", item.answer),
            ("answered_at", _moment(item.answered_at)),
            ("attachments", [_attachment(a) for a in item.attachments]),
            ("suggested", item.suggested or None),
        ],
        item.extra,
    )


def to_dict(incident: Incident) -> dict[str, Any]:
    """The incident as the plain data written to its file (format first)."""
    head = [
        ("format", FORMAT_VERSION),
        ("id", incident.id),
        ("title", incident.title),
        ("platform", incident.platform),
        ("kind", incident.kind),
        ("status", incident.status),
        ("opened_at", _moment(incident.opened_at)),
        ("closed_at", _moment(incident.closed_at)),
        ("follow_up_at", _moment(incident.follow_up_at)),
        ("tags", list(incident.tags)),
        ("summary", incident.summary),
        ("stops_work", incident.stops_work),
        ("messages", [_message(m) for m in incident.messages]),
        ("events", [_event(e) for e in incident.events]),
        ("checklist", [_check(c) for c in incident.checklist]),
        ("contracts", [_contract(c) for c in incident.contracts]),
        ("requests", [_request(r) for r in incident.requests]),
    ]
    return _compact(head, incident.extra, keep=7)


def dumps(incident: Incident) -> str:
    """The incident as TOML text. Deterministic; long text is written as multi-line
    strings where that keeps it byte-exact (tomli-w turns a CRLF inside a multi-line
    string into LF, so such text falls back to escaped one-line strings)."""
    data = to_dict(incident)
    text = tomli_w.dumps(data, multiline_strings=True)
    if tomli.loads(text) != data:
        text = tomli_w.dumps(data)
    return _escape_invisible(text)


_INVISIBLE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape_invisible(text: str) -> str:
    """TOML text with DEL, C1 controls and bidi controls written as `\\uXXXX` escapes
    (tomli-w escapes C0 only), so `cat` of a file or an export shows no raw control and
    no reordered text. tomli-w writes every string and quoted key as a basic string, where
    the escape reads back as the same character."""
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


# ---------------------------------------------------------------------------- reading


class _Reader:
    """Reads one table of a parsed file, checking every value and naming where it is."""

    def __init__(self, data: dict[str, Any], where: Where, ctx: _Context) -> None:
        self.data = data
        self.where = where
        self.ctx = ctx
        self.used: set[str] = set()

    def fail(self, key: str | None, reason: str) -> FormatError:
        where = self.where + ((key,) if key is not None else ())
        return self.ctx.error(where, reason)

    def _get(self, key: str, required: bool) -> Any:
        self.used.add(key)
        if key not in self.data:
            if required:
                raise self.fail(None, _("{name} is missing").format(name=self.name(key)))
            return None
        return self.data[key]

    def name(self, key: str) -> str:
        parts = [f"[{p}]" if isinstance(p, int) else f".{p}" for p in (*self.where, key)]
        return "".join(parts).lstrip(".")

    def text(self, key: str, required: bool = False, limit: int = model.MAX_TEXT_CHARS) -> str:
        value = self._get(key, required)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self.fail(
                key, _("{name} must be text, not {type}").format(name=self.name(key), type=_type_name(value))
            )
        if len(value) > limit:
            raise self.fail(
                key,
                _("{name} is {n:,} characters; the limit is {limit:,}").format(
                    name=self.name(key), n=len(value), limit=limit
                ),
            )
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str | None = None) -> str:
        value = self.text(key, required=default is None)
        if not value and default is not None:
            return default
        if value not in choices:
            raise self.fail(
                key,
                _("{name} is {value}; expected one of: {choices}").format(
                    name=self.name(key), value=_shown(value, 16), choices=", ".join(choices)
                ),
            )
        return value

    @overload
    def moment(self, key: str, required: Literal[True]) -> datetime: ...

    @overload
    def moment(self, key: str, required: bool = False) -> datetime | None: ...

    def moment(self, key: str, required: bool = False) -> datetime | None:
        """The moment at `key` (None when absent and not `required`; TOML has no null, so a
        required one is never None). Raises the codec's error for a naive or odd value."""
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise self.fail(
                    key,
                    _("{name} has no UTC offset ({isoformat}); write it like 2026-11-20T09:12:00+09:00").format(
                        name=self.name(key), isoformat=value.isoformat()
                    ),
                )
            if not MOMENTS_FROM <= value < MOMENTS_UNTIL:
                raise self.fail(
                    key,
                    _("{name} is {isoformat}; expected a moment in the years 1900 to 2999").format(
                        name=self.name(key), isoformat=value.isoformat()
                    ),
                )
            return value
        raise self.fail(
            key,
            _("{name} must be a date-time with UTC offset, not {type}").format(
                name=self.name(key), type=_type_name(value)
            ),
        )

    def day(self, key: str) -> date | None:
        value = self._get(key, False)
        if value is None:
            return None
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        raise self.fail(
            key,
            _("{name} must be a date like 2026-11-30, not {value}").format(
                name=self.name(key), value=_type_name(value)
            ),
        )

    def deadline(self, key: str) -> date | datetime | None:
        """A date (`2026-11-30`) or a moment with its offset (`2026-11-30T18:00:00+09:00`)."""
        value = self._get(key, False)
        if isinstance(value, datetime):
            return self.moment(key)
        if value is None or isinstance(value, date):
            return value
        raise self.fail(
            key,
            _("{name} must be a date like 2026-11-30 or a date-time with offset, not {value}").format(
                name=self.name(key), value=_type_name(value)
            ),
        )

    def flag(self, key: str) -> bool | None:
        """true, false, or None when absent."""
        value = self._get(key, False)
        if value is None or isinstance(value, bool):
            return value
        raise self.fail(
            key, _("{name} must be true or false, not {value}").format(name=self.name(key), value=_type_name(value))
        )

    def integer(self, key: str) -> int:
        value = self._get(key, False)
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(key, _("{name} must be a whole number >= 0").format(name=self.name(key)))
        return value

    def strings(self, key: str) -> list[str]:
        value = self._get(key, False)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, _("{name} must be a list of text").format(name=self.name(key)))
        return list(value)

    def money(self, key: str) -> Money | None:
        value = self._get(key, False)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.fail(
                key,
                _('{name} must be a table like {{ amount = "420.00", currency = "USD" }}').format(name=self.name(key)),
            )
        inner = _Reader(value, (*self.where, key), self.ctx)
        raw = inner._get("amount", True)
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            raise inner.fail(
                "amount", _("{key} must be a number or a number in quotes").format(key=inner.name("amount"))
            )
        try:
            amount = Decimal(str(raw).strip())
        except InvalidOperation:
            raise inner.fail(
                "amount", _("{key} is not a number: {raw}").format(key=inner.name("amount"), raw=_shown(raw))
            ) from None
        if not amount.is_finite():
            raise inner.fail("amount", _("{key} must be a finite number").format(key=inner.name("amount")))
        currency = inner.text("currency") or "USD"
        if not re.fullmatch(r"[A-Za-z]{3}", currency):
            raise inner.fail("currency", _("{key} must be a 3-letter code like USD").format(key=inner.name("currency")))
        return Money(amount=amount, currency=currency.upper(), extra=inner.rest())

    def text_table(self, key: str) -> dict[str, str]:
        value = self._get(key, False)
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise self.fail(key, _("{name} must be a table of text values").format(name=self.name(key)))
        for name, text in value.items():
            if len(text) > model.MAX_TEXT_CHARS:
                raise self.fail(
                    key,
                    _("{name}.{name2} is {count:,} characters; the limit is {MAX_TEXT_CHARS:,}").format(
                        name=self.name(key), name2=name, count=len(text), MAX_TEXT_CHARS=model.MAX_TEXT_CHARS
                    ),
                )
        return dict(value)

    def tables(self, key: str, read: Callable[[_Reader], T]) -> list[T]:
        value = self._get(key, False)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(key, _("{name} must be a list of tables ([[{key}]])").format(name=self.name(key), key=key))
        return [read(_Reader(item, (*self.where, key, index), self.ctx)) for index, item in enumerate(value)]

    def rest(self) -> dict[str, Any]:
        """Keys not read: kept as they are, for the next write."""
        return {key: value for key, value in self.data.items() if key not in self.used}


class _Context:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.locator = Locator(text)

    def error(self, where: Where, reason: str) -> FormatError:
        line, col = self.locator.find(where)
        return FormatError(self.path, reason, line, col)


def _shown(value: Any, limit: int = 60) -> str:
    """A value for an error message: its repr, cut so the message stays one short line."""
    text = repr(value) if not isinstance(value, list | dict) else _type_name(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _type_name(value: Any) -> str:
    if isinstance(value, datetime):
        return "a date-time" if value.tzinfo else "a local date-time"
    return {
        str: "text",
        bool: "true/false",
        int: "a whole number",
        float: "a number",
        date: "a date",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def _read_attachment(r: _Reader) -> Attachment:
    path = r.text("path", required=True)
    sha = r.text("sha256").lower()
    if sha and not re.fullmatch(r"[0-9a-f]{64}", sha):
        raise r.fail("sha256", _("{key} must be 64 hex digits").format(key=r.name("sha256")))
    return Attachment(
        path=path,
        sha256=sha,
        size=r.integer("size"),
        original=r.text("original"),
        attached_at=r.moment("attached_at"),
        imported=bool(r.flag("imported")),
        extra=r.rest(),
    )


def _read_message(r: _Reader) -> Message:
    raw_sha = r.text("raw_sha256").lower()
    if raw_sha and not re.fullmatch(r"[0-9a-f]{64}", raw_sha):
        raise r.fail("raw_sha256", _("{key} must be 64 hex digits").format(key=r.name("raw_sha256")))
    return Message(
        at=r.moment("at", required=True),
        direction=r.choice("direction", model.DIRECTIONS, "received"),
        channel=r.choice("channel", model.CHANNELS, "email"),
        sender=r.text("sender"),
        subject=r.text("subject"),
        message_id=r.text("message_id"),
        raw_sha256=raw_sha,
        body=r.text("body", limit=model.MAX_BODY_CHARS),
        note=r.text("note"),
        raw_headers=r.text_table("raw_headers"),
        attachments=r.tables("attachments", _read_attachment),
        extra=r.rest(),
    )


def _read_event(r: _Reader) -> Event:
    return Event(
        at=r.moment("at", required=True),
        kind=r.choice("kind", model.EVENT_KINDS, "note"),
        text=r.text("text"),
        extra=r.rest(),
    )


def _read_check(r: _Reader) -> ChecklistItem:
    return ChecklistItem(
        text=r.text("text", required=True),
        done_at=r.moment("done_at"),
        note=r.text("note"),
        event=r.choice("event", model.EVENT_KINDS, ""),
        extra=r.rest(),
    )


def _read_contract(r: _Reader) -> Contract:
    return Contract(
        client=r.text("client", required=True),
        contract_id=r.text("contract_id"),
        state=r.choice("state", model.CONTRACT_STATES, "active"),
        deadline=r.deadline("deadline"),
        pending=r.money("pending"),
        roster_id=r.text("roster_id"),
        client_told_at=r.moment("client_told_at"),
        note=r.text("note"),
        amounts=r.tables("amounts", _read_amount),
        extra=r.rest(),
    )


def _read_amount(r: _Reader) -> Amount:
    money = r.money("money")
    if money is None:
        raise r.fail(
            "money",
            _('{key} is missing: write money = {{ amount = "420.00", currency = "USD" }}').format(key=r.name("money")),
        )
    return Amount(
        money=money,
        state=r.choice("state", model.MONEY_STATES, "pending"),
        changes_on=r.day("changes_on"),
        extra=r.rest(),
    )


def _read_request(r: _Reader) -> SupportRequest:
    return SupportRequest(
        asked_at=r.moment("asked_at"),
        question=r.text("question", required=True),
        answer=r.text("answer", limit=model.MAX_BODY_CHARS),
        answered_at=r.moment("answered_at"),
        attachments=r.tables("attachments", _read_attachment),
        suggested=_flag(r, "suggested"),
        extra=r.rest(),
    )


def _flag(r: _Reader, key: str) -> bool:
    value = r._get(key, False)
    if value is not None and not isinstance(value, bool):
        raise r.fail(
            key, _("{name} must be true or false, not {value}").format(name=r.name(key), value=_type_name(value))
        )
    return bool(value)


def _migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Bring data of an older format up to FORMAT_VERSION. Format 1 is the first one."""
    return data


def from_dict(data: dict[str, Any], path: str = "<incident>", text: str = "") -> Incident:
    """Build an Incident from parsed TOML data, checking every value."""
    ctx = _Context(path, text)
    version = data.get("format")
    if version is None:
        raise ctx.error((), _("not an incident file: the `format` key is missing"))
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ctx.error(
            ("format",), _("format must be a whole number >= 1, not {version}").format(version=_shown(version))
        )
    if version > FORMAT_VERSION:
        raise ctx.error(
            ("format",),
            _(
                "written by a newer Incident Journal (format {version}; this version reads up to {FORMAT_VERSION}); upgrade to open it. The file is left unchanged"
            ).format(version=version, FORMAT_VERSION=FORMAT_VERSION),
        )
    if version < FORMAT_VERSION:
        data = _migrate(data, version)
    r = _Reader(data, (), ctx)
    r.used.add("format")
    incident = Incident(
        id=r.text("id"),
        title=r.text("title", required=True),
        platform=r.text("platform") or model.DEFAULT_PLATFORM,
        kind=r.choice("kind", model.KINDS),
        status=r.choice("status", model.STATUSES, "open"),
        opened_at=r.moment("opened_at", required=True),
        closed_at=r.moment("closed_at"),
        follow_up_at=r.moment("follow_up_at"),
        tags=r.strings("tags"),
        summary=r.text("summary", limit=model.MAX_BODY_CHARS),
        stops_work=r.flag("stops_work"),
        messages=r.tables("messages", _read_message),
        events=r.tables("events", _read_event),
        checklist=r.tables("checklist", _read_check),
        contracts=r.tables("contracts", _read_contract),
        requests=r.tables("requests", _read_request),
    )
    incident.extra = r.rest()
    return incident


MAX_VALUES = 100_000
"""Keys, items and tables a file may have. Parsing time grows with them (half a million
tiny values take over a second), and a real incident has a few thousand at most."""

# Strings and comments, to count the values outside them.
_STRINGS_AND_COMMENTS = re.compile(
    r'"""(?:[^\\"]++|\\[\s\S]|"(?!""))*+(?:"""(?:""?)?)?'
    r"|'''(?:[^']++|'(?!''))*+(?:'''(?:''?)?)?"
    r'|"(?:[^"\\\n]++|\\.)*+"?'
    r"|'[^'\n]*+'?"
    r"|#[^\n]*+"
)


def _structure(text: str) -> int:
    return text.count("=") + text.count(",") + text.count("[") + text.count("{")


def structure_count(text: str) -> int:
    """Keys, values and tables of TOML text, as `check_complexity` counts them."""
    count = _structure(text)
    return count if count <= MAX_VALUES // 2 else _structure(_STRINGS_AND_COMMENTS.sub("", text))


def check_complexity(text: str, path: str = "<incident>") -> None:
    """Refuse, before parsing, text with more than MAX_VALUES keys, values and tables."""
    if _structure(text) <= MAX_VALUES:
        return
    count = _structure(_STRINGS_AND_COMMENTS.sub("", text))
    if count > MAX_VALUES:
        raise FormatError(
            path,
            _("has {count:,} keys, values and tables; the limit is {MAX_VALUES:,}").format(
                count=count, MAX_VALUES=MAX_VALUES
            ),
        )


def loads(text: str, path: str = "<incident>") -> Incident:
    """Parse and validate TOML text. Raises FormatError naming `path`, line and reason."""
    check_complexity(text, path)
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise FormatError(
            path, _("not valid TOML: {reason}").format(reason=error.msg), error.lineno, error.colno
        ) from None
    except RecursionError as error:
        raise FormatError(path, _("not accepted: {error}").format(error=error)) from None
    return from_dict(data, path, text)


def decode(data: bytes, path: str = "<incident>", limit: int | None = None) -> str:
    """Bytes of a file to text: size cap (`limit` bytes, default MAX_FILE_BYTES), no BOM,
    strict UTF-8, with the line of a bad byte. Raises FormatError."""
    most = MAX_FILE_BYTES if limit is None else limit
    if len(data) > most:
        raise FormatError(path, _("the file is {n:,} bytes; the limit is {limit:,}").format(n=len(data), limit=most))
    if data.startswith(b"\xef\xbb\xbf"):
        raise FormatError(path, _("starts with a byte order mark (BOM); save it as UTF-8 without BOM"), 1, 1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise FormatError(
            path, _("not UTF-8 text (byte 0x{byte:02x})").format(byte=data[error.start]), line, col
        ) from None


def load_bytes(data: bytes, path: str = "<incident>") -> Incident:
    """Decode and parse the bytes of an incident file."""
    return loads(decode(data, path), path)
