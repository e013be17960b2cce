"""What redaction keeps, and where exports go.

Redaction (journal.redact) finds every address; this step around it keeps some as written:
the platform's own addresses (`*@upwork.com`: support knows them, and masking a no-reply
address only confuses) and any value the user marked to keep (their own IP inside the very
answer support asked for). The user's keep-list is remembered per incident in
`<data folder>/exports/keep/<id>.json` (0600). Exports are written by default to
`<data folder>/exports/` (folder 0700, files 0600).
"""

from __future__ import annotations

import fnmatch
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import tomli

from journal import paths, safe_read
from journal.atomic import atomic_write
from journal.errors import JournalError, StoreError
from journal.i18n import N_
from journal.redact import Masker, find
from journal.store import Store

PLATFORMS_FILE = Path(__file__).parent / "data" / "platforms.toml"
MAX_KEEP_VALUES = 200
MAX_KEEP_BYTES = 256 * 1024


def platform_keeps(platform: str) -> list[str]:
    """The address patterns a platform's own mail comes from (`*@upwork.com`), from
    journal/data/platforms.toml; [] for a platform it does not list."""
    data = tomli.loads(PLATFORMS_FILE.read_text(encoding="utf-8"))
    entry = data.get(platform.strip().lower(), {})
    return [str(p) for p in entry.get("keep", [])]


def _canonical(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip().lower()


@dataclass
class KeepingMasker:
    """A Masker that leaves kept values as written. Callable on a text like a Masker;
    `masked` maps each placeholder to the value it hides, `kept` lists values left as they
    are (each once, in the order met)."""

    keep: list[str] = field(default_factory=list)
    """Exact values (compared case- and width-insensitively) or patterns with `*`."""
    masker: Masker = field(default_factory=Masker)
    masked: dict[str, str] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)

    def is_kept(self, value: str) -> bool:
        """True when `value` is on the keep-list (or matches one of its patterns)."""
        canon = _canonical(value)
        return any(
            fnmatch.fnmatchcase(canon, _canonical(rule)) if "*" in rule else canon == _canonical(rule)
            for rule in self.keep
        )

    def __call__(self, text: str) -> str:
        hits = find(text)
        if not hits:
            return text
        out: list[str] = []
        position = 0
        for hit in hits:
            original = text[hit.start : hit.end]
            out.append(text[position : hit.start])
            if self.is_kept(original):
                out.append(original)
                if original not in self.kept:
                    self.kept.append(original)
            else:
                label = self.masker.label(hit.kind, hit.key)
                self.masked.setdefault(label, original)
                out.append(label)
            position = hit.end
        out.append(text[position:])
        return "".join(out)

    @property
    def labels(self) -> dict[tuple[str, str], str]:
        return self.masker.labels

    @property
    def count(self) -> int:
        """How many distinct addresses were masked."""
        return self.masker.count


def exports_dir(store: Store) -> Path:
    """`<data folder>/exports/`, created 0700 when missing."""
    folder = store.data_dir / "exports"
    try:
        paths.ensure_private_dir(folder)
    except OSError as error:
        raise StoreError.from_os_error(folder, error, N_("create the exports folder")) from None
    return folder


def default_export_path(store: Store, incident_id: str, fmt: str) -> Path:
    """Where an export goes unless the user says otherwise: `<data folder>/exports/<id>.toml`
    or `.md` (an absolute path)."""
    store.path_for(incident_id)  # refuses anything that is not a valid id
    return exports_dir(store).resolve() / f"{incident_id}{'.md' if fmt == 'markdown' else '.toml'}"


def _keep_file(store: Store, incident_id: str) -> Path:
    store.path_for(incident_id)
    return store.data_dir / "exports" / "keep" / f"{incident_id}.json"


def load_keep(store: Store, incident_id: str) -> list[str]:
    """The values the user chose to keep in this incident's exports ([] if none). A file
    that cannot be read counts as empty (the export then masks more, never less)."""
    path = _keep_file(store, incident_id)
    try:
        data = safe_read.read_file(path, MAX_KEEP_BYTES, N_("the keep-list"))
        values = json.loads(data.decode("utf-8")).get("keep", [])
    except (OSError, JournalError, ValueError, UnicodeDecodeError, AttributeError, RecursionError, MemoryError):
        return []
    return [v for v in values if isinstance(v, str)][:MAX_KEEP_VALUES] if isinstance(values, list) else []


def save_keep(store: Store, incident_id: str, values: list[str]) -> Path:
    """Remember the keep-list of an incident (atomic, 0600). Returns the file."""
    path = _keep_file(store, incident_id)
    unique = list(dict.fromkeys(v for v in values if v.strip()))[:MAX_KEEP_VALUES]
    try:
        paths.ensure_private_dir(path.parent.parent)
        paths.ensure_private_dir(path.parent)
    except OSError as error:
        raise StoreError.from_os_error(path.parent, error, N_("create the keep-list folder")) from None
    atomic_write(path, json.dumps({"keep": unique}, ensure_ascii=False, indent=1).encode("utf-8"))
    return path
