"""HTML to plain text for the record: the body of an HTML-only email (`journal.eml`).

Link targets are written after the link text, table cells separated by ` | `, `<pre>`
spacing kept; scripts, styles and hidden elements dropped. The standard library's
`html.parser` reads the markup; nothing here fetches anything or runs code.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _HTMLText(HTMLParser):
    """HTML to plain text for the record: text kept, link targets written after the link
    text (`text <https://...>`), table cells separated by ` | `, `<pre>` spacing kept,
    scripts, styles and hidden elements (`display:none`, `hidden`) dropped."""

    _BREAKS = {
        "br",
        "p",
        "div",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "blockquote",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "header",
        "footer",
        "hr",
        "pre",
        "address",
    }
    _ROWS = {"tr", "li", "dt", "dd"}
    """Lines of their own, with no blank line between two of them."""
    _SKIP = {"script", "style", "head", "title", "template", "noscript"}
    _VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    _HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, hides what is inside)
        self._hidden = 0
        self._pre = 0
        self._links: list[tuple[str, int]] = []  # (href, index of the first part of the link text)
        self._cells = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        hides = tag in self._SKIP or "hidden" in values or bool(self._HIDDEN.search(values.get("style", "")))
        if tag not in self._VOID:
            self._open.append((tag, hides))
            self._hidden += hides
        if self._hidden:
            return
        if tag == "pre":
            self._pre += 1
        if tag in self._BREAKS and not (tag in self._ROWS and self.parts and self.parts[-1].endswith("\n")):
            self.parts.append("\n")
        if tag == "tr":
            self._cells = 0
        elif tag in ("td", "th"):
            if self._cells:
                self.parts.append(" | ")
            self._cells += 1
        elif tag == "a" and values.get("href", "").strip():
            self._links.append((values["href"].strip(), len(self.parts)))
        elif tag == "img" and values.get("alt", "").strip():
            self.parts.append(f"[{values['alt'].strip()}]")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in self._VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not any(name == tag for name, _ in self._open):
            return  # a stray end tag
        while self._open:
            name, hides = self._open.pop()
            if not self._hidden:
                self._close(name)
            self._hidden -= hides
            if name == tag:
                break

    def _close(self, tag: str) -> None:
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in self._BREAKS:
            self.parts.append("\n")
        if tag == "a" and self._links:
            href, first = self._links.pop()
            label = " ".join("".join(self.parts[first:]).split())
            if label not in (href, href.removeprefix("mailto:")):
                self.parts.append(f" <{href}>")

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        # In <pre>, line breaks are kept as a mark that `text` does not fold.
        self.parts.append(data.replace("\n", "\x00") if self._pre else data)

    def text(self) -> str:
        """The text gathered so far: spaces folded outside `<pre>`, at most one blank line."""
        lines: list[str] = []
        for line in "".join(self.parts).split("\n"):
            if "\x00" in line:
                lines.extend(part.rstrip() for part in line.split("\x00"))
            else:
                lines.append(" ".join(line.split()))
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


def html_to_text(markup: str) -> str:
    """Readable text of an HTML body: link targets, table cells and `<pre>` spacing kept,
    hidden text dropped (see `_HTMLText`)."""
    parser = _HTMLText()
    parser.feed(markup.replace("\x00", "\ufffd"))
    parser.close()
    return parser.text()
