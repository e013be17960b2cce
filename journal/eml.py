"""Notice intake: a raw email (an .eml file, or headers and body pasted) to a Message.

The standard library's email parser takes the Date (kept as the same instant, with the
offset it was written with), From, Subject (MIME encoded words decoded), Message-ID and the
text body (in a multipart email, the text/plain part, else the HTML part turned into text).
The SHA-256 of the raw bytes is kept, so the user can show later that the notice was not
altered. Nothing here touches the network, runs code or opens attachments.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

from journal.errors import BadInputError, StoreError
from journal.model import MAX_BODY_CHARS, MAX_TEXT_CHARS, Message

MAX_EML_BYTES = 32 * 1024 * 1024
"""Email files larger than this are refused unread."""

# Charsets that mail programs often name while using a larger superset of them.
_SUPERSETS = {
    "iso-2022-jp": ("iso2022_jp_ext", "iso2022_jp_2", "iso2022_jp_3", "iso2022_jp_2004"),
    "shift_jis": ("cp932", "shift_jis_2004"),
    "shift-jis": ("cp932", "shift_jis_2004"),
    "sjis": ("cp932",),
    "x-sjis": ("cp932",),
    "euc-jp": ("euc_jis_2004",),
    "gb2312": ("gb18030",),
    "gbk": ("gb18030",),
    "ks_c_5601-1987": ("cp949",),
    "euc-kr": ("cp949",),
    "iso-8859-1": ("cp1252",),
    "us-ascii": ("utf-8",),
    "ascii": ("utf-8",),
}
_HEADER_LINE = re.compile(r"^[!-9;-~]+:[ \t]?")
_KNOWN_HEADERS = {"from", "to", "date", "subject", "message-id", "received", "return-path", "mime-version",
                  "content-type", "reply-to", "delivered-to", "cc"}


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


def _clean_header(value: object) -> str:
    """A header as text: encoded words decoded, raw 8-bit bytes read as UTF-8, one line."""
    text = str(value) if value is not None else ""
    if any("\udc80" <= ch <= "\udcff" for ch in text):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return " ".join(text.split())[:MAX_TEXT_CHARS]


def _decode_bytes(payload: bytes, charset: str | None) -> tuple[str, str]:
    """Bytes of a part to text: the declared charset, else a superset of it, else UTF-8,
    else the declared charset with replacement characters. Returns (text, problem)."""
    declared = (charset or "us-ascii").strip().strip('"').lower()
    for name in (declared, *_SUPERSETS.get(declared, ()), "utf-8"):
        try:
            return payload.decode(name), ""
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return payload.decode(declared, "replace"), f"some bytes of the body are not valid {declared}; shown as \ufffd"
    except LookupError:
        return payload.decode("utf-8", "replace"), f"unknown charset {declared!r}; read as UTF-8 where possible"


def _part_text(part: EmailMessage) -> tuple[str, str]:
    payload = part.get_payload(decode=True)
    if payload is None:
        raw = part.get_payload()
        return (raw if isinstance(raw, str) else ""), ""
    if not isinstance(payload, bytes):
        return str(payload), ""
    return _decode_bytes(payload, part.get_content_charset())


class _HTMLText(HTMLParser):
    """HTML to plain text: text kept, tags dropped, scripts and styles skipped."""

    _BREAKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip += 1
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)

    def text(self) -> str:
        joined = "".join(self.parts)
        lines = [" ".join(line.split()) for line in joined.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def html_to_text(markup: str) -> str:
    """Readable text of an HTML body."""
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    return parser.text()


def _date(msg: EmailMessage, now: datetime, notes: list[str]) -> tuple[datetime, bool]:
    raw = msg.get("Date")
    if raw is None:
        notes.append(f"the email has no Date header; the time of intake ({now.isoformat()}) is used")
        return now, True
    moment = getattr(raw, "datetime", None)
    if moment is None:
        try:
            moment = email.utils.parsedate_to_datetime(str(raw))
        except (TypeError, ValueError, IndexError):
            moment = None
    if moment is None:
        notes.append(f"could not read the Date header {_clean_header(raw)!r}; the time of intake ({now.isoformat()}) is used")
        return now, True
    if moment.tzinfo is None:  # "-0000": the zone is unknown; the instant is given in UTC
        moment = moment.replace(tzinfo=timezone.utc)
    return moment, False


def parse_email_bytes(raw: bytes, now: datetime) -> ParsedEmail:
    """Read a raw email (RFC 5322 bytes). Never raises for a malformed email: what could not
    be read is named in `notes`. Raises BadInputError only for a body over the size limit."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    notes: list[str] = []
    at, missing = _date(msg, now, notes)
    body, problem = "", ""
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None and not msg.is_multipart() and msg.get_content_maintype() == "text":
        part = msg
    if part is not None:
        body, problem = _part_text(part)
        if part.get_content_subtype() == "html":
            body = html_to_text(body)
            notes.append("the email has no plain-text part; its HTML part was turned into text")
    else:
        notes.append("the email has no text part; the body is left empty")
    if problem:
        notes.append(problem)
    if len(body) > MAX_BODY_CHARS:
        raise BadInputError(f"the email's body has {len(body):,} characters; the limit is {MAX_BODY_CHARS:,}")
    message = Message(
        at=at.replace(microsecond=0),
        direction="received",
        channel="email",
        sender=_clean_header(msg.get("From")),
        subject=_clean_header(msg.get("Subject")),
        message_id=_clean_header(msg.get("Message-ID")),
        raw_sha256=sha256_hex(raw),
        body=body,
    )
    return ParsedEmail(message=message, date_missing=missing, notes=notes)


def read_eml(path: str | os.PathLike[str], now: datetime) -> ParsedEmail:
    """Read an .eml file. Raises BadInputError (a link, too large, not a file) or StoreError."""
    where = str(path)
    try:
        info = os.stat(path)
    except OSError as error:
        raise StoreError.from_os_error(where, error, "read the email") from None
    if not stat.S_ISREG(info.st_mode):
        raise BadInputError(f"{where}: not a regular file")
    if info.st_size > MAX_EML_BYTES:
        raise BadInputError(f"{where}: the email is {info.st_size:,} bytes; the limit is {MAX_EML_BYTES:,}")
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise StoreError.from_os_error(where, error, "read the email") from None
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
