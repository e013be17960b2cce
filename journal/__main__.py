"""`python -m journal` does the same as the `incident-journal` command."""

from journal.cli import main

raise SystemExit(main())
