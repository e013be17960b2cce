"""The line and column a refused file's error names, in layouts where finding it is not
trivial: the third `[[messages]]`, attachments of the second request, headers with comments
or spaces, `[[...]]` and `key =` lines inside multi-line strings, values in inline tables.
Each case was added because changing journal/tomlpos.py there went unnoticed (mutation
testing, docs/mutation.md)."""

from __future__ import annotations

import pytest

from journal import codec
from journal.codec import FormatError
from journal.tomlpos import Locator

BASE = 'format = 1\nid = "x"\ntitle = "t"\nkind = "other"\nopened_at = 2026-11-20T09:12:00+09:00\n'
AT = "at = 2026-11-20T09:12:00+09:00\n"
SHA = "a" * 64


def refusal(text: str) -> str:
    with pytest.raises(FormatError) as caught:
        codec.loads(text, "inc.toml")
    return str(caught.value)


CASES = [
    (
        "the third message",
        BASE + "\n[[messages]]\n" + AT + "\n[[messages]]\n" + AT + "\n[[messages]]\n" + AT + 'channel = "fax"\n',
        "inc.toml:15:10: messages[2].channel is 'fax'; expected one of: email, in-app, chat, phone, other",
    ),
    (
        "a header with a comment and spaces",
        BASE + "\n[[ messages ]]  # the first\n" + AT + "\n[[messages]] # the second\n" + AT + 'direction = "up"\n',
        "inc.toml:12:12: messages[1].direction is 'up'; expected one of: received, sent",
    ),
    (
        "headers and keys inside a multi-line basic string",
        BASE
        + "\n[[messages]]\n"
        + AT
        + 'body = """\n[[messages]]\nchannel = "fax"\n  [[messages]]\n"""\n'
        + "\n[[messages]]\n"
        + AT
        + 'channel = "fax"\n',
        "inc.toml:17:10: messages[1].channel is 'fax'; expected one of: email, in-app, chat, phone, other",
    ),
    (
        "headers and keys inside a multi-line literal string",
        BASE
        + "\n[[messages]]\n"
        + AT
        + "body = '''\n[[messages]]\nchannel = 'fax'\n'''\n"
        + "\n[[messages]]\n"
        + AT
        + 'channel = "fax"\n',
        "inc.toml:16:10: messages[1].channel is 'fax'; expected one of: email, in-app, chat, phone, other",
    ),
    (
        "a key word inside a string of the top table",
        'format = 1\nid = "x"\nsummary = """\ntitle = "fine"\n"""\ntitle = 3\nkind = "other"\n'
        "opened_at = 2026-11-20T09:12:00+09:00\n",
        "inc.toml:6:8: title must be text, not a whole number",
    ),
    (
        "the attachments of the second request are counted from zero",
        BASE
        + '\n[[requests]]\nquestion = "q1"\n\n[[requests.attachments]]\npath = "a.png"\n'
        + '\n[[requests.attachments]]\npath = "b.png"\n'
        + '\n[[requests]]\nquestion = "q2"\n\n[[requests.attachments]]\npath = "c.png"\nsha256 = "'
        + "g" * 64
        + '"\n',
        "inc.toml:21:9: requests[1].attachments[0].sha256 must be 64 hex digits",
    ),
    (
        "a missing key names its table's header",
        BASE + "\n[[messages]]\n" + AT + "\n[[messages]]\n" + 'subject = "s"\n',
        "inc.toml:10:1: messages[1].at is missing",
    ),
    (
        "a key not on its table's header line",
        BASE + '\n[[contracts]]\nclient = "A"\npending = { amount = "x" }\n',
        "inc.toml:9:10: contracts[0].pending.amount is not a number: 'x'",
    ),
]


@pytest.mark.parametrize(("text", "message"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_a_refused_value_is_named_at_its_line_and_column(text: str, message: str) -> None:
    assert refusal(text) == message


def test_positions_of_values_in_tables_found_directly() -> None:
    text = (
        'title = "t"\n'  # 1
        "\n"
        "[contracts]\n"  # 3
        'client  =  "A"\n'  # 4
        "\n"
        "[[messages]]\n"  # 6
        + AT  # 7
        + "\n"
        + "[[messages]]\n"  # 9
        + "   at = 1\n"  # 10: indented key
        + "\n"
        + "[[messages.attachments]]\n"  # 12
        + 'path = "p"\n'  # 13
        + "[[messages.attachments]]\n"  # 14
        + 'path = "q"\n'  # 15
        + "[messages.extra]\n"  # 16
        + "x = 1\n"  # 17
    )
    locator = Locator(text)
    assert locator.find(("title",)) == (1, 8)
    assert locator.find(("contracts", "client")) == (4, 10)
    assert locator.find(("contracts", "nothing")) == (3, 1)
    assert locator.find(("messages", 0, "at")) == (7, 5)
    assert locator.find(("messages", 1, "at")) == (10, 8)
    assert locator.find(("messages", 1, "attachments", 0, "path")) == (13, 7)
    assert locator.find(("messages", 1, "attachments", 1, "path")) == (15, 7)
    assert locator.find(("messages", 1, "extra", "x")) == (17, 4)
    assert locator.find(("messages", 5, "at")) == (None, None)
    assert locator.find(("nothing",)) == (None, None)
    assert locator.find(()) == (None, None)


def test_a_header_inside_a_string_that_opens_on_the_header_line_is_no_header() -> None:
    text = '[a]\nx = """one\n[b]\ny = 2\n"""\ny = 3\n'
    locator = Locator(text)
    assert locator.find(("a", "y")) == (6, 4)
    assert locator.find(("b", "y")) == (None, None)


def test_a_file_that_starts_with_a_blank_line() -> None:
    text = '\n[a]\nx = """one\n[b]\ny = 2\n"""\ny = 3\n'
    locator = Locator(text)
    assert locator.find(("a", "y")) == (7, 4)
    assert locator.find(("a", "x")) == (3, 4)


def test_an_empty_comment_line() -> None:
    text = 'title = "t"\n#\n[a]\n#\nx = 1\n'
    assert Locator(text).find(("a", "x")) == (5, 4)


def test_tables_inside_tables_and_inside_arrays_of_tables() -> None:
    text = "[a.b]\nx = 1\n\n[[c]]\n[[c.d]]\nx = 2\n[[c]]\n[c.d]\nx = 3\n"
    locator = Locator(text)
    assert locator.find(("a", "b", "x")) == (2, 4)
    assert locator.find(("c", 0, "d", 0, "x")) == (6, 4)
    assert locator.find(("c", 1, "d", "x")) == (9, 4)
