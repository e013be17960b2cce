"""Platform rules as data: what starts each clock, how long it runs, and the page that says so.

Built-in rules are TOML files shipped in the package (`journal/data/rules/<platform>.toml`);
every figure in them was written from the platform's public help page named in the rule, with
the date it was read. A user may add rules, or replace a built-in one by its id, with a file
of the same name in the config folder (`<config folder>/rules/<platform>.toml`). A user file
that does not read or validate is reported as one line naming the file, line and column, and
the built-in rules are used. The file format is described in docs/rules.md.

A rule may have several versions (two pages that disagree); each version may set its own
`duration` and `unit`, else it takes the rule's. `journal.rule_deadlines` computes each version's
deadline and uses the earliest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import tomli

from journal import paths, safe_read
from journal.codec import FormatError, _Context, _Reader
from journal.errors import StoreError
from journal.i18n import N_, _
from journal.model import EVENT_KINDS, KINDS

RULES_FORMAT = 1
BUILTIN_DIR = Path(__file__).parent / "data" / "rules"
MAX_RULES_BYTES = 256 * 1024
UNITS = ("hours", "days", "business-days", "months")
"""hours: elapsed time; days: calendar days; business-days: Monday to Friday; months: calendar months."""
ZONES = ("utc", "local")
"""`utc`: days and weeks are counted on the UTC calendar; `local`: on the user's."""
ALIGNS = ("", "week")
"""`week`: the start moves back to Monday 00:00 of its week (in the rule's zone) before counting."""
DIRECTIONS = ("after", "before")
"""`before`: the date is the start minus the duration (a document dated on or after it)."""
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")


@dataclass(frozen=True)
class Version:
    """What one page says about a rule."""

    url: str
    """The page's address."""
    read: date
    """When the page was read."""
    duration: int
    unit: str
    quote: str = ""
    """The page's own words for the figure."""


@dataclass(frozen=True)
class Start:
    """What starts a rule's clock."""

    kinds: tuple[str, ...] = ()
    """Incident kinds: the clock starts when the incident opened."""
    events: tuple[str, ...] = ()
    """Timeline event kinds: the first such event starts it."""
    phrases: tuple[str, ...] = ()
    """Words in a received message's subject or body (case-insensitive): that message starts it."""
    date: str = ""
    """What date the user may enter to start it (`the day you submitted the milestone`)."""
    platform: bool = False
    """The rule applies to every incident on its platform (a standing rule without a clock)."""


@dataclass(frozen=True)
class Rule:
    """One platform rule (see the module docstring)."""

    id: str
    platform: str
    title: str
    starts: Start
    versions: tuple[Version, ...]
    zone: str = "utc"
    align: str = ""
    direction: str = "after"
    then: str = ""
    """What happens when the time passes."""
    action: str = ""
    """What the user should do."""
    texts_ja: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    """`title`, `then` and `action` in Japanese, where given."""
    source: str = ""
    """The file it was read from."""

    @property
    def has_clock(self) -> bool:
        """False for a standing rule (no duration): it is shown, never counted."""
        return bool(self.versions) and self.versions[0].duration > 0

    def text(self, name: str, language: str = "en") -> str:
        """`title`, `then` or `action` in `language` (English when there is no Japanese)."""
        if language == "ja" and self.texts_ja.get(name):
            return self.texts_ja[name]
        return str(getattr(self, name))


@dataclass
class RuleSet:
    """Every rule in use, and the user files that could not be used."""

    rules: list[Rule] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """One line per user file that could not be used (file:line:col: reason)."""

    def for_platform(self, platform: str) -> list[Rule]:
        """The rules of one platform (case-insensitive name), in file order."""
        wanted = platform.strip().casefold()
        return [rule for rule in self.rules if rule.platform.casefold() == wanted]

    def get(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)


def user_rules_dir() -> Path:
    """Where the user's own rules go: `<config folder>/rules/<platform>.toml`."""
    return paths.config_dir() / "rules"


def _texts(r: _Reader, name: str, required: bool = False) -> tuple[str, str]:
    return r.text(name, required=required).strip(), r.text(f"{name}_ja").strip()


def _strings(r: _Reader, key: str, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
    values = tuple(v.strip() for v in r.strings(key))
    for value in values:
        if not value:
            raise r.fail(key, _("{name} has an empty entry").format(name=r.name(key)))
        if allowed is not None and value not in allowed:
            raise r.fail(
                key,
                _("{name} has {value!r}; expected some of: {items}").format(
                    name=r.name(key), value=value, items=", ".join(allowed)
                ),
            )
    return values


def _start(r: _Reader) -> Start:
    raw = r._get("starts", True)
    if not isinstance(raw, dict):
        raise r.fail(
            "starts", _('{key} must be a table like {{ kinds = ["account-hold"] }}').format(key=r.name("starts"))
        )
    s = _Reader(raw, (*r.where, "starts"), r.ctx)
    platform = s._get("platform", False)
    if platform is not None and not isinstance(platform, bool):
        raise s.fail("platform", _("{key} must be true or false").format(key=s.name("platform")))
    start = Start(
        kinds=_strings(s, "kinds", KINDS),
        events=_strings(s, "events", EVENT_KINDS),
        phrases=_strings(s, "phrases"),
        date=s.text("date").strip(),
        platform=bool(platform),
    )
    unknown = sorted(s.rest())
    if unknown:
        raise s.fail(unknown[0], _("unknown key {name!r} in what starts a rule").format(name=s.name(unknown[0])))
    if not (start.kinds or start.events or start.phrases or start.date or start.platform):
        raise r.fail("starts", _("{key} names nothing that starts the rule").format(key=r.name("starts")))
    return start


def _duration(r: _Reader, default: tuple[int, str] | None) -> tuple[int, str]:
    if default is not None and "duration" not in r.data:
        duration = default[0]
    else:
        duration = r.integer("duration")
        if not 0 < duration <= 10_000:
            raise r.fail("duration", _("{key} must be a whole number from 1 to 10000").format(key=r.name("duration")))
    unit = r.choice("unit", UNITS, default[1] if default else None)
    return duration, unit


def _version(r: _Reader, default: tuple[int, str] | None) -> Version:
    url = r.text("url", required=True).strip()
    if not url.startswith(("https://", "http://")):
        raise r.fail("url", _("{key} must be the page's address (https://...)").format(key=r.name("url")))
    read = r.day("read")
    if read is None:
        raise r.fail(None, _("{key} is missing: the date the page was read").format(key=r.name("read")))
    duration, unit = _duration(r, default) if default is not None else (0, "days")
    version = Version(url=url, read=read, duration=duration, unit=unit, quote=r.text("quote").strip())
    unknown = sorted(r.rest())
    if unknown:
        raise r.fail(unknown[0], _("unknown key {name!r} in a rule's version").format(name=r.name(unknown[0])))
    return version


def _rule(r: _Reader, platform: str, path: str) -> Rule:
    rule_id = r.text("id", required=True).strip()
    if not _ID.fullmatch(rule_id):
        raise r.fail(
            "id",
            _("{key} must be lower-case letters, digits and dashes, like upwork-arbitration").format(key=r.name("id")),
        )
    title, title_ja = _texts(r, "title", required=True)
    then, then_ja = _texts(r, "then")
    action, action_ja = _texts(r, "action")
    starts = _start(r)
    default = _duration(r, None) if "duration" in r.data else None
    if default is None and not starts.platform:
        raise r.fail(
            None,
            _("{key} is missing (only a rule with starts.platform = true has none)").format(key=r.name("duration")),
        )
    versions = tuple(r.tables("version", lambda t: _version(t, default)))
    if not versions:
        raise r.fail(
            None,
            _("{key} is missing: name at least one page ([[rule.version]] with url and read)").format(
                key=r.name("version")
            ),
        )
    rule = Rule(
        id=rule_id,
        platform=platform,
        title=title,
        starts=starts,
        versions=versions,
        zone=r.choice("zone", ZONES, "utc"),
        align=r.choice("align", ALIGNS, ""),
        direction=r.choice("direction", DIRECTIONS, "after"),
        then=then,
        action=action,
        texts_ja={k: v for k, v in (("title", title_ja), ("then", then_ja), ("action", action_ja)) if v},
        source=path,
    )
    unknown = sorted(r.rest())
    if unknown:
        raise r.fail(unknown[0], _("unknown key {name!r} in a rule").format(name=r.name(unknown[0])))
    return rule


def read_rules_file(path: Path) -> list[Rule]:
    """Read and validate one rules file. Raises FormatError (`path:line:col: reason`)."""
    where = str(path)
    try:
        raw = safe_read.read_file(path, MAX_RULES_BYTES, N_("the rules file"), follow_links=True)
    except (safe_read.Refused, StoreError) as error:
        raise FormatError(where, error.reason) from None
    except OSError as error:
        raise FormatError(where, _("could not read the rules: {strerror}").format(strerror=error.strerror)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FormatError(where, _("not UTF-8 text"), raw.count(b"\n", 0, error.start) + 1) from None
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise FormatError(where, _("not valid TOML: {msg}").format(msg=error.msg), error.lineno, error.colno) from None
    except (RecursionError, MemoryError):
        raise FormatError(where, _("nested too deeply to read")) from None
    r = _Reader(data, (), _Context(where, text))
    version = r._get("format", False)
    if version is not None and version != RULES_FORMAT:
        raise r.fail(
            "format",
            _("format must be {RULES_FORMAT}, not {version!r}").format(RULES_FORMAT=RULES_FORMAT, version=version),
        )
    platform = r.text("platform", required=True).strip()
    if not platform:
        raise r.fail("platform", _("platform is empty"))
    rules = r.tables("rule", lambda t: _rule(t, platform, where))
    unknown = sorted(r.rest())
    if unknown:
        raise r.fail(unknown[0], _("unknown key {unknown!r} in a rules file").format(unknown=unknown[0]))
    seen: set[str] = set()
    for index, rule in enumerate(rules):
        if rule.id in seen:
            raise r.ctx.error(("rule", index, "id"), _("rule id {id!r} is used twice").format(id=rule.id))
        seen.add(rule.id)
    return rules


def load_rules(user_dir: Path | None = None) -> RuleSet:
    """Every built-in rule, with the user's own files merged in: a user rule with a built-in
    rule's id replaces it, others are added. Never fails on a user file: its problem goes into
    `problems` and the built-in rules stay."""
    result = RuleSet()
    for path in sorted(BUILTIN_DIR.glob("*.toml")):
        result.rules += read_rules_file(path)  # a broken built-in file is a bug: let it raise
    folder = user_rules_dir() if user_dir is None else user_dir
    try:
        files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    except OSError as error:
        result.problems.append(
            f"{folder}: " + _("could not list the rules folder: {strerror}").format(strerror=error.strerror)
        )
        files = []
    for path in files:
        try:
            own = read_rules_file(path)
        except FormatError as error:
            result.problems.append(_("{error}; the built-in rules are used").format(error=error))
            continue
        for rule in own:
            at = next((i for i, old in enumerate(result.rules) if old.id == rule.id), None)
            if at is None:
                result.rules.append(rule)
            else:
                result.rules[at] = rule
    return result
