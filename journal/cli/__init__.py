"""The command line: `incident-journal [--data-dir DIR] [--demo] [COMMAND ...]`.

With no command it opens the terminal UI (imported lazily, so commands start fast).
Exit codes: 0 success, 1 the operation failed (unknown id, conflict, I/O), 2 bad usage or
bad input. Every error is one line on stderr naming the file (and line) it is about.

Layout: `parser` (every command and option), `render` (what is printed), one module per group
of commands (`incidents`, `views`, `contracts`, `share`), `completion` and `run` (the entry
point `main`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

UNSUPPORTED = (
    "incident-journal: error: this system is not supported: the journal's locking and durable writes need "
    "POSIX (Linux or macOS); on Windows, run it inside WSL"
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: `sys.argv[1:]`); returns the exit code.

    On a system without POSIX file locking (Windows) it says so in one line and returns 1
    instead of failing on an import.
    """
    try:
        import fcntl  # noqa: F401  (the store's lock; missing on Windows)
    except ImportError:
        print(UNSUPPORTED, file=sys.stderr)
        return 1
    from journal.cli.run import main as run_main

    return run_main(argv)


__all__ = ["main"]
