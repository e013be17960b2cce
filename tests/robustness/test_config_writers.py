"""Two processes writing the config at once (a theme chosen in one app while another sets
its language, over and over): every key each one set is in the file at the end, and the
file always reads. The write re-reads the file and merges its one key under a lock."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import tomli

ROOT = Path(__file__).resolve().parents[2]

WORKER = r"""
import os, sys, time
from pathlib import Path
from journal.config import set_config_value
name, count, path, go = sys.argv[1:5]
while not os.path.exists(go):
    time.sleep(0.001)
for n in range(int(count)):
    set_config_value(f"{name}_{n}", n, Path(path))
"""


def test_two_processes_setting_config_keys_at_once_lose_none(tmp_path: Path) -> None:
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(mode=0o700)
    config.write_text('theme = "nord"\n')
    go = tmp_path / "go"
    count = 60
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, name, str(count), str(config), str(go)], cwd=ROOT)
        for name in ("first", "second")
    ]
    time.sleep(0.3)
    go.touch()
    assert [w.wait(timeout=120) for w in workers] == [0, 0]
    data = tomli.loads(config.read_text())
    missing = [f"{name}_{n}" for name in ("first", "second") for n in range(count) if f"{name}_{n}" not in data]
    assert missing == [], f"{len(missing)} keys lost: {missing[:5]}"
    assert data["theme"] == "nord"
