"""On a system without POSIX locking (Windows), the command says so in one line, exit 1."""

from __future__ import annotations

import builtins

import pytest

from journal import cli


def test_without_fcntl_the_command_names_the_systems_it_runs_on(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    real_import = builtins.__import__

    def no_fcntl(name: str, *args, **kwargs):
        if name == "fcntl":
            raise ImportError("No module named 'fcntl'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_fcntl)
    assert cli.main(["list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Linux or macOS" in err and "WSL" in err
