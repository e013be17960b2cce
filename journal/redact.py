"""Masking addresses in text that leaves the machine: IP addresses, email addresses, phone numbers.

Text is searched in its NFKC form, so full-width digits and signs (`０９０－１２３４－５６７８`,
`ｂｏｂ＠ｅｘａｍｐｌｅ．ｃｏｍ`) are found too; the span masked is the original one. Every
candidate is checked before it is masked: an IP address must parse with `ipaddress`, a phone
number must have the digits of an international or a Japanese number. Versions (`1.2.3.4.5`),
dates, times, contract ids and amounts stay as they are.

One `Masker` is used for a whole export, so the same address always becomes the same
placeholder (`[ip-1]`, `[email-2]`, `[phone-1]`) and support can still follow the story.
"""

from __future__ import annotations

import bisect
import functools
import ipaddress
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

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

_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc"
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,63}(?![A-Za-z0-9\-]|\.[A-Za-z0-9])"
)
_IPV4 = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w]|\.\w)", re.ASCII)
# A run of the characters an IPv6 address (with a zone id) is written with; checked below.
_IPV6_TOKEN = re.compile(r"(?<![\w:.%\-])[\w:.%\-]*:[\w:.%\-]*:[\w:.%\-]*", re.ASCII)
_WORD = re.compile(r"\w", re.ASCII)
_LABEL_PREFIX = re.compile(r"^[^:]*[g-zG-Z_][^:]*:")
_PHONE = re.compile(rf"(?<![\w+.,/])(?:\+|\()?\d[\d ().{_DASHES}]*\d", re.ASCII)
_MAX_GROUPS = 8
"""A phone number is written in at most this many groups of digits."""
_GROUP = re.compile(r"\d+", re.ASCII)
_SEPARATOR = re.compile(rf"^(?: ?[.{_DASHES}] ?| |\) ?\(?| ?\(|)$")


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


@functools.lru_cache(maxsize=4096)
def _phone_key(candidate: str) -> str | None:
    """Digits of a phone number (Japanese numbers in one form, with or without +81), or None."""
    digits = "".join(_GROUP.findall(candidate))
    if candidate.startswith("+"):
        if not 8 <= len(digits) <= 15 or digits[0] == "0":
            return None
        if digits.startswith("81"):
            national = digits[2:].removeprefix("0")
            return "0" + national
        return "+" + digits
    if digits.startswith("0") and digits[1:2] != "0" and len(digits) in (10, 11):
        return digits
    return None


def _phones(text: str) -> list[tuple[int, int, str]]:
    """Phone numbers in a run of digits and separators: the longest valid run of digit
    groups, from the left, so `2026-11-20 090-1234-5678` finds only the phone number."""
    found: list[tuple[int, int, str]] = []
    for run in _PHONE.finditer(text):
        base = run.start()
        groups = [(m.start() + base, m.end() + base) for m in _GROUP.finditer(run[0])]
        prefix = [0, *itertools.accumulate(end - start for start, end in groups)]
        plus = run[0].startswith("+")
        first = 0
        while first < len(groups):
            hit = None
            # A number starts with `+` (international) or `0` (Japanese); it has 8 to 15
            # digits, in at most _MAX_GROUPS groups joined by separators.
            if text[groups[first][0]] == "0" or (first == 0 and plus):
                needed = 8 if first == 0 and plus else 10
                lowest = bisect.bisect_left(prefix, prefix[first] + needed) - 1
                highest = min(
                    len(groups) - 1, first + _MAX_GROUPS - 1, bisect.bisect_right(prefix, prefix[first] + 15) - 2
                )
                reach = first
                while lowest <= highest and reach < highest and _SEPARATOR.match(text[groups[reach][1] : groups[reach + 1][0]]):
                    reach += 1
                for last in range(reach, lowest - 1, -1):
                    start, end = groups[first][0], groups[last][1]
                    if first == 0:
                        start = base  # keep a leading `+` or `(`
                    elif text[start - 1] == "(":
                        start -= 1
                    if end < run.end() and text[end] == ")" and "(" in text[start:end]:
                        end += 1
                    after = text[end : end + 2]
                    if after and (_WORD.match(after[0]) or after[0] in ".," and after[1:].isdigit()):
                        continue
                    key = _phone_key(text[start:end])
                    if key is not None:
                        hit = (start, end, key, last)
                        break
            if hit:
                found.append(hit[:3])
                first = hit[3] + 1
            else:
                first += 1
    return found


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
    for match in _IPV6_TOKEN.finditer(folded):
        inner = _ipv6(match[0])
        if inner:
            add(match.start() + inner[0], match.start() + inner[1], "ip", inner[2])
    for match in _IPV4.finditer(folded):
        key = _ip_key(match[0])
        if key is not None:
            add(match.start(), match.end(), "ip", key)
    for start, end, key in _phones(folded):
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
