"""Build hook: compile the translation catalogs (`.po` -> `.mo`) with Babel when the package is
built or installed, so the wheel ships them and the app needs only the standard library's
`gettext` at run time. The `.mo` files are build output and are not kept in git."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogsHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compile every `journal/locale/<lang>/LC_MESSAGES/*.po` next to itself."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        for po in sorted((root / "journal" / "locale").glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as source:
                catalog = read_po(source, locale=po.parent.parent.name)
            mo = po.with_suffix(".mo")
            with mo.open("wb") as target:
                write_mo(target, catalog)
            build_data["artifacts"].append(str(mo.relative_to(root)))
