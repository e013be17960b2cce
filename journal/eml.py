"""Notice intake: a raw email (an .eml file, or headers and body pasted) to a Message.

The standard library's email parser splits the email (its header section capped first);
Date, From, Subject and Message-ID are decoded here from their raw bytes (`decode_header`:
encoded words joined at the byte level, raw 8-bit and ISO-2022-JP text read, a header that
cannot be fully read noted and kept raw in `raw_headers`). The Date keeps the offset it was
written with, named zones included (`parse_date_header`). The text body is the text/plain
part, else the HTML part turned into text (link targets, table cells and `<pre>` kept, hidden
text dropped), decoded as `journal.charsets` says (CP50220, aliases, guessing). The SHA-256
of the raw bytes is kept, so the user can show later that the notice was not altered.
Nothing here touches the network, runs code or opens attachments.

Why one module of about 430 lines: it reads one format (headers, the Date, the body parts) end to
end; HTML bodies are turned into text by `journal.htmltext`, charsets are `journal.charsets` and
the checks made before parsing `journal.mail_limits`.
"""

from __future__ import annotations

import base64
import binascii
import email
import email.policy
import email.utils
import hashlib
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage, MIMEPart
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from journal import charsets, mail_limits, safe_read
from journal.errors import BadInputError, StoreError
from journal.htmltext import html_to_text
from journal.i18n import N_, _
from journal.model import MAX_BODY_CHARS, MAX_TEXT_CHARS, Message

MAX_EML_BYTES = 32 * 1024 * 1024
"""Email files larger than this are refused unread."""

_HEADER_LINE = re.compile(r"^[!-9;-~]+:[ \t]?")
_KNOWN_HEADERS = {
    "from",
    "to",
    "date",
    "subject",
    "message-id",
    "received",
    "return-path",
    "mime-version",
    "content-type",
    "reply-to",
    "delivered-to",
    "cc",
}
MAX_HEADER_CHARS = 16 * 1024
"""A header longer than this (unfolded) is cut before it is decoded or parsed."""
MAX_HEADER_BLOCK = 256 * 1024
"""A header section longer than this is cut before the email is parsed."""


@dataclass
class ParsedEmail:
    """A message read from a raw email, with what the user should know about the reading."""

    message: Message
    """Ready to add to an incident (received, by email)."""
    date_missing: bool = False
    """True when the email had no readable Date: `message.at` is then the time of intake."""
    notes: list[str] = field(default_factory=list)
    """One line each: what could not be read as given, and what was done instead."""


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


_ENCODED_WORD = re.compile(r"=\?([^?\s]+?)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=")
_LEFTOVER_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?")


def _word_bytes(encoding: str, payload: str) -> bytes | None:
    """The bytes of one encoded word's payload, or None if it is not valid base64."""
    data = payload.encode("ascii", "surrogateescape")
    if encoding in "bB":
        data = data.rstrip(b"=")
        data += b"=" * (-len(data) % 4)
        try:
            return base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            return None
    return re.sub(rb"=([0-9A-Fa-f]{2})", lambda m: bytes((int(m[1], 16),)), data.replace(b"_", b" "))


def decode_header(value: str) -> tuple[str, bool]:
    """A raw header value (as the parser keeps it: 8-bit bytes as surrogate escapes) to one
    line of text.

    Encoded words (RFC 2047) are decoded, and adjacent words of the same charset are joined
    at the byte level first (a shift state or a multi-byte character may span two words);
    raw 8-bit and raw ISO-2022-JP text is decoded like a body with no charset (see
    `journal.charsets`). Returns (text, fully_read): fully_read is False when U+FFFD, an ESC
    or an undecoded `=?...?=` would remain; the text is then the best reading, with ESC
    shown as U+FFFD.
    """
    value = re.sub(r"\r?\n(?=[ \t])", "", value[:MAX_HEADER_CHARS])
    pieces: list[tuple[str | None, bytes]] = []  # (charset of encoded words, or None for raw text)
    position = 0
    for match in _ENCODED_WORD.finditer(value):
        payload = _word_bytes(match[2], match[3])
        if payload is None:
            continue  # left as it is, and reported below
        between = value[position : match.start()]
        if between and (between.strip() or not pieces or pieces[-1][0] is None):
            pieces.append((None, between.encode("utf-8", "surrogateescape")))
        charset = match[1].lower()
        if pieces and pieces[-1][0] == charset:
            pieces[-1] = (charset, pieces[-1][1] + payload)
        else:
            pieces.append((charset, payload))
        position = match.end()
    if position < len(value):
        pieces.append((None, value[position:].encode("utf-8", "surrogateescape")))
    out = [charsets.decode(data, charset).text if charset else _raw_header_text(data) for charset, data in pieces]
    text = " ".join("".join(out).split())
    full = "\ufffd" not in text and "\x1b" not in text and not _LEFTOVER_WORD.search(text)
    return text.replace("\x1b", "\ufffd")[:MAX_TEXT_CHARS], full


def _raw_header_text(data: bytes) -> str:
    """Raw header bytes (not an encoded word): ASCII, UTF-8, ISO-2022-JP or a guess."""
    if data.isascii() and b"\x1b" not in data:
        return data.decode("ascii")
    return charsets.guess(data).text


_ADDRESS_HEADERS = {"from", "to", "cc", "reply-to", "sender"}
# A quoted display name before an address: shown without its quotes, as mail programs do.
_QUOTED_NAME = re.compile(r'(?:^|(?<=, ))"((?:[^"\\]|\\.)*)"\s*<')


class _Headers:
    """The raw headers of an email, decoded on demand; what could not be read is noted."""

    def __init__(self, msg: EmailMessage, notes: list[str]) -> None:
        self._raw: dict[str, str] = {}
        for name, value in msg.raw_items():
            self._raw.setdefault(name.lower(), str(value)[:MAX_HEADER_CHARS])
        self.notes = notes
        self.unread: dict[str, str] = {}
        """Header name -> raw value, for each header that could not be fully read."""

    def raw(self, name: str) -> str | None:
        """The raw value of the first header of that name, or None."""
        return self._raw.get(name.lower())

    def text(self, name: str) -> str:
        """The decoded value ('' when absent); a header not fully read is noted and kept raw."""
        raw = self.raw(name)
        if raw is None:
            return ""
        text, full = decode_header(raw)
        if name.lower() in _ADDRESS_HEADERS:
            text = _QUOTED_NAME.sub(lambda m: re.sub(r"\\(.)", r"\1", m[1]) + " <", text)
        if not full:
            self.notes.append(
                _("the {name} header could not be fully read; its raw text is kept (raw_headers)").format(name=name)
            )
            data = raw.encode("utf-8", "surrogateescape")
            self.unread[name] = data.decode("utf-8", "backslashreplace").replace("\x1b", "\\x1b")
        return text


def _part_text(part: MIMEPart) -> tuple[str, str]:
    """The decoded text of a part and a note (see `journal.charsets.decode`)."""
    payload = part.get_payload(decode=True)
    if payload is None:
        raw = part.get_payload()
        return (raw if isinstance(raw, str) else ""), ""
    if not isinstance(payload, bytes):
        return str(payload), ""
    found = charsets.decode(payload, part.get_content_charset())
    note = found.note
    if note and part.get_content_charset() is None and "no charset" not in note:
        note = "no charset was declared; " + note
    return found.text, note


# Zone names seen in Date headers, as minutes east of UTC. `IST` is India (the mailers that
# write it are Indian far more often than Irish or Israeli); `CST` keeps its RFC 822 meaning
# (US Central). Sources: RFC 822 section 5, and the abbreviations of the IANA tz database.
_ZONE_NAMES = {
    "UT": 0,
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "WEST": 60,
    "BST": 60,
    "IST": 330,
    "CET": 60,
    "CEST": 120,
    "MET": 60,
    "MEST": 120,
    "EET": 120,
    "EEST": 180,
    "MSK": 180,
    "JST": 540,
    "KST": 540,
    "HKT": 480,
    "SGT": 480,
    "PHT": 480,
    "AWST": 480,
    "ICT": 420,
    "WIB": 420,
    "ACST": 570,
    "ACDT": 630,
    "AEST": 600,
    "AEDT": 660,
    "NZST": 720,
    "NZDT": 780,
    "HST": -600,
    "AKST": -540,
    "AKDT": -480,
    "PST": -480,
    "PDT": -420,
    "MST": -420,
    "MDT": -360,
    "CST": -360,
    "CDT": -300,
    "EST": -300,
    "EDT": -240,
    "AST": -240,
    "ADT": -180,
    "NST": -210,
    "NDT": -150,
    "BRT": -180,
    "ART": -180,
    "PKT": 300,
    "NPT": 345,
}
_DATE_CLOCK = re.compile(r"^(?P<head>.*?\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(?P<zone>.*)$")
_ASCTIME = re.compile(
    r"^(?:[A-Za-z]{3},?\s+)?(?P<mon>[A-Za-z]{3})\s+(?P<d>\d{1,2})\s+(?P<clock>\d{1,2}:\d{2}(?::\d{2})?)\s+(?P<y>\d{4})\s*(?P<zone>.*)$"
)
_NUMERIC_ZONE = re.compile(r"^(?P<named>UTC|GMT|UT)?\s*(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?(?!\d)")


def _zone_minutes(zone: str) -> tuple[int | None, str]:
    """A Date header's zone as minutes east of UTC (None: not readable) and a note."""
    text = zone.strip()
    upper = text.upper()
    if upper in ("", "-0000"):
        if upper:
            return 0, "the Date header gives the time in UTC with its zone unknown (-0000)"
        return None, "the Date header has no zone"
    if match := _NUMERIC_ZONE.match(upper):
        hours, minutes = int(match["h"]), int(match["m"] or 0)
        if len(match["h"]) == 1 and match["m"] and not match["named"] and ":" not in text:
            return None, f"the Date header's zone {text!r} is unknown"
        if hours > 14 or minutes > 59:
            return None, f"the Date header's zone {text!r} is out of range"
        total = hours * 60 + minutes
        return (-total if match["sign"] == "-" else total), ""
    name = upper.split()[0].strip(".,")
    if name in _ZONE_NAMES:
        return _ZONE_NAMES[name], ""
    return None, f"the Date header's zone {text!r} is unknown"


def _iana_offset(zone: str, moment: datetime) -> int | None:
    """Minutes east of UTC of an IANA zone name (`Asia/Tokyo`) at that wall time, or None."""
    if not re.fullmatch(r"[A-Za-z]+(?:/[A-Za-z0-9_+\-]+)+", zone):
        return None
    try:
        offset = moment.replace(tzinfo=ZoneInfo(zone)).utcoffset()
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
    return None if offset is None else int(offset.total_seconds() // 60)


def parse_date_header(value: str) -> tuple[datetime | None, str]:
    """A Date header's text to an aware moment (None when unreadable) and a note (empty when
    all was read). Named zones (`JST`, `CET`, `EDT`, `GMT+9`, `UTC+09:00`, see `_ZONE_NAMES`)
    give their offsets; `-0000` is UTC with the zone unknown; a zone that cannot be read
    keeps the clock time as written, taken as UTC, and the note says so: never a silent UTC."""
    text = " ".join(value.split())
    comments = re.findall(r"\(([^()]*)\)", text)
    bare = " ".join(re.sub(r"\([^()]*\)", " ", text).split())
    match = _DATE_CLOCK.match(bare)
    if match is None:
        return None, ""
    zone = match["zone"].strip() or (comments[-1].strip() if comments else "")
    if asctime := _ASCTIME.match(bare):  # `Sat Nov 21 10:00:00 2026 JST`
        match = _DATE_CLOCK.match(f"{asctime['d']} {asctime['mon']} {asctime['y']} {asctime['clock']}")
        assert match is not None
        zone = asctime["zone"].strip() or (comments[-1].strip() if comments else "")
    minutes, note = _zone_minutes(zone)
    try:
        moment = email.utils.parsedate_to_datetime(match["head"] + " +0000")
    except (TypeError, ValueError, IndexError, OverflowError):
        try:
            moment = datetime.fromisoformat(match["head"].replace("/", "-")).replace(tzinfo=UTC)
        except ValueError:
            return None, ""
    if minutes is None and (iana := _iana_offset(zone, moment.replace(tzinfo=None))) is not None:
        minutes, note = iana, ""
    if minutes is None:
        return moment, note + "; the time is kept as written and read as UTC (zone unknown)"
    return moment.replace(tzinfo=timezone(timedelta(minutes=minutes))), note


def _date(headers: _Headers, now: datetime, notes: list[str]) -> tuple[datetime, bool]:
    raw = headers.raw("Date")
    if raw is None:
        notes.append(
            _("the email has no Date header; the time of intake ({isoformat}) is used").format(
                isoformat=now.isoformat()
            )
        )
        return now, True
    text, _charset = decode_header(raw)
    moment, note = parse_date_header(text)
    if moment is None:
        notes.append(
            _("could not read the Date header {text!r}; the time of intake ({isoformat}) is used").format(
                text=text, isoformat=now.isoformat()
            )
        )
        return now, True
    earliest, latest = datetime(1900, 1, 2, tzinfo=UTC), datetime(2999, 12, 31, tzinfo=UTC)
    if not earliest <= moment <= latest:  # the store keeps moments of 1900-3000 (journal.codec)
        notes.append(
            _(
                "the Date header {text!r} is in the year {year}, outside {year2}-{year3}; the time of intake ({isoformat}) is used"
            ).format(
                text=text[:80], year=moment.year, year2=earliest.year, year3=latest.year, isoformat=now.isoformat()
            )
        )
        return now, True
    if note:
        notes.append(note)
    return moment, False


def _cap_headers(raw: bytes) -> bytes:
    """`raw` with a header section over MAX_HEADER_BLOCK bytes, or a header line over
    MAX_HEADER_CHARS, cut, so the header parser never works on unbounded input."""
    ends = [at for at in (raw.find(b"\n\n"), raw.find(b"\r\n\r\n")) if at >= 0]
    end = min(ends) if ends else len(raw)
    head, body = raw[:end], raw[end:]
    if len(head) <= MAX_HEADER_BLOCK and all(len(line) <= MAX_HEADER_CHARS for line in head.split(b"\n")):
        return raw
    lines = [line[:MAX_HEADER_CHARS] for line in head[:MAX_HEADER_BLOCK].split(b"\n")]
    return b"\n".join(lines) + body


def parse_email_bytes(raw: bytes, now: datetime) -> ParsedEmail:
    """Read a raw email (RFC 5322 bytes). Never raises for a malformed email: what could not
    be read is named in `notes`. Raises BadInputError for a mail over one of the limits of
    `journal.mail_limits` (checked before parsing), for a body over the size limit, and
    when the parser runs out of stack or memory all the same."""
    mail_limits.check_raw_email(raw)
    try:
        return _parse(raw, now)
    except (RecursionError, MemoryError):
        raise BadInputError(_("the email is too deeply nested to read; not read")) from None


def _parse(raw: bytes, now: datetime) -> ParsedEmail:
    msg = email.message_from_bytes(_cap_headers(raw), policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    notes: list[str] = []
    headers = _Headers(msg, notes)
    at, missing = _date(headers, now, notes)
    sender, subject = headers.text("From"), headers.text("Subject")
    message_id = headers.text("Message-ID")
    body, problem = "", ""
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None and not msg.is_multipart() and msg.get_content_maintype() == "text":
        part = msg
    if part is not None:
        body, problem = _part_text(part)
        if part.get_content_subtype() == "html":
            body = html_to_text(body)
            notes.append(_("the email has no plain-text part; its HTML part was turned into text"))
    else:
        notes.append(_("the email has no text part; the body is left empty"))
    if problem:
        notes.append(problem)
    if len(body) > MAX_BODY_CHARS:
        raise BadInputError(
            _("the email's body has {count:,} characters; the limit is {MAX_BODY_CHARS:,}").format(
                count=len(body), MAX_BODY_CHARS=MAX_BODY_CHARS
            )
        )
    message = Message(
        at=at.replace(microsecond=0),
        direction="received",
        channel="email",
        sender=sender,
        subject=subject,
        message_id=message_id,
        raw_headers=headers.unread,
        raw_sha256=sha256_hex(raw),
        body=body,
    )
    return ParsedEmail(message=message, date_missing=missing, notes=notes)


def read_eml(path: str | os.PathLike[str], now: datetime) -> ParsedEmail:
    """Read an .eml file. Raises BadInputError (a link, too large, not a file) or StoreError."""
    where = str(path)
    try:
        raw = safe_read.read_file(path, MAX_EML_BYTES, N_("the email"), follow_links=True)
    except OSError as error:
        raise StoreError.from_os_error(where, error, N_("read the email")) from None
    try:
        return parse_email_bytes(raw, now)
    except BadInputError as error:
        raise BadInputError(f"{where}: {error}") from None


def looks_like_email(text: str) -> bool:
    """True when pasted text starts with email headers (at least two known ones, such as
    From, Date or Subject, before the first blank line)."""
    known = 0
    for line in text.lstrip("\r\n").splitlines():
        if not line.strip():
            break
        if line[:1] in (" ", "\t"):
            continue  # a folded header line
        if not _HEADER_LINE.match(line):
            return False
        if line.split(":", 1)[0].strip().lower() in _KNOWN_HEADERS:
            known += 1
    return known >= 2


def parse_pasted_email(text: str, now: datetime) -> ParsedEmail:
    """Read a raw email pasted as text (headers, a blank line, the body). The SHA-256 is of
    the pasted text as UTF-8."""
    return parse_email_bytes(text.encode("utf-8", "surrogatepass"), now)
