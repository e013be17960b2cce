"""Incident ids: `[a-z0-9-]`, length-capped, made from the date, kind and title.

An id is also a file name, so a path is only ever built from an id that `is_valid_id`
accepts: no dots, slashes, NULs or look-alike characters can reach the file system.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from datetime import date

MAX_ID_LENGTH = 80
_VALID = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?", re.ASCII)
_NON_SLUG = re.compile(r"[^a-z0-9]+", re.ASCII)
_MAX_TITLE_SLUG = 40
_CONFLICT_NAME = re.compile(r"([a-z0-9-]+)\.conflict-[0-9]{8}T[0-9]{6}(?:-[0-9]+)?\.toml", re.ASCII)


def is_valid_id(text: object) -> bool:
    """True if `text` is a well-formed id (and so a safe file name)."""
    return (
        isinstance(text, str)
        and 0 < len(text) <= MAX_ID_LENGTH
        and _VALID.fullmatch(text) is not None
        and "--" not in text
    )


def conflict_copy_of(name: str) -> str | None:
    """The incident id of a file name such as `<id>.conflict-20261124T120000.toml` (a version
    kept beside an incident after a conflict), or None for any other name."""
    found = _CONFLICT_NAME.fullmatch(name)
    return found.group(1) if found and is_valid_id(found.group(1)) else None


def slugify(text: str, limit: int = _MAX_TITLE_SLUG) -> str:
    """ASCII slug of `text` (accents folded, other scripts dropped), cut at a word boundary."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > limit:
        cut = slug[: limit + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:limit]
    return slug.strip("-")


def make_id(day: date, kind: str, title: str, taken: Container[str] = ()) -> str:
    """A new id such as `2026-11-20-contract-suspension-acme`, unique among `taken`."""
    base = "-".join(part for part in (day.isoformat(), slugify(kind, 30), slugify(title)) if part)
    base = base[: MAX_ID_LENGTH - 4].strip("-")
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate
