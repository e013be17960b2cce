"""Standard output that cannot lie about what was done.

`GuardedOutput` wraps stdout: text the terminal's encoding cannot show is replaced (`?`),
never an error; a write that fails (a full disk under `> file`, a closed pipe) is remembered
instead of raised, so the command finishes what it does, and `report` then says on stderr
that the change was made and what could not be printed. Files are never written through it
(the store writes UTF-8 bytes itself).
"""

from __future__ import annotations

import errno
import sys
from typing import TextIO

from journal.i18n import N_, _
from journal.text import one_line, printable


class GuardedOutput:
    """A text stream in front of `stream`; see the module docstring."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.failure: OSError | None = None
        """The first write error, or None."""
        self.lost = ""
        """The start of the text that could not be written (up to 4,000 characters)."""

    def write(self, text: str) -> int:
        """Write `text`; on an OSError remember it (and the text) and drop later output."""
        if self.failure is None:
            try:
                return self.stream.write(text)
            except OSError as error:
                self.failure = error
        if len(self.lost) < 4_000:
            self.lost += text[: 4_000 - len(self.lost)]
        return len(text)

    def flush(self) -> None:
        """Flush; a failure is remembered like one of `write`."""
        if self.failure is None:
            try:
                self.stream.flush()
            except OSError as error:
                self.failure = error
                self.lost = self.lost or "(the output)"

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)

    @property
    def broken_pipe(self) -> bool:
        """True when the reader went away (`| head`): not an error worth a line."""
        return isinstance(self.failure, BrokenPipeError) or (
            self.failure is not None and self.failure.errno == errno.EPIPE
        )


class PrintableErrors:
    """stderr through `journal.text.printable`: every control, escape and bidi character of
    a message (a file name, a quoted value) is shown as a visible placeholder; line breaks
    and tabs stay."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        """Write a printable copy of `text`."""
        self.stream.write(printable(text))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)


def replace_unencodable(stream: TextIO | None) -> None:
    """Make `stream` replace what its encoding cannot show instead of raising."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="replace")
        except (ValueError, OSError):
            pass


def report(guard: GuardedOutput, prog: str, code: int) -> int:
    """After a command: flush, and when output failed say so on stderr (what was done
    stays done). Returns the exit code: 1 when output failed, else `code`."""
    guard.flush()
    if guard.failure is None or guard.broken_pipe:
        return code
    from journal.errors import StoreError

    reason = StoreError.from_os_error("stdout", guard.failure, N_("write the output"), nothing_changed=False).reason
    first = one_line(guard.lost.strip().splitlines()[0] if guard.lost.strip() else "")[:300]
    done = _("the command finished (any change it made is saved)") if code == 0 else _("the command failed")
    fail(_("{reason}; {done}; not printed: {text}").format(reason=reason, done=done, text=repr(first)))
    return 1


WARNING_PREFIX = "incident-journal: warning: "
ERROR_PREFIX = "incident-journal: error: "
"""The start of a warning and an error line on stderr: kept as written in every language
(like the `path:line:col:` after it), so scripts and tests can find the lines."""


def warn(text: str) -> None:
    """`incident-journal: warning: TEXT` on stderr. The prefix stays as written in every
    language, so scripts can find the line; `text` is already in the user's language."""
    print(WARNING_PREFIX + text, file=sys.stderr)


def say(text: str) -> None:
    """One line for the person at the terminal on stderr (what was done, what to do next),
    kept apart from stdout, which holds only what a script reads."""
    print(text, file=sys.stderr)


def fail(text: str) -> None:
    """`incident-journal: error: TEXT` on stderr (the prefix stays as written, as `warn`'s)."""
    print(ERROR_PREFIX + text, file=sys.stderr)
