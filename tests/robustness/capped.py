"""Run the installed command in a subprocess under a memory cap (RLIMIT_AS), so a test of
something that could eat memory fails instead of exhausting the machine."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

CAP_BYTES = 400 * 1024 * 1024
"""Address space for one run of the command: the interpreter and its libraries take about
150 MB of it, so a refusal that needs more than ~200 MB of data fails."""


def _limit(cap: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def run_capped(
    data_dir: Path,
    *argv: str,
    stdin: object = None,
    input: bytes | None = None,
    cap: int = CAP_BYTES,
    timeout: float = 60,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python -m journal --data-dir DATA ARGV` under `cap` bytes of address space."""
    environment = {**os.environ, "INCIDENT_JOURNAL_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "journal", *argv],
        stdin=stdin,
        input=input,
        capture_output=True,
        timeout=timeout,
        env=environment,
        preexec_fn=lambda: _limit(cap),
        check=False,
        text=False,
    )
