"""Limits a raw email must keep before it is handed to Python's `email` package.

The standard library's parsers recurse on nested comments and MIME parts, and take time
quadratic in the number of addresses or encoded words of a header (a From with 40,000
addresses took 8 s; 400 nested `(` raised RecursionError; 2,000 nested multiparts took a
second and then ran out of stack). `check_raw_email` looks at the bytes only, in one linear
pass, and refuses a mail over any limit with BadInputError naming the limit, before anything
is parsed. Real mail is far below each limit (figures from the mail of a support desk: at
most a few hundred recipients, a dozen encoded words, MIME depth 4).
"""

from __future__ import annotations

import re

from journal.errors import BadInputError
from journal.i18n import _

MAX_HEADER_SECTION_BYTES = 256 * 1024
"""The whole header section (everything before the first blank line)."""
MAX_ONE_HEADER_BYTES = 64 * 1024
"""One header, with its folded continuation lines."""
MAX_ENCODED_WORDS = 1_000
"""RFC 2047 encoded words (`=?charset?B?...?=`) in one header."""
MAX_ADDRESSES = 1_000
"""Addresses (counted by their `@`) in one of From, To, Cc, Bcc, Reply-To, Sender."""
MAX_COMMENT_DEPTH = 32
"""Nested parentheses (comments, RFC 5322 3.2.2) in one header."""
MAX_PARAMETERS = 100
"""`;`-separated parameters of one Content-Type or Content-Disposition header."""
MAX_MULTIPARTS = 64
"""`multipart/*` parts in the whole mail (a bound on the MIME nesting depth too)."""

_ADDRESS_HEADERS = {b"from", b"to", b"cc", b"bcc", b"reply-to", b"sender", b"resent-to", b"resent-cc"}
_ENCODED_WORD = re.compile(rb"=\?[^?\s]+\?[bBqQ]\?")
_MULTIPART = re.compile(rb"(?im)^content-type:[ \t]*(?:\r?\n[ \t]+)?multipart/")


def _headers(section: bytes) -> list[tuple[bytes, bytes]]:
    """(name, raw value with its continuation lines) of each header."""
    out: list[tuple[bytes, bytes]] = []
    for line in section.split(b"\n"):
        line = line.removesuffix(b"\r")
        if line[:1] in (b" ", b"\t") and out:
            name, value = out[-1]
            out[-1] = (name, value + b"\n" + line)
        elif b":" in line:
            name, _colon, value = line.partition(b":")
            out.append((name.strip(), value))
    return out


def _comment_depth(value: bytes) -> int:
    """How deep parentheses nest outside quoted strings (a quoted `(` is no comment)."""
    depth = deepest = 0
    escaped = quoted = False
    for byte in value:
        if escaped:
            escaped = False
        elif byte == 0x5C:  # backslash
            escaped = True
        elif byte == 0x22 and not depth:  # a double quote outside a comment
            quoted = not quoted
        elif quoted:
            continue
        elif byte == 0x28:
            depth += 1
            deepest = max(deepest, depth)
        elif byte == 0x29 and depth:
            depth -= 1
    return deepest


def check_raw_email(raw: bytes) -> None:
    """Refuse, before any parsing, a mail over one of the limits above. Raises BadInputError
    with one line: what is over which limit (the caller adds the file name). Linear in
    len(raw)."""
    ends = [at for at in (raw.find(b"\n\n"), raw.find(b"\r\n\r\n")) if at >= 0]
    section = raw[: min(ends)] if ends else raw
    if len(section) > MAX_HEADER_SECTION_BYTES:
        raise BadInputError(
            _(
                "the email's headers are {count:,} bytes; the most accepted is {MAX_HEADER_SECTION_BYTES:,}; not read"
            ).format(count=len(section), MAX_HEADER_SECTION_BYTES=MAX_HEADER_SECTION_BYTES)
        )
    for name, value in _headers(section):
        shown = name.decode("ascii", "replace")[:40]
        name = name.lower()
        if len(value) > MAX_ONE_HEADER_BYTES:
            raise BadInputError(
                _(
                    "the email's {shown} header is {count:,} bytes; the most accepted is {MAX_ONE_HEADER_BYTES:,}; not read"
                ).format(shown=shown, count=len(value), MAX_ONE_HEADER_BYTES=MAX_ONE_HEADER_BYTES)
            )
        words = len(_ENCODED_WORD.findall(value))
        if words > MAX_ENCODED_WORDS:
            raise BadInputError(
                _(
                    "the email's {shown} header has {words:,} encoded words; the most accepted is {MAX_ENCODED_WORDS:,}; not read"
                ).format(shown=shown, words=words, MAX_ENCODED_WORDS=MAX_ENCODED_WORDS)
            )
        if name in _ADDRESS_HEADERS and value.count(b"@") > MAX_ADDRESSES:
            raise BadInputError(
                _(
                    "the email's {shown} header has {count:,} addresses; the most accepted is {MAX_ADDRESSES:,}; not read"
                ).format(shown=shown, count=value.count(b"@"), MAX_ADDRESSES=MAX_ADDRESSES)
            )
        if name in (b"content-type", b"content-disposition") and value.count(b";") > MAX_PARAMETERS:
            raise BadInputError(
                _(
                    "the email's {shown} header has {count:,} parameters; the most accepted is {MAX_PARAMETERS}; not read"
                ).format(shown=shown, count=value.count(b";"), MAX_PARAMETERS=MAX_PARAMETERS)
            )
        if b"(" in value and (depth := _comment_depth(value)) > MAX_COMMENT_DEPTH:
            raise BadInputError(
                _(
                    "the email's {shown} header nests parentheses {depth:,} deep; the most accepted is {MAX_COMMENT_DEPTH}; not read"
                ).format(shown=shown, depth=depth, MAX_COMMENT_DEPTH=MAX_COMMENT_DEPTH)
            )
    parts = len(_MULTIPART.findall(raw))
    if parts > MAX_MULTIPARTS:
        raise BadInputError(
            _(
                "the email has {parts:,} multipart parts (MIME nesting); the most accepted is {MAX_MULTIPARTS}; not read"
            ).format(parts=parts, MAX_MULTIPARTS=MAX_MULTIPARTS)
        )
