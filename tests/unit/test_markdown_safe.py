"""The Markdown summary never turns user text into a link, an image or HTML: rendered with
markdown-it-py, every link, image and HTML token comes from the summary's own structure."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from journal import markdown
from journal.model import ChecklistItem, Contract, Event, Incident, Message, SupportRequest
from journal.redact import Masker

JST = timezone(timedelta(hours=9))
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=JST)
HOSTILE = [
    "[click here](https://upwork.example-verify.top/login)",
    "![tracker](https://evil.example/p.gif)",
    "<img src=x onerror=alert(1)>",
    "<https://evil.example>",
    "<a href='https://evil.example'>support</a>",
    "[ref]\n\n[ref]: https://evil.example",
    "&lt;script&gt; &#x3C;b&#x3E;",
    "**bold** _em_ `code` ~~gone~~ | a | b |",
    "[email-1](javascript:alert(1))",
    "# not a heading\n> not a quote\n1. not a list\n<div>block</div>",
]


def incident_with(text: str) -> Incident:
    opened = datetime(2026, 11, 20, 9, 0, tzinfo=JST)
    incident = Incident(
        id="2026-11-20-x", title=text, kind="account-hold", opened_at=opened, platform=text, summary=text
    )
    incident.add_message(Message(at=opened, sender=text, subject=text, body=text, note=text))
    incident.add_event(Event(at=opened, kind="note", text=text))
    incident.requests = [SupportRequest(question=text, asked_at=opened, answer=text, answered_at=opened)]
    incident.contracts = [Contract(client=text, contract_id=text, note=text)]
    incident.checklist = [ChecklistItem(text=text, note=text)]
    return incident


def foreign_tokens(rendered: str) -> list[str]:
    """Link, image and HTML tokens in the rendered summary (CommonMark, with raw HTML on)."""
    found = []

    def walk(tokens) -> None:
        for token in tokens:
            if token.type in ("link_open", "image", "html_inline", "html_block"):
                found.append(f"{token.type}: {token.attrs or token.content!r}")
            if token.children:
                walk(token.children)

    for parser in (MarkdownIt("commonmark"), MarkdownIt("js-default")):
        walk(parser.parse(rendered))
    return found


def test_hostile_user_text_renders_as_text() -> None:
    for text in HOSTILE:
        rendered = markdown.render(incident_with(text), NOW)
        assert foreign_tokens(rendered) == [], text


def test_escaped_text_reads_the_same_once_rendered() -> None:
    text = "Re: [Upwork] <support@upwork.example> & co. *urgent*"
    html = MarkdownIt("commonmark").render(markdown.render(incident_with(text), NOW))
    assert "Re: [Upwork] &lt;support@upwork.example&gt; &amp; co. *urgent*" in html


def test_redaction_placeholders_stay_readable() -> None:
    incident = incident_with("write to bob@example.com (urgent)")
    masker = Masker()
    incident.title = masker(incident.title)
    rendered = markdown.render(incident, NOW)
    assert "# write to [email-1] (urgent)" in rendered
    assert foreign_tokens(rendered) == []


@settings(max_examples=120, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=80))
def test_any_text_renders_with_no_foreign_link_image_or_html(text: str) -> None:
    assert foreign_tokens(markdown.render(incident_with(text), NOW)) == []


@settings(max_examples=120, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "[",
                "]",
                "(",
                ")",
                "<",
                ">",
                "!",
                "`",
                "*",
                "_",
                "&",
                "#",
                ":",
                "/",
                "a",
                "http",
                "\n",
                " ",
                "\\",
                "email-1",
                "x@y.jp",
                ";",
                "=",
            ]
        ),
        max_size=30,
    )
)
def test_markup_soup_renders_with_no_foreign_link_image_or_html(parts: list[str]) -> None:
    assert foreign_tokens(markdown.render(incident_with("".join(parts)), NOW)) == []
