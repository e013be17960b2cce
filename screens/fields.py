"""Text fields that edit stored text as it is, but never send a control, escape or bidi
character to the terminal: each is drawn as a visible one-cell placeholder.

The multi-line field is in `screens.forms` (TextArea is slow to import and the home screen
does not need it)."""

from __future__ import annotations

from rich.segment import Segment
from textual import events
from textual.strip import Strip
from textual.widgets import Input

from journal.i18n import N_, _, ngettext

NOW_WORD = N_("now")
"""What a moment field holds when it opens for something new: the present, in a word the
moment parser reads (journal.timeparse reads `now` and `今`; tests/unit check that every
catalog's word for it reads)."""


def now_word() -> str:
    """NOW_WORD in the app's language (`now`, `今`), to prefill a moment field."""
    return _(NOW_WORD)


_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
_PICTURES[0x7F] = "\u2421"
_PICTURES.update({code: "\ufffd" for code in range(0x80, 0xA0)})
_PICTURES.update(
    {ord(c): "\ufffd" for c in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"}
)
VISIBLE = str.maketrans(_PICTURES)


def visible(strip: Strip) -> Strip:
    """A strip with every control, escape or bidi character replaced by a placeholder."""
    segments = list(strip)
    if not any(s.text.translate(VISIBLE) != s.text for s in segments if not s.control):
        return strip
    return Strip([Segment(s.text.translate(VISIBLE), s.style, s.control) if not s.control else s for s in segments])


class SafeInput(Input):
    """An Input that shows control characters in its value as placeholders, and keeps every
    line of a multi-line paste (joined with spaces, and said) where Textual keeps the first."""

    def _on_paste(self, event: events.Paste) -> None:
        lines = [line.strip() for line in event.text.splitlines()]
        kept = [line for line in lines if line]
        if len(kept) < 2:
            return  # Input's own handler runs next
        event.prevent_default()  # Input's handler would insert the first line again
        event.stop()
        text = " ".join(kept)
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)
        from screens.safe import tell

        tell(
            self.app,
            ngettext(
                "{n} pasted line was joined with spaces: this field holds one line",
                "{n} pasted lines were joined with spaces: this field holds one line",
                len(kept),
            ).format(n=len(kept)),
            timeout=6,
        )

    def render_line(self, y: int) -> Strip:
        return visible(super().render_line(y))
