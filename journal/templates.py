"""Templates per kind of incident: what to do, what support will ask, when to follow up.

Built-in templates are TOML files shipped in the package (`journal/data/templates/<lang>/
<kind>.toml`), in English and Japanese. A user may add to or replace one with a file of the
same name in the config folder (`<config folder>/templates/<lang>/<kind>.toml`): by default
its items are added after the built-in ones (`mode = "extend"`); `mode = "replace"` uses it
alone. A user template that does not read or validate is reported as one line naming the
file and line, and the built-in template is used instead.

The language is the app's own (journal.i18n): `INCIDENT_JOURNAL_LANG` (en or ja), else
`language` in the config file, else `LC_ALL`, `LC_MESSAGES`, `LANG`; English by default.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import tomli

from journal import i18n, paths, safe_read, timeshow
from journal.codec import FormatError, _Context, _Reader
from journal.errors import StoreError
from journal.i18n import N_, _
from journal.model import EVENT_KINDS, KINDS

LANGUAGES = i18n.LANGUAGES
DEFAULT_LANGUAGE = i18n.DEFAULT_LANGUAGE
LANG_ENV = i18n.LANG_ENV
TEMPLATE_FORMAT = 1
BUILTIN_DIR = Path(__file__).parent / "data" / "templates"
MAX_TEMPLATE_BYTES = 256 * 1024
PLACEHOLDERS = ("client", "contract_id", "deadline")
"""What `per_contract` texts may name: `{client}`, `{contract_id}`, `{deadline}`."""


@dataclass
class Template:
    """What a new incident of one kind starts with."""

    kind: str
    """One of KINDS."""
    language: str
    """`en` or `ja`."""
    checklist: list[str] = field(default_factory=list)
    """Checklist items, in order."""
    requests: list[str] = field(default_factory=list)
    """Questions support is expected to ask, to be answered."""
    links: dict[str, str] = field(default_factory=dict)
    """Checklist item text -> the event kind it records (`event = "work-paused"` on an item):
    ticking the item adds that event, adding the event ticks the item (see journal.items)."""
    follow_up_days: int = 0
    """Days after the opening to follow up if nothing happens (0: no default follow-up)."""
    copy_roster: bool = False
    """Copy every active contract of the roster into a new incident as affected."""
    ask_contract: bool = False
    """The incident is about one roster contract: ask which one."""
    stops_work: bool = False
    """A hold of this kind stops work with every client: while one is open, every active
    roster contract's near deadline is in Now (an incident's own `stops_work` overrides it)."""
    per_contract: str = ""
    """A checklist item added for each affected contract (placeholders: {client}, {contract_id})."""
    per_contract_deadline: str = ""
    """The same, for a contract with a deadline (also {deadline})."""
    sources: list[str] = field(default_factory=list)
    """The files it was read from (built-in first)."""
    problems: list[str] = field(default_factory=list)
    """One line per user template that could not be used (file:line:col: reason)."""

    def contract_item(self, client: str, contract_id: str = "", deadline: date | None = None) -> str:
        """The checklist item for one affected contract."""
        pattern = self.per_contract_deadline if deadline and self.per_contract_deadline else self.per_contract
        if not pattern:
            return ""
        when = ""
        if isinstance(deadline, datetime):  # a deadline with a time: as people read it, in the local zone
            when = timeshow.show_moment(deadline, lang=self.language)
        elif deadline:
            when = deadline.isoformat()
        values = {"client": client, "contract_id": contract_id, "deadline": when}
        return pattern.format_map(values)


def current_language() -> str:
    """The language for templates and texts: the app's language (see journal.i18n)."""
    return i18n.language()


def user_templates_dir() -> Path:
    """Where the user's own templates go: `<config folder>/templates/<lang>/<kind>.toml`."""
    return paths.config_dir() / "templates"


def _boolean(r: _Reader, key: str) -> bool | None:
    value = r._get(key, False)
    if value is None:
        return None
    if not isinstance(value, bool):
        raise r.fail(key, _("{key} must be true or false").format(key=key))
    return value


def _pattern(r: _Reader, key: str, allowed: tuple[str, ...]) -> str:
    text = r.text(key)
    try:
        fields = [
            (name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text) if name is not None
        ]
    except ValueError as error:
        raise r.fail(
            key,
            _("{key} is not a valid text pattern ({error}); write braces as {{{{ and }}}}").format(
                key=key, error=error
            ),
        ) from None
    names = {name for name, _, _ in fields}
    for name, spec, conversion in fields:
        if spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec[:20]}" if spec else "") + "}"
            raise r.fail(
                key,
                _("{key} has {shown}; a placeholder is a bare name such as {{{allowed}}}, no format").format(
                    key=key, shown=shown, allowed=allowed[0]
                ),
            )
    unknown = sorted(names - set(allowed))
    if unknown:
        raise r.fail(
            key,
            _("{key} names {{{unknown}}}; it may use {items}").format(
                key=key, unknown=unknown[0], items=", ".join("{" + a + "}" for a in allowed)
            ),
        )
    return text


def _read(data: dict[str, Any], path: str, text: str, kind: str, language: str) -> tuple[dict[str, Any], str]:
    """The values a template file sets (only those it sets), and its mode."""
    ctx = _Context(path, text)
    r = _Reader(data, (), ctx)
    version = r._get("format", False)
    if version is not None and version != TEMPLATE_FORMAT:
        raise r.fail(
            "format",
            _("format must be {TEMPLATE_FORMAT}, not {version!r}").format(
                TEMPLATE_FORMAT=TEMPLATE_FORMAT, version=version
            ),
        )
    if "kind" in data and r.text("kind") != kind:
        raise r.fail("kind", _("kind is {data!r} but the file is for {kind!r}").format(data=data["kind"], kind=kind))
    if "language" in data and r.text("language") != language:
        raise r.fail(
            "language",
            _("language is {data!r} but the file is in the {language!r} folder").format(
                data=data["language"], language=language
            ),
        )
    mode = r.choice("mode", ("extend", "replace"), "extend")
    values: dict[str, Any] = {}
    if "checklist" in data:
        linked = r.tables("checklist", _check_item)
        values["checklist"] = [text for text, _ in linked]
        values["links"] = {text: kind for text, kind in linked if kind}
    if "requests" in data:
        values["requests"] = r.tables("requests", lambda t: _item(t, "question"))
    if "follow_up_days" in data:
        days = r.integer("follow_up_days")
        if days > 365:
            raise r.fail("follow_up_days", _("follow_up_days must be between 0 and 365"))
        values["follow_up_days"] = days
    for key in ("copy_roster", "ask_contract", "stops_work"):
        flag = _boolean(r, key)
        if flag is not None:
            values[key] = flag
    if "per_contract" in data:
        values["per_contract"] = _pattern(r, "per_contract", ("client", "contract_id"))
    if "per_contract_deadline" in data:
        values["per_contract_deadline"] = _pattern(r, "per_contract_deadline", PLACEHOLDERS)
    unknown = sorted(r.rest())
    if unknown:
        raise r.fail(unknown[0], _("unknown key {unknown!r} in a template").format(unknown=unknown[0]))
    return values, mode


def _check_item(r: _Reader) -> tuple[str, str]:
    """A checklist item of a template: its text, and the event kind it is linked to (or "")."""
    kind = r.choice("event", EVENT_KINDS, "") if "event" in r.data else ""
    return _item(r, "text"), kind


def _item(r: _Reader, key: str) -> str:
    value = r.text(key, required=True).strip()
    if not value:
        raise r.fail(key, _("{name} is empty").format(name=r.name(key)))
    unknown = sorted(r.rest())
    if unknown:
        raise r.fail(unknown[0], _("unknown key {name!r} in a template").format(name=r.name(unknown[0])))
    return value


def read_template_file(path: Path, kind: str, language: str) -> tuple[dict[str, Any], str]:
    """Read and validate one template file. Raises FormatError (`path:line:col: reason`)."""
    where = str(path)
    try:
        raw = safe_read.read_file(path, MAX_TEMPLATE_BYTES, N_("the template"), follow_links=True)
    except safe_read.Refused as error:
        raise FormatError(where, error.reason) from None
    except StoreError as error:
        raise FormatError(where, error.reason) from None
    except OSError as error:
        raise FormatError(where, _("could not read the template: {strerror}").format(strerror=error.strerror)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise FormatError(where, _("not UTF-8 text"), line) from None
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise FormatError(where, _("not valid TOML: {msg}").format(msg=error.msg), error.lineno, error.colno) from None
    except (RecursionError, MemoryError):
        raise FormatError(where, _("nested too deeply to read")) from None
    return _read(data, where, text, kind, language)


def builtin_path(kind: str, language: str) -> Path:
    """The built-in template file of a kind in a language."""
    return BUILTIN_DIR / language / f"{kind}.toml"


def load_template(kind: str, language: str | None = None) -> Template:
    """The template of a kind: the built-in one, with the user's own file (if any) added or
    put in its place. Never fails on a user file: its problem goes into `problems`."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: expected one of {', '.join(KINDS)}")
    language = i18n.language_of(language) or current_language()
    base = builtin_path(kind, language)
    values, _sources = read_template_file(base, kind, language)  # a broken built-in is a bug: let it raise
    template = Template(kind=kind, language=language, sources=[str(base)])
    _merge(template, values, "replace")
    user = user_templates_dir() / language / f"{kind}.toml"
    if user.exists():
        try:
            extra, mode = read_template_file(user, kind, language)
        except FormatError as error:
            template.problems.append(_("{error}; the built-in template is used").format(error=error))
        else:
            if mode == "replace":
                template = Template(kind=kind, language=language)
            _merge(template, extra, mode)
            template.sources.append(str(user))
    return template


def _merge(template: Template, values: dict[str, Any], mode: str) -> None:
    for key, value in values.items():
        if key == "links":
            template.links.update(value)
        elif key in ("checklist", "requests") and mode == "extend":
            current: list[str] = getattr(template, key)
            current.extend(item for item in value if item not in current)
        else:
            setattr(template, key, value)


def all_templates(language: str | None = None) -> dict[str, Template]:
    """Every kind's template in one language."""
    return {kind: load_template(kind, language) for kind in KINDS}
