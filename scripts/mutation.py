"""Mutation testing of the core modules, one module at a time, and the score of each.

    .venv/bin/pip install -e '.[test,mutation]'
    .venv/bin/python scripts/mutation.py                 # every module in MODULES
    .venv/bin/python scripts/mutation.py codec store     # some of them
    .venv/bin/python scripts/mutation.py --survivors codec   # also list what survived

Each module runs in its own copy of the project under `.mutation/<module>/` (ignored by git),
with `[tool.mutmut]` of pyproject.toml narrowed to that module and the unit tests that cover
it, so a run takes minutes rather than hours. mutmut runs under `nice -n 15` with one worker
by default (`--jobs N` to change). The score is killed / (killed + survived + timeout +
suspicious + no tests); mutants that mutmut could not check (skipped, not checked) are
counted apart. docs/mutation.md records the scores and why each survivor left is harmless.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".mutation"

MODULES: dict[str, list[str]] = {
    # module: the unit test files that exercise it (the stats pass then picks, per function,
    # only the tests that reach it).
    "store": [
        "tests/unit/test_store.py",
        "tests/unit/test_conflict_copy.py",
        "tests/unit/test_index.py",
        "tests/unit/test_search_freshness.py",
        "tests/unit/test_mutation_kills_store.py",
        "tests/unit/test_mutation_kills_index_db.py",
    ],
    "codec": [
        "tests/unit/test_codec.py",
        "tests/unit/test_nested_unknown_keys.py",
        "tests/unit/test_mutation_kills_codec.py",
    ],
    "index": [
        # journal/index.py now holds what a summary is (Summary, search_text, urgency_key);
        # the index itself, the SQLite database, is index_db below.
        "tests/unit/test_index.py",
        "tests/unit/test_search_freshness.py",
        "tests/unit/test_mutation_kills_index.py",
    ],
    "index_db": [
        # the SQLite index (WAL + FTS5 trigram): its checks of the folder, queries and the
        # home list's pages (journal/listing.py) and check (journal/home_data.py) over it
        "tests/unit/test_index.py",
        "tests/unit/test_search_freshness.py",
        "tests/unit/test_mutation_kills_index.py",
        "tests/unit/test_mutation_kills_index_db.py",
    ],
    "sharing": [
        "tests/unit/test_export.py",
        "tests/unit/test_import.py",
        "tests/unit/test_nested_unknown_keys.py",
        "tests/unit/test_mutation_kills_sharing.py",
    ],
    "importing": [
        "tests/unit/test_import.py",
        "tests/unit/test_nested_unknown_keys.py",
        "tests/unit/test_mutation_kills_sharing.py",
        "tests/unit/test_imported_attachments.py",
        "tests/unit/test_mutation_kills_importing.py",
    ],
    "redact": [
        "tests/unit/test_redact.py",
        "tests/unit/test_redact_real.py",
        "tests/unit/test_export.py",
        "tests/unit/test_mutation_kills_redact.py",
    ],
    "timeparse": [
        "tests/unit/test_timeparse.py",
        "tests/unit/test_time_forms.py",
        "tests/unit/test_mutation_kills_timeparse.py",
    ],
    "timeshow": [
        "tests/unit/test_timeparse.py",
        "tests/unit/test_mutation_kills_timeparse.py",
        "tests/unit/test_cli_japanese.py",
        "tests/unit/test_mutation_kills_timeshow.py",
    ],
    "followups": ["tests/unit/test_followups.py", "tests/unit/test_mutation_kills_followups.py"],
    "tomlpos": [
        "tests/unit/test_codec.py",
        "tests/unit/test_mutation_kills_codec.py",
        "tests/unit/test_config_problems.py",
        "tests/unit/test_mutation_kills_tomlpos.py",
    ],
}

# What `mutmut results --all true` prints after a mutant's name.
_RESULT = re.compile(r"^\s*(?P<name>\S+):\s*(?P<status>.+?)\s*$")


def _project_copy(module: str) -> Path:
    """A fresh copy of the sources and tests with [tool.mutmut] narrowed to `module`."""
    where = WORK / module
    if where.exists():
        shutil.rmtree(where)
    where.mkdir(parents=True)
    for folder in ("journal", "tests"):
        shutil.copytree(ROOT / folder, where / folder, ignore=shutil.ignore_patterns("__pycache__", "__snapshots__"))
    shutil.copy2(ROOT / "README.md", where / "README.md")  # read by a test (see also_copy)
    tests = [t for t in MODULES[module] if (ROOT / t).exists()]
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    pyproject = re.sub(r"only_mutate = \[[^\]]*\]", f'only_mutate = ["journal/{module}.py"]', pyproject)
    listed = ", ".join(f'"{t}"' for t in tests)
    pyproject = re.sub(
        r"pytest_add_cli_args_test_selection = \[[^\]]*\]",
        f"pytest_add_cli_args_test_selection = [{listed}]",
        pyproject,
    )
    (where / "pyproject.toml").write_text(pyproject, "utf-8")
    return where


def _results(where: Path) -> dict[str, str]:
    mutmut = Path(sys.executable).with_name("mutmut")
    out = subprocess.run(
        [str(mutmut), "results", "--all", "true"], cwd=where, capture_output=True, text=True, check=False
    ).stdout
    found = {}
    for line in out.splitlines():
        match = _RESULT.match(line)
        if match and "__mutmut_" in match["name"]:
            found[match["name"]] = match["status"]
    return found


def run(module: str, jobs: int) -> dict[str, str]:
    """Mutate `module` and run its tests against each mutant; the status of each mutant."""
    where = _project_copy(module)
    mutmut = Path(sys.executable).with_name("mutmut")
    subprocess.run(
        ["nice", "-n", "15", str(mutmut), "run", "--max-children", str(jobs)],
        cwd=where,
        check=False,
        stdout=subprocess.DEVNULL,
    )
    return _results(where)


def score(results: dict[str, str]) -> tuple[int, int, int]:
    """(killed, counted, not checked): counted is every mutant that ran against the tests."""
    killed = sum(1 for s in results.values() if s == "killed")
    unchecked = sum(1 for s in results.values() if s in ("skipped", "not checked", "check was interrupted by user"))
    return killed, len(results) - unchecked, unchecked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", choices=[[], *MODULES], default=[], metavar="MODULE")
    parser.add_argument("--jobs", type=int, default=1, help="mutants checked at once (default 1)")
    parser.add_argument("--survivors", action="store_true", help="list the mutants that survived")
    args = parser.parse_args(argv)
    rows = []
    for module in args.modules or list(MODULES):
        results = run(module, args.jobs)
        killed, counted, unchecked = score(results)
        percent = 100.0 * killed / counted if counted else 0.0
        rows.append((module, killed, counted, unchecked, percent))
        print(
            f"{module:<10} {killed:>4} / {counted:<4} killed  {percent:5.1f} %"
            + (f"  ({unchecked} not checked)" if unchecked else ""),
            flush=True,
        )
        if args.survivors:
            for name, status in sorted(results.items()):
                if status != "killed":
                    print(f"    {status:<12} {name}")
    return 0 if all(row[4] >= 90.0 for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
