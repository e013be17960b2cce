"""Warnings: messages that talk of moving payment or work off the platform.

Doing so to get around a hold is itself a violation, so an incident whose messages (either
direction, English or Japanese) contain such talk carries a warning. The phrases are data
(`journal/data/warnings.toml`); see that file for how they are matched.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli

from journal.i18n import _
from journal.model import Incident, Message
from journal.text import one_line

WARNINGS_FILE = Path(__file__).parent / "data" / "warnings.toml"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Rule:
    """One group of phrases from the word list."""

    id: str
    language: str
    patterns: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...] = ()
    why: str = ""
    """Why the phrase matters, for the outgoing check (journal.outgoing)."""


@dataclass(frozen=True)
class Hit:
    """A phrase found in a text."""

    rule: str
    """The id of the rule that matched (`pay-directly`, `outside-platform-ja`, ...)."""
    language: str
    phrase: str
    """The matched words, as normalised (case-folded)."""


@dataclass(frozen=True)
class Alert:
    """A message that talks of moving payment or work off the platform."""

    index: int
    """Which message of the incident (0-based)."""
    at: datetime
    direction: str
    sender: str
    subject: str
    hits: tuple[Hit, ...]

    @property
    def phrases(self) -> list[str]:
        """The distinct phrases found, in order."""
        return list(dict.fromkeys(hit.phrase for hit in self.hits))

    def line(self) -> str:
        """One line for the user, beginning `Warning:`."""
        quoted = ", ".join(f'"{one_line(p)}"' for p in self.phrases[:3])
        who = f" from {one_line(self.sender)}" if self.sender and self.direction == "received" else ""
        what = "sent" if self.direction == "sent" else "received"
        try:
            when = f"{self.at.astimezone():%Y-%m-%d %H:%M}"
        except OverflowError:  # a moment at the very edge of the calendar
            when = self.at.isoformat()
        return (
            f"Warning: message {self.index + 1} ({what} {when}{who}) talks of "
            f"moving payment or work off the platform ({quoted}). Doing so to get around a hold is itself "
            "a violation; check the platform's rules."
        )

    def to_json(self) -> dict[str, Any]:
        """For `show --json`."""
        return {
            "message": self.index,
            "at": self.at.isoformat(),
            "direction": self.direction,
            "phrases": self.phrases,
            "rules": list(dict.fromkeys(hit.rule for hit in self.hits)),
        }


def _compile(patterns: Any, where: str) -> tuple[re.Pattern[str], ...]:
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise ValueError(f"{where}: " + _("must be a list of text"))
    return tuple(re.compile(p) for p in patterns)


def parse_rules(text: str, path: str = "<warnings>", table: str = "warning") -> list[Rule]:
    """Read a word list (see journal/data/warnings.toml): its `[[warning]]` groups, or those
    of another `table` (`outgoing`). Raises ValueError naming the rule."""
    data = tomli.loads(text)
    rules = []
    for number, entry in enumerate(data.get(table, [])):
        where = f"{path}: {table}[{number}]"
        rule_id, language = entry.get("id"), entry.get("language")
        if not isinstance(rule_id, str) or language not in ("en", "ja"):
            raise ValueError(f"{where}: " + _("needs an id and a language (en or ja)"))
        rules.append(
            Rule(
                id=rule_id,
                language=language,
                patterns=_compile(entry.get("patterns"), f"{where}.patterns"),
                unless=_compile(entry.get("unless", []), f"{where}.unless"),
                why=str(entry.get("why", "")),
            )
        )
    return rules


@functools.cache
def builtin_rules() -> tuple[Rule, ...]:
    """The word list shipped with the package."""
    return tuple(parse_rules(WARNINGS_FILE.read_text(encoding="utf-8"), str(WARNINGS_FILE)))


_SENTENCE_MARK = re.compile(r"[.!?。！？]")
MAX_SCAN_CHARS = 100_000
"""Only the first 100,000 characters of a message are searched: off-platform talk comes in
short messages, and a pasted log of a megabyte must not slow every listing down."""


class _View:
    """One normalised form of a text, with its sentence boundaries."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._marks: list[int] | None = None

    def sentence_around(self, start: int, end: int) -> str:
        """The sentence holding text[start:end] (bounded by . ! ? and their Japanese forms)."""
        if self._marks is None:
            self._marks = [m.start() for m in _SENTENCE_MARK.finditer(self.text)]
        before = bisect.bisect_left(self._marks, start)
        left = self._marks[before - 1] + 1 if before else 0
        after = bisect.bisect_left(self._marks, end)
        right = self._marks[after] if after < len(self._marks) else len(self.text)
        return self.text[left:right]


def find_phrases(text: str, rules: tuple[Rule, ...] | list[Rule] | None = None) -> list[Hit]:
    """The phrases of the word list found in `text` (empty for a harmless text); at most
    one hit per rule. Only the first MAX_SCAN_CHARS characters are searched."""
    rules = builtin_rules() if rules is None else rules
    folded = unicodedata.normalize("NFKC", text[:MAX_SCAN_CHARS]).casefold()
    views = {"en": _View(_SPACE.sub(" ", folded)), "ja": _View(_SPACE.sub("", folded))}
    hits: list[Hit] = []
    for rule in rules:
        view = views[rule.language]
        hit = None
        for pattern in rule.patterns:
            for match in pattern.finditer(view.text):
                sentence = view.sentence_around(match.start(), match.end())
                if not any(u.search(sentence) for u in rule.unless):
                    hit = Hit(rule.id, rule.language, match.group().strip())
                    break
            if hit:
                break
        if hit:
            hits.append(hit)
    return hits


def message_hits(message: Message) -> list[Hit]:
    """The phrases found in a message's subject and body (not in the user's own note)."""
    return list(_text_hits(message.subject, message.body))


@functools.lru_cache(maxsize=2048)
def _text_hits(subject: str, body: str) -> tuple[Hit, ...]:
    # Cached: screens and listings ask again for the same messages (a str keeps its hash,
    # so a repeated question costs a dictionary look-up, not a scan of the body).
    return tuple(find_phrases(f"{subject}\n\n{body}"))


def incident_alerts(incident: Incident) -> list[Alert]:
    """One alert per message of the incident that talks of moving payment or work off the
    platform, in message order. Empty when no message does."""
    alerts = []
    for index, message in enumerate(incident.messages):
        hits = message_hits(message)
        if hits:
            alerts.append(
                Alert(
                    index=index,
                    at=message.at,
                    direction=message.direction,
                    sender=message.sender,
                    subject=message.subject,
                    hits=tuple(hits),
                )
            )
    return alerts
