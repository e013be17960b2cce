"""Keep the translation catalogs in step with the code (see docs/translating.md).

    python scripts/catalogs.py update      # extract every marked message, add new ones to each .po
    python scripts/catalogs.py compile     # .po -> .mo next to it (pip install does this too)
    python scripts/catalogs.py check       # exit 1 naming each message a catalog lacks
    python scripts/catalogs.py init LANG   # start the catalog of a new language

Messages are found by Babel in `journal/` and `screens/` (see babel.cfg): the texts inside
`_()`, `gettext()`, `N_()` and `ngettext()`. The `.po` files are written sorted by message and
without source locations, so two changes that add different messages rarely touch the same
lines. Needs Babel (`pip install -e '.[test]'` installs it).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "journal" / "locale"
DOMAIN = "incident_journal"
KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2)}


def po_path(lang: str) -> Path:
    """Where the catalog of `lang` lives."""
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    """Every language with a catalog, sorted."""
    return sorted(path.parent.parent.name for path in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def extract() -> Catalog:
    """Every marked message of the code, as a Babel catalog (no translations)."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    template = Catalog(project="incident-journal", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def read(lang: str) -> Catalog:
    """The catalog of `lang` as it is on disk."""
    with po_path(lang).open("rb") as source:
        return read_po(source, locale=lang)


def write(catalog: Catalog, lang: str) -> None:
    """Write the catalog of `lang`: sorted, without locations, obsolete messages dropped."""
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as target:
        write_po(target, catalog, width=100, no_location=True, sort_output=True, ignore_obsolete=True)


def update() -> None:
    """Add each new message to every catalog (untranslated), drop the ones the code no longer has."""
    template = extract()
    for lang in languages():
        catalog = read(lang)
        created = catalog.creation_date
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.creation_date = created  # a header that changes on every update only makes merges conflict
        write(catalog, lang)
        print(f"{po_path(lang).relative_to(ROOT)}: {len(catalog)} messages")


def compile_all() -> None:
    """Compile each `.po` to the `.mo` beside it."""
    for lang in languages():
        with po_path(lang).with_suffix(".mo").open("wb") as target:
            write_mo(target, read(lang))


def missing(lang: str) -> list[str]:
    """The messages of the code that the catalog of `lang` lacks or has not translated
    (English needs no translation, only the entry)."""
    catalog = read(lang)
    gaps = []
    for message in extract():
        if not message.id:
            continue
        entry = catalog.get(message.id)
        if entry is None:
            gaps.append(message.id if isinstance(message.id, str) else message.id[0])
        elif lang != "en" and (
            entry.fuzzy or not all(entry.string if isinstance(entry.string, tuple) else [entry.string])
        ):
            gaps.append(message.id if isinstance(message.id, str) else message.id[0])
    return gaps


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        bad = 0
        for lang in languages():
            for message in missing(lang):
                print(f"{po_path(lang).relative_to(ROOT)}: missing or untranslated: {message!r}")
                bad += 1
        return 1 if bad else 0
    elif command == "init" and len(argv) == 2:
        catalog = Catalog(locale=argv[1], project="incident-journal", charset="utf-8")
        catalog.update(extract(), no_fuzzy_matching=True)
        write(catalog, argv[1])
        print(f"{po_path(argv[1]).relative_to(ROOT)}: started; translate it, then run `update` and `check`")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
