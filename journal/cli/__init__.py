"""The command line: `incident-journal [--data-dir DIR] [--demo] [COMMAND ...]`.

With no command it opens the terminal UI (imported lazily, so commands start fast).
Exit codes: 0 success, 1 the operation failed (unknown id, conflict, I/O), 2 bad usage or
bad input. Every error is one line on stderr naming the file (and line) it is about.

Layout: `parser` (every command and option), `render` (what is printed), one module per group
of commands (`incidents`, `views`, `contracts`, `share`) and `run` (the entry point `main`).
"""

from journal.cli.run import main

__all__ = ["main"]
