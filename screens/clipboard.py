"""The terminal's clipboard, and what the app says about it.

Textual copies by sending the text to the terminal in an OSC 52 sequence (base64). Whether
it arrives is up to the terminal: many refuse OSC 52 unless allowed (tmux needs
`set -g set-clipboard on`), and large ones are dropped without a word (hterm and several
terminals cap the sequence near 100 KB; xterm's default selection buffer is smaller). So
the app never says "Copied": it says the text was sent and what the terminal must allow,
and above MAX_CLIPBOARD_BYTES it does not send at all and says so (README, "Limits").
"""

from __future__ import annotations

from textual.app import App

from journal.i18n import _
from screens.safe import tell

MAX_CLIPBOARD_BYTES = 100 * 1024
"""Text longer than this many UTF-8 bytes (100 KiB; about 137 KB once in base64 in OSC 52)
is not sent to the terminal's clipboard."""


def too_large(text: str) -> bool:
    """True when `text` is over MAX_CLIPBOARD_BYTES in UTF-8."""
    return len(text.encode("utf-8", "surrogatepass")) > MAX_CLIPBOARD_BYTES


def size_words(text: str) -> str:
    """`9,000,000 bytes`: the size the messages quote."""
    return _("{n} bytes").format(n=f"{len(text.encode('utf-8', 'surrogatepass')):,}")


def send(app: App, text: str, what: str) -> bool:
    """Send `text` to the terminal's clipboard and tell the user honestly (`what`: "the
    reply", already translated). Returns False, sending nothing and saying why, when it
    is over MAX_CLIPBOARD_BYTES: the caller offers to write a file instead."""
    if too_large(text):
        tell(
            app,
            _("Not copied: {what} is {size}, too large for the terminal's clipboard (at most {most} KB)").format(
                what=what, size=size_words(text), most=MAX_CLIPBOARD_BYTES // 1024
            ),
            error=True,
        )
        return False
    app.copy_to_clipboard(text)
    tell(
        app,
        _(
            "Sent {what} ({n} characters) to the terminal's clipboard; if it does not paste, the terminal must "
            "allow OSC 52 (in tmux: set -g set-clipboard on)"
        ).format(what=what, n=f"{len(text):,}"),
    )
    return True
