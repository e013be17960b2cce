"""The glossary of hold kinds: what each word a platform uses for a hold means (pause, hold,
restriction, timed restriction, block, disabled, limitation, reserve) and what still works
during it, in English and Japanese, each with the page that states it and the date it was
read (journal/data/glossary.toml). Shown by `glossary [PLATFORM]`, from the new-incident form
and from `?` in the terminal UI."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from journal.errors import BadInputError
from journal.i18n import _
from journal.text import one_line

GLOSSARY_FILE = Path(__file__).parent / "data" / "glossary.toml"
ANY_PLATFORM = "any"
"""The platform of a word used by many platforms, shown with every platform's words."""


@dataclass(frozen=True)
class Term:
    """One word a platform uses for a hold."""

    platform: str
    word: str
    word_ja: str
    means: str
    means_ja: str
    works: tuple[str, ...]
    """What still works during it (English)."""
    works_ja: tuple[str, ...]
    stops: tuple[str, ...]
    """What does not work during it (English)."""
    stops_ja: tuple[str, ...]
    url: str = ""
    """The page that states it; "" when no page read defines the word."""
    read: date | None = None
    """When the page was read."""
    note: str = ""

    def lines(self, language: str = "en") -> list[str]:
        """The term as text lines: the word, what it means, what still works, what stops, the
        source (or that no page states it). Untrusted-free: the data is the project's own."""
        ja = language == "ja"
        head = self.word_ja if ja else self.word
        out = [f"{head}  [{self.platform if self.platform != ANY_PLATFORM else ('各社' if ja else 'any platform')}]"]
        out.append("  " + (self.means_ja if ja else self.means))
        works, stops = (self.works_ja, self.stops_ja) if ja else (self.works, self.stops)
        out.append(("  使えるもの: " if ja else "  still works: ") + ("、" if ja else "; ").join(works))
        out.append(("  止まるもの: " if ja else "  stops: ") + ("、" if ja else "; ").join(stops))
        if self.url:
            read = self.read.isoformat() if self.read else "-"
            out.append(
                f"  {'出典' if ja else 'source'}: {self.url} ({'閲覧' if ja else 'read'} {read})"
                + (f" {self.note}" if self.note else "")
            )
        else:
            out.append("  出典: 定義している公式ページなし" if ja else "  source: no platform page read defines it")
        return out


def _tuple(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadInputError(f"{where}: " + _("{key} must be a list of text").format(key=key))
    return tuple(value)


@functools.cache
def load_glossary(path: Path = GLOSSARY_FILE) -> tuple[Term, ...]:
    """Every term of the glossary file, in file order. Raises BadInputError naming the file
    and the entry when an entry lacks a key or has the wrong type."""
    with path.open("rb") as handle:
        try:
            data = tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:
            raise BadInputError(f"{path}: {error}") from None
    terms = []
    for number, entry in enumerate(data.get("term", []), 1):
        where = f"{path}: term {number}"
        texts = {}
        for key in ("platform", "word", "word_ja", "means", "means_ja"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise BadInputError(f"{where}: " + _("{key} is missing").format(key=key))
            texts[key] = entry[key]
        read = entry.get("read")
        if entry.get("url") and not isinstance(read, date):
            raise BadInputError(f"{where}: " + _("a term with a url needs read = YYYY-MM-DD"))
        terms.append(
            Term(
                **texts,
                works=_tuple(entry, "works", where),
                works_ja=_tuple(entry, "works_ja", where),
                stops=_tuple(entry, "stops", where),
                stops_ja=_tuple(entry, "stops_ja", where),
                url=str(entry.get("url", "")),
                read=read,
                note=str(entry.get("note", "")),
            )
        )
    return tuple(terms)


def platforms() -> list[str]:
    """The platforms with their own words, in file order."""
    seen: list[str] = []
    for term in load_glossary():
        if term.platform != ANY_PLATFORM and term.platform not in seen:
            seen.append(term.platform)
    return seen


def terms_for(platform: str | None = None) -> list[Term]:
    """The platform's own words then the words of every platform (all terms for None).
    Raises BadInputError for a platform the glossary does not know, naming those it does."""
    terms = list(load_glossary())
    if not platform:
        return terms
    wanted = platform.strip().casefold()
    own = [t for t in terms if t.platform.casefold() == wanted]
    if not own:
        raise BadInputError(
            _("the glossary has no words of {platform!r}; it has: {items}").format(
                platform=one_line(platform), items=", ".join(platforms())
            )
        )
    return own + [t for t in terms if t.platform == ANY_PLATFORM]


def glossary_text(platform: str | None = None, language: str = "en") -> str:
    """The glossary (of one platform, or all) as text, a blank line between terms."""
    blocks = ["\n".join(term.lines(language)) for term in terms_for(platform)]
    return "\n\n".join(blocks) + "\n"
