"""`incident-journal completion bash|zsh`: a completion script generated from the parser.

`shtab` writes the script from the same parser that reads the command line, so every command,
option and choice (`--kind`, `--status`, ...) completes without a list kept by hand. Incident
ids complete from `incident-journal list --ids` (most urgent first), run when Tab is pressed.
"""

from __future__ import annotations

import argparse

import shtab

from journal.cli.parser import PROG

SHELLS = ("bash", "zsh")

_PREAMBLE = {
    "bash": ('_incident_journal_ids() {\n  compgen -W "$(incident-journal list --ids 2>/dev/null)" -- "$1"\n}\n'),
    "zsh": (
        "_incident_journal_ids() {\n"
        "  local -a ids\n"
        '  ids=(${(f)"$(incident-journal list --ids 2>/dev/null)"})\n'
        "  compadd -a ids\n"
        "}\n"
    ),
}
IDS = {"bash": "_incident_journal_ids", "zsh": "_incident_journal_ids"}
"""shtab's completer for an incident id: the shell function defined in the preamble."""


def mark_incident_ids(parser: argparse.ArgumentParser) -> None:
    """Give every positional argument named `id`, in every subcommand, the id completer."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                mark_incident_ids(sub)
        elif action.dest == "id" and not action.option_strings:
            action.complete = IDS  # type: ignore[attr-defined]


def completion_script(parser: argparse.ArgumentParser, shell: str) -> str:
    """The completion script for `shell` ("bash" or "zsh"), as text to source or install.

    Raises ValueError for another shell.
    """
    if shell not in SHELLS:
        raise ValueError(f"completion: {shell!r} is not supported; use one of: {', '.join(SHELLS)}")
    mark_incident_ids(parser)
    return str(shtab.complete(parser, shell=shell, preamble=_PREAMBLE[shell], root_prefix=PROG.replace("-", "_")))
