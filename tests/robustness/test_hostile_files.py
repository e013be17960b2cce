"""Hostile files, found in the data folder or imported: random bytes, truncations of a valid
file, deep nesting, huge keys and strings, a BOM, CRLF, NUL, lone surrogates (invalid UTF-8),
wrong types, times without offset, a newer format. Each one either is a valid incident or
ends in a FormatError/BadInputError: one line that names the file, within a second, with
nothing written to the data folder. The command line shows it as one line, exit 2, and a
file that does load can be listed, shown and exported without a traceback."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import tomli
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal import cli, codec, importing
from journal.errors import BadInputError
from journal.model import Attachment, ChecklistItem, Contract, Event, Incident, Message, Money, SupportRequest
from journal.store import Store
from tests.robustness.conftest import DEFAULT_ITERATIONS, ITERATIONS_ENV, T0, snapshot

LIMIT_SECONDS = 1.0
"""CPU time to read and refuse a hostile file of up to about 1 MB."""
LIMIT_BIG_SECONDS = 2.0
"""... and one near the 8 MiB import limit (tomli alone takes over a second on some)."""
FUZZ = settings(
    max_examples=max(50, int(os.environ.get(ITERATIONS_ENV, DEFAULT_ITERATIONS)) // 2),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _rich() -> Incident:
    incident = Incident(
        id="2026-11-20-account-hold-rich",
        title="Account on hold",
        kind="account-hold",
        opened_at=T0,
        follow_up_at=T0 + timedelta(days=3),
        tags=["identity", "urgent"],
        summary="Multi-line\nsummary",
    )
    incident.messages.append(Message(at=T0, sender="Support", subject="Hold", body="Line 1\nLine 2\n", note="mine"))
    incident.events.append(Event(at=T0 + timedelta(minutes=5), kind="work-paused", text="Paused"))
    incident.checklist.append(ChecklistItem(text="Tell clients", done_at=T0 + timedelta(hours=1)))
    incident.contracts.append(
        Contract(
            client="Acme",
            contract_id="38211",
            state="paused",
            deadline=date(2026, 11, 30),
            pending=Money(Decimal("420.00"), "USD"),
            client_told_at=T0 + timedelta(hours=2),
        )
    )
    incident.requests.append(
        SupportRequest(
            question="Where were you?",
            asked_at=T0,
            answer="Home",
            answered_at=T0 + timedelta(hours=3),
            attachments=[Attachment(path="ip.png", sha256="0" * 64, size=10)],
        )
    )
    return incident


VALID = codec.dumps(_rich())
VALID_BYTES = VALID.encode("utf-8")
VALID_DATA = tomli.loads(VALID)
HEAD, _, TAIL = VALID.partition("\n")  # `format = 1`, the rest


def _leaves(data: Any, where: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*where, key))
    elif isinstance(data, list) and data and all(isinstance(v, dict) for v in data):
        for index, value in enumerate(data):
            yield from _leaves(value, (*where, index))
    else:
        yield where, data


LEAVES = list(_leaves(VALID_DATA))
MOMENTS = [where for where, value in LEAVES if isinstance(value, datetime)]


def _replaced(where: tuple[Any, ...], value: Any) -> bytes:
    data = tomli.loads(VALID)
    inner = data
    for step in where[:-1]:
        inner = inner[step]
    inner[where[-1]] = value
    return tomli_w.dumps(data).encode("utf-8")


# ---------------------------------------------------------------------------- strategies

toml_values = st.recursive(
    st.one_of(
        st.integers(min_value=-(2**63), max_value=2**63 - 1),
        st.floats(allow_nan=True),
        st.booleans(),
        st.text(max_size=50),
        st.dates(),
        st.datetimes(),
        st.datetimes(timezones=st.just(timezone(timedelta(hours=-12)))),
        st.times(),
    ),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4),
    max_leaves=10,
)

random_bytes = st.binary(max_size=4096)
truncated = st.integers(0, len(VALID_BYTES) - 1).map(lambda n: VALID_BYTES[:n])


@st.composite
def deeply_nested(draw: st.DrawFn) -> bytes:
    depth = draw(st.integers(1, 200_000))
    opener, closer = draw(st.sampled_from([("[", "]"), ("{a=", "}"), ("[{a=", "}]")]))
    middle = "" if opener == "[" else "1"
    closed = draw(st.booleans())
    where = draw(st.sampled_from(["x = ", "summary = "]))
    nested = where + opener * depth + middle + (closer * depth if closed else "")
    if draw(st.booleans()):
        nested = "[" + ".".join(["a"] * min(depth, 5000)) + "]\nx = 1"
    return f"{HEAD}\n{nested}\n{TAIL}".encode()


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """A valid file with a BOM, CRLF line ends, a NUL or invalid UTF-8 put in."""
    kind = draw(st.sampled_from(["bom", "crlf", "nul", "surrogate", "escaped-surrogate", "overlong", "cr"]))
    at = draw(st.integers(0, len(VALID_BYTES)))
    if kind == "bom":
        return b"\xef\xbb\xbf" + VALID_BYTES
    if kind == "crlf":
        return VALID_BYTES.replace(b"\n", b"\r\n")
    if kind == "cr":
        return VALID_BYTES.replace(b"\n", b"\r")
    insert = {"nul": b"\x00", "surrogate": b"\xed\xa0\x80", "overlong": b"\xc0\xaf", "escaped-surrogate": b"\\ud800"}[
        kind
    ]
    return VALID_BYTES[:at] + insert + VALID_BYTES[at:]


@st.composite
def wrong_types(draw: st.DrawFn) -> bytes:
    where, old = draw(st.sampled_from(LEAVES))
    value = draw(toml_values.filter(lambda v: type(v) is not type(old)))
    return _replaced(where, value)


@st.composite
def naive_times(draw: st.DrawFn) -> bytes:
    where = draw(st.sampled_from(MOMENTS))
    return _replaced(where, draw(st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30))))


@st.composite
def odd_moments(draw: st.DrawFn) -> bytes:
    """Moments at the ends of the calendar, with extreme offsets: valid, and must be usable."""
    where = draw(st.sampled_from(MOMENTS))
    offset = timezone(timedelta(minutes=draw(st.integers(-(24 * 60 - 1), 24 * 60 - 1))))
    moment = draw(st.sampled_from([datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59), datetime(1970, 1, 1)]))
    return _replaced(where, moment.replace(tzinfo=offset))


@st.composite
def formats(draw: st.DrawFn) -> bytes:
    value = draw(st.one_of(st.integers(min_value=2, max_value=2**63 - 1), st.integers(max_value=0), toml_values))
    data = tomli.loads(VALID)
    data["format"] = value
    return tomli_w.dumps(data).encode("utf-8")


ALL = st.one_of(
    random_bytes, truncated, deeply_nested(), damaged(), wrong_types(), naive_times(), odd_moments(), formats()
)

# ---------------------------------------------------------------------------- the checks


@contextlib.contextmanager
def _journal() -> Iterator[Store]:
    folder = Path(tempfile.mkdtemp(prefix="hostile-"))
    try:
        store = Store(folder / "data", cache_dir=folder / "cache")
        store.ensure()
        yield store
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _refusal_is_clear(error: Exception, path: Path) -> str:
    message = str(error)
    assert isinstance(error, codec.FormatError | BadInputError), f"{type(error).__name__}: {message}"
    assert message.startswith(str(path)), message
    assert "\n" not in message and "\r" not in message, message
    assert len(message) < 1000, message[:200]
    return message


def _cli(store: Store, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--data-dir", str(store.data_dir), *argv])
    return code, out.getvalue(), err.getvalue()


def _usable(store: Store, incident_id: str) -> None:
    """A file that loads can be listed, shown, shown as JSON and exported."""
    for argv in (["list"], ["show", incident_id], ["show", incident_id, "--json"], ["export", incident_id]):
        code, _, err = _cli(store, *argv)
        assert code == 0, (argv, err)


def check_load(data: bytes, limit: float = LIMIT_SECONDS, thorough: bool = True) -> None:
    with _journal() as store:
        path = store.incidents_dir / "hostile.toml"
        path.write_bytes(data)
        os.chmod(path, 0o600)
        before = snapshot(store.data_dir)
        started = time.process_time()
        try:
            store.load("hostile")
        except Exception as error:  # noqa: BLE001 - what escapes is the point
            assert time.process_time() - started < limit
            message = _refusal_is_clear(error, path)
            if thorough:
                code, _, err = _cli(store, "show", "hostile")
                assert code == 2 and err == f"incident-journal: error: {message}\n"
                code, _, err = _cli(store, "list")  # the bad file never stops the others
                assert code == 0 and message in err
        else:
            assert time.process_time() - started < limit
            if thorough:
                _usable(store, "hostile")
        assert snapshot(store.data_dir) == before


def check_import(data: bytes, limit: float = LIMIT_SECONDS, thorough: bool = True) -> None:
    with _journal() as store:
        path = store.data_dir.parent / "received.toml"
        path.write_bytes(data)
        before = snapshot(store.data_dir)
        started = time.process_time()
        try:
            done = importing.import_incident(store, path)
        except Exception as error:  # noqa: BLE001 - what escapes is the point
            assert time.process_time() - started < limit
            message = _refusal_is_clear(error, path)
            assert snapshot(store.data_dir) == before, "a refused import wrote something"
            if thorough:
                code, _, err = _cli(store, "import", str(path))
                assert code == 2 and err == f"incident-journal: error: {message}\n"
                assert snapshot(store.data_dir) == before
        else:
            # accepted (it is a valid incident): re-encoding a file full of unknown keys
            # may take longer than refusing one
            assert time.process_time() - started < LIMIT_BIG_SECONDS
            added = set(snapshot(store.data_dir)) - set(before)
            assert added == {f"incidents/{done.incident.id}.toml"}
            if thorough:
                _usable(store, done.incident.id)


@pytest.mark.parametrize("check", [check_load, check_import], ids=["load", "import"])
@FUZZ
@given(data=ALL)
def test_hostile_file(check, data: bytes) -> None:
    check(data)


@pytest.mark.parametrize("check", [check_load, check_import], ids=["load", "import"])
@FUZZ
@given(data=naive_times())
def test_time_without_offset_is_refused(check, data: bytes) -> None:
    check(data)
    with _journal() as store:
        path = store.incidents_dir / "naive.toml"
        path.write_bytes(data)
        with pytest.raises(codec.FormatError, match="has no UTC offset"):
            store.load("naive")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xef\xbb\xbf" + VALID_BYTES, "byte order mark"),
        (VALID_BYTES.replace(b"Line 1", b"Line \xed\xa0\x80"), "not UTF-8"),
        (VALID_BYTES.replace(b"Line 1", b"Line \x00"), "not valid TOML"),
        (VALID_BYTES.replace(b"format = 1", b"format = 2"), "newer Incident Journal"),
        (VALID_BYTES.replace(b'title = "Account on hold"', b'title = "\\ud800"'), "not valid TOML"),
        (b"format = 1\nx = " + b"[" * 1000, "nested"),
        (b"format = 1\n" + b"".join(b"k%d = 1\n" % n for n in range(10)), "title is missing"),
        (b"format = 1\nx = [" + b"1," * 200_000 + b"]\n", "the limit is 100,000"),
        (
            VALID_BYTES.replace(b"opened_at = 2026-11-20 09:00:00+09:00", b"opened_at = 9999-12-31T23:59:00+00:00"),
            "years 1900 to 2999",
        ),
        (
            VALID_BYTES.replace(b"opened_at = 2026-11-20 09:00:00+09:00", b"opened_at = 0001-01-01T00:00:00+09:00"),
            "years 1900 to 2999",
        ),
        (VALID_BYTES.replace(b'kind = "account-hold"', b'kind = "' + b"x" * 60_000 + b'"'), "expected one of"),
        (VALID_BYTES.replace(b"format = 1", b"format = [" + b'"x",' * 20_000 + b"]"), "format must be a whole number"),
    ],
    ids=[
        "bom",
        "surrogate",
        "nul",
        "newer",
        "escaped-surrogate",
        "deep",
        "not-an-incident",
        "many-values",
        "year-9999",
        "year-1",
        "long-kind",
        "list-format",
    ],
)
def test_each_kind_of_damage_gets_its_reason(store: Store, data: bytes, words: str) -> None:
    path = store.incidents_dir / "damaged.toml"
    path.write_bytes(data)
    with pytest.raises(codec.FormatError) as caught:
        store.load("damaged")
    assert words in str(caught.value) and str(caught.value).startswith(str(path))
    assert len(str(caught.value)) < len(str(path)) + 300  # one short line, never the 60,000-character value
    assert path.read_bytes() == data


def _huge(shape: str, size: int) -> bytes:
    """A file of about `size` bytes whose bulk is one huge key, string or structure."""
    text = "k" * size
    lines = {
        "key": f"{text} = 1",
        "quoted-key": f'"{"é" * (size // 2)}" = 1',
        "string": f'note = "{text}"',
        "escaped-string": 'note = "' + "\\u00e9" * (size // 6) + '"',
        "many-keys": "\n".join(f"k{n} = {n}" for n in range(size // 12)),
        "many-values": "x = [" + "1," * (size // 2) + "]",
        "many-tables": "\n".join("[[events]]\nat = 2026-11-20T09:12:00+09:00" for _ in range(size // 44)),
        "dotted-key": ".".join(["k"] * (size // 2)) + " = 1",
    }
    if shape == "title":
        return VALID.replace('title = "Account on hold"', f'title = "{text}"').encode()
    if shape == "body":
        return VALID.replace("Line 1", "あ" * (size // 3)).encode()
    return f"{HEAD}\n{lines[shape]}\n{TAIL}".encode()


HUGE = [
    "key",
    "quoted-key",
    "string",
    "escaped-string",
    "many-keys",
    "many-values",
    "many-tables",
    "dotted-key",
    "title",
    "body",
]


CASES = [(shape, 1_100_000) for shape in HUGE] + [
    (shape, 7_500_000) for shape in ("key", "escaped-string", "many-values", "many-tables", "body")
]


@pytest.mark.parametrize(("shape", "size"), CASES, ids=[f"{shape}-{size // 1_000_000}mb" for shape, size in CASES])
@pytest.mark.parametrize("check", [check_load, check_import], ids=["load", "import"])
def test_huge_keys_strings_and_structures(check, shape: str, size: int) -> None:
    check(_huge(shape, size), limit=LIMIT_SECONDS if size < 2_000_000 else LIMIT_BIG_SECONDS, thorough=False)
