"""The core knows no screen: journal/ never imports textual or screens (the command line
only imports the UI lazily, when it is started)."""

import ast
import subprocess
import sys
from pathlib import Path

import journal

CORE = Path(journal.__file__).parent


def test_core_modules_import_no_ui() -> None:
    modules = sorted(
        ".".join(p.relative_to(CORE).with_suffix("").parts).removesuffix(".__init__")
        for p in CORE.rglob("*.py")
        if p.stem != "__main__"
    )
    code = (
        "import sys\n"
        + "".join(f"import journal.{m}\n" for m in modules)
        + ("print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'screens', 'rich')))")
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_no_top_level_ui_import_in_core_source() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.parse(path.read_text()).body:  # top level only: the CLI starts the UI lazily
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.relative_to(CORE)}: {n}" for n in names if n.split(".")[0] in ("textual", "screens")]
    assert offenders == []
