"""Masking addresses in text that leaves the machine: IP addresses, email addresses, phone numbers.

Text is searched in its NFKC form, so full-width digits and signs (`０９０－１２３４－５６７８`,
`ｂｏｂ＠ｅｘａｍｐｌｅ．ｃｏｍ`) are found too; the span masked is the original one. Every
candidate is checked before it is masked: an IP address must parse with `ipaddress`, a phone
number must be valid by libphonenumber (`phonenumberslite`) in Japan, in the user's region
(from the locale) or, written with `+`, anywhere; a label glued to it (`TEL.`, `FAX:`, `℡`)
is left in place. Email addresses may have Unicode local parts and domains, and are also
found percent-encoded inside URLs (`?email=taro%40example.jp`). Versions (`1.2.3.4.5`),
dates, times, contract ids and amounts stay as they are.

One `Masker` is used for a whole export, so the same address always becomes the same
placeholder (`[ip-1]`, `[email-2]`, `[phone-1]`) and support can still follow the story.
"""

from __future__ import annotations

import bisect
import functools
import ipaddress
import os
import re
import unicodedata
from dataclasses import dataclass, field

import phonenumbers

KINDS = ("email", "ip", "phone")
LABEL = re.compile(r"\[(?:email|ip|phone)-\d+\]")
"""What a placeholder looks like."""


@dataclass(frozen=True)
class Span:
    """One masked part of a text."""

    start: int
    """Where the placeholder starts in the redacted text."""
    end: int
    """Where it ends (exclusive)."""
    kind: str
    """`ip`, `email` or `phone`."""
    label: str
    """The placeholder, such as `[ip-1]`."""


@dataclass(frozen=True)
class Found:
    """An address found in an original text."""

    start: int
    end: int
    kind: str
    key: str
    """The address in a canonical form: the same address gets the same key."""


@dataclass
class Redacted:
    """A redacted text and where its placeholders are."""

    text: str
    spans: list[Span] = field(default_factory=list)


# ----------------------------------------------------------------------------- finding

# An address: an ASCII local part, or one of non-ASCII letters (`ユーザー@例え.jp`), then a
# domain of ASCII or Unicode labels. Japanese text often runs straight into an address
# (`taro@example.jpまで`): an ASCII top-level domain ends at the first non-ASCII letter.
# Letters of scripts written with spaces between words may be mixed into a local part
# (`josé.garcía@`); kana and kanji only make one of their own (`ユーザー@`).
_SPACED = "A-Za-z0-9._%+\\-\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u052f"
_LOCAL = rf"(?:(?<![{_SPACED}])[{_SPACED}]+|(?<![^\W_])[^\W\x00-\x7f]+(?:[.\-][^\W\x00-\x7f]+)*)"
_LABEL_CHARS = r"[^\W_](?:[\w\-]{0,61}[^\W_])?"
_EMAIL = re.compile(
    rf"{_LOCAL}@{_LABEL_CHARS}(?:\.{_LABEL_CHARS})*?"
    r"\.(?:[A-Za-z]{2,63}(?![A-Za-z0-9\-])|xn--[A-Za-z0-9\-]{2,59}|[^\W\d_A-Za-z]{2,63})(?!\.[^\W_])"
)
_PERCENT = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_IPV4 = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w]|\.\w)", re.ASCII)
# A run of the characters an IPv6 address (with a zone id) is written with; checked below.
_IPV6_TOKEN = re.compile(r"(?<![\w:.%\-])[\w:.%\-]*:[\w:.%\-]*:[\w:.%\-]*", re.ASCII)
_LABEL_PREFIX = re.compile(r"^[^:]*[g-zG-Z_][^:]*:")
# Labels written right before a number (`TEL.03-...`, `FAX:`, `℡090-...` which NFKC makes
# `TEL090-...`, `Mob+44...`): blanked before the search, which skips numbers glued to letters.
_PHONE_LABEL = re.compile(r"(?i)(?<![a-z])(?:tel|fax|phone|mobile|mob|cell|ph|t|f|m)(?=[.:]?\s?[+(0-9])")
_CHUNK_GAP = re.compile(r"\s{2,}|\s*[/\n\t、;|]\s*")
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc"
_PHONE_RUN = re.compile(rf"(?<![\w+.,/])\+?\(?\d[\d ().{_DASHES}]*\d", re.ASCII)
_MAX_GROUPS = 8
"""A phone number is written in at most this many groups of digits."""
HOME_REGION = "JP"
"""Numbers of this region are always looked for (the journal's users work from Japan)."""


def user_region() -> str | None:
    """The region of the user's locale (`en_US.UTF-8` -> `US`), from LC_ALL, LC_CTYPE or
    LANG as the C library reads them; None for `C`, `POSIX` or no region."""
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = os.environ.get(name, "")
        if value:
            match = re.match(r"^[A-Za-z]{2,3}_([A-Za-z]{2})\b", value)
            return match[1].upper() if match else None
    return None


def _normalised(text: str) -> tuple[str, list[int]]:
    """NFKC form of `text` and, for each of its characters, the index of the original one.
    Character by character (so every folded character maps back to one original), but only
    on the lines that NFKC changes at all."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text, list(range(len(text) + 1))
    out: list[str] = []
    where: list[int] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.isascii() or unicodedata.is_normalized("NFKC", line):
            out.append(line)
            where.extend(range(offset, offset + len(line)))
        else:
            for index, char in enumerate(line, offset):
                folded = unicodedata.normalize("NFKC", char)
                out.append(folded)
                where.extend([index] * len(folded))
        offset += len(line)
    where.append(len(text))
    return "".join(out), where


@functools.lru_cache(maxsize=4096)
def _ip_key(candidate: str) -> str | None:
    try:
        address = ipaddress.ip_address(candidate)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)  # the same address as its IPv4 form
    return address.compressed


@functools.lru_cache(maxsize=4096)
def _ipv6(token: str) -> tuple[int, int, str] | None:
    """The IPv6 address in a token (offsets within it), or None."""
    start = 0
    labelled = _LABEL_PREFIX.match(token)  # `IPv6:fe80::1`, `addr:2001:db8::1`
    if labelled:
        start = labelled.end()
    end = len(token)
    while end > start and token[end - 1] in ".-":
        end -= 1
    candidate = token[start:end]
    if candidate.count(":") < 2 or not re.search(r"[0-9A-Fa-f]", candidate):
        return None
    address, _, zone = candidate.partition("%")
    if "%" in candidate and (not zone or not re.fullmatch(r"[0-9A-Za-z_.\-]+", zone)):
        return None
    if not re.fullmatch(r"[0-9A-Fa-f:.]+", address):
        return None
    key = _ip_key(address)
    if key is None:
        return None
    return start, end, key + (f"%{zone}" if zone else "")


def _phones(text: str) -> list[tuple[int, int, str]]:
    """Phone numbers in `text` as (start, end, E.164 key), found with libphonenumber: numbers
    valid in Japan or in the user's region (see `user_region`), and `+` international numbers
    anywhere."""
    search = _PHONE_LABEL.sub(lambda m: " " * len(m[0]), text)
    found: dict[tuple[int, int], str] = {}
    regions = [HOME_REGION]
    region = user_region()
    if region and region != HOME_REGION and region in phonenumbers.SUPPORTED_REGIONS:
        regions.append(region)
    # Numbers listed side by side (`03-1234-5678  090-1234-5678`, `... / ...`) are read one
    # chunk at a time: the matcher would take the whole list for one candidate.
    position = 0
    for gap in [*_CHUNK_GAP.finditer(search), None]:
        end = gap.start() if gap else len(search)
        chunk = search[position:end]
        if any(char.isdigit() for char in chunk):
            for code in regions:
                for match in phonenumbers.PhoneNumberMatcher(chunk, code, leniency=phonenumbers.Leniency.VALID):
                    key = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
                    found.setdefault((position + match.start, position + match.end), key)
        position = gap.end() if gap else end
    taken = sorted(found)
    for run in _PHONE_RUN.finditer(search):
        at = bisect.bisect_left(taken, (run.end(), -1))
        if at and taken[at - 1][1] > run.start():
            continue  # the matcher read this run already
        for start, end, key in _phones_in_run(search, run, regions):
            found.setdefault((start, end), key)
    return [(start, end, key) for (start, end), key in sorted(found.items())]


def _phones_in_run(text: str, run: re.Match[str], regions: list[str]) -> list[tuple[int, int, str]]:
    """Valid numbers inside a run of digit groups that the matcher took as one invalid
    candidate (`+81 90-1234-5678 0`): from the left, the longest valid run of groups."""
    groups = [(m.start() + run.start(), m.end() + run.start()) for m in re.finditer(r"\d+", run[0])]
    found = []
    first = 0
    while first < len(groups):
        hit = None
        if text[run.start() if first == 0 else groups[first][0]] not in "+(0":
            first += 1  # only numbers written with `+`, `(` or a trunk `0` are read this way
            continue
        # Groups after the first have 2 digits or more in every phone number format, but for
        # the two right after a country code: an area code (`+81 3 ...`, `+33 1 ...`) and a
        # trunk prefix written in brackets (`+81 (0)3 ...`).
        country = first == 0 and text[run.start()] == "+"
        reach = first
        while (
            reach + 1 < len(groups)
            and reach - first + 1 < _MAX_GROUPS
            and (groups[reach + 1][1] - groups[reach + 1][0] >= 2 or (country and reach - first < 2))
        ):
            reach += 1
        for last in range(reach, first - 1, -1):
            start = run.start() if first == 0 else groups[first][0]
            end = groups[last][1]
            candidate = text[start:end]
            if not 7 <= sum(char.isdigit() for char in candidate) <= 15:
                continue
            if text[end : end + 1].isalnum() or (first and text[start - 1 : start].isalnum()):
                continue
            for code in regions:
                try:
                    number = phonenumbers.parse(candidate, code)
                except phonenumbers.NumberParseException:
                    continue
                if phonenumbers.is_valid_number(number):
                    hit = (start, end, phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), last)
                    break
            if hit:
                break
        if hit:
            found.append(hit[:3])
            first = hit[3] + 1
        else:
            first += 1
    return found


def _percent_decoded(text: str) -> tuple[str, list[int]]:
    """`text` with each run of `%XX` that is UTF-8 decoded, and for each character of the
    result the index of the original one (runs that are not UTF-8 are kept)."""
    out: list[str] = []
    where: list[int] = []
    position = 0
    for match in _PERCENT.finditer(text):
        try:
            decoded = bytes.fromhex(match[0].replace("%", "")).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if not decoded.isprintable():
            continue
        out.append(text[position : match.start()])
        where.extend(range(position, match.start()))
        for index, char in enumerate(decoded):
            out.append(char)
            where.append(match.start() + 3 * len(decoded[:index].encode("utf-8")))
        position = match.end()
    out.append(text[position:])
    where.extend(range(position, len(text) + 1))
    return "".join(out), where


def find(text: str) -> list[Found]:
    """Every email address, IP address and phone number in `text`, in order, not overlapping."""
    folded, where = _normalised(text)
    starts: list[int] = []
    ends: list[int] = []
    hits: list[Found] = []

    def add(start: int, end: int, kind: str, key: str) -> None:
        at = bisect.bisect_left(starts, start)
        if (at < len(starts) and starts[at] < end) or (at > 0 and ends[at - 1] > start):
            return  # overlaps an address found before
        starts.insert(at, start)
        ends.insert(at, end)
        hits.append(Found(where[start], where[end - 1] + 1, kind, key))

    for match in _EMAIL.finditer(folded):
        add(match.start(), match.end(), "email", match[0].lower())
    if "%" in folded:  # addresses percent-encoded in URLs (`?email=taro%40example.jp`)
        decoded, inner = _percent_decoded(folded)
        for match in _EMAIL.finditer(decoded):
            start, end = inner[match.start()], inner[match.end()]
            add(start, end, "email", match[0].lower())
    for match in _IPV6_TOKEN.finditer(folded):
        address = _ipv6(match[0])
        if address:
            add(match.start() + address[0], match.start() + address[1], "ip", address[2])
    for match in _IPV4.finditer(folded):
        key = _ip_key(match[0])
        if key is not None:
            add(match.start(), match.end(), "ip", key)
    search = folded
    if starts:  # addresses found are blanked, so a number next to one is read on its own
        pieces, position = [], 0
        for start, end in zip(starts, ends):
            pieces += [folded[position:start], " " * (end - start)]
            position = end
        search = "".join(pieces) + folded[position:]
    for start, end, key in _phones(search):
        add(start, end, "phone", key)
    return sorted(hits, key=lambda h: h.start)


# ----------------------------------------------------------------------------- masking


class Masker:
    """Gives each distinct address a placeholder, the same one every time it is seen."""

    def __init__(self) -> None:
        self.labels: dict[tuple[str, str], str] = {}
        self._counts = dict.fromkeys(KINDS, 0)

    def label(self, kind: str, key: str) -> str:
        """The placeholder for an address, numbered in the order addresses are first met."""
        if (kind, key) not in self.labels:
            self._counts[kind] += 1
            self.labels[(kind, key)] = f"[{kind}-{self._counts[kind]}]"
        return self.labels[(kind, key)]

    @property
    def count(self) -> int:
        """How many distinct addresses were masked."""
        return len(self.labels)

    def redact(self, text: str) -> Redacted:
        """`text` with every address replaced by its placeholder, and where they are."""
        hits = find(text)
        if not hits:
            return Redacted(text)
        out: list[str] = []
        spans: list[Span] = []
        position = length = 0
        for hit in hits:
            out.append(text[position : hit.start])
            length += hit.start - position
            label = self.label(hit.kind, hit.key)
            spans.append(Span(length, length + len(label), hit.kind, label))
            out.append(label)
            length += len(label)
            position = hit.end
        out.append(text[position:])
        return Redacted("".join(out), spans)

    def __call__(self, text: str) -> str:
        return self.redact(text).text


def redact(text: str, masker: Masker | None = None) -> Redacted:
    """Mask every IP address, email address and phone number in `text`.

    Args:
        text: any text.
        masker: share one across the texts of an export so placeholders stay stable.

    Returns:
        The redacted text and the spans of its placeholders.
    """
    return (masker or Masker()).redact(text)


def label_spans(text: str, labels: set[str] | None = None) -> list[Span]:
    """Spans of the placeholders in a text that was redacted piece by piece (as an export
    is), limited to `labels` when given."""
    spans = []
    for match in LABEL.finditer(text):
        if labels is None or match[0] in labels:
            kind = match[0][1:].split("-", 1)[0]
            spans.append(Span(match.start(), match.end(), kind, match[0]))
    return spans
