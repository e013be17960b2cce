"""The argument parser of `incident-journal`: every command, option and help text.

Why about 520 lines: it is one declaration, read top to bottom as the command line's public
contract (every command, option and help text in one place); the commands themselves are in the
modules of their groups, and rendering in `journal.cli.render`.
"""

from __future__ import annotations

import argparse
import re
import textwrap
from datetime import date, datetime
from typing import Any, NoReturn

from journal import __version__, model, templates
from journal.cli.output import say
from journal.i18n import N_, _, gettext, ngettext
from journal.text import wrap_cells
from journal.timeparse import FORMS, TimeParseError, parse_date, parse_moment

PROG = "incident-journal"


def _wrap(text: str, columns: int) -> list[str]:
    """Lines of at most `columns` cells: argparse's own wrapping (textwrap) for plain ASCII,
    so English help reads as it always has; `wrap_cells` for any other text."""
    return textwrap.wrap(text, columns) if text.isascii() else wrap_cells(text, columns)


class CellsHelpFormatter(argparse.HelpFormatter):
    """argparse's help layout with lines measured in terminal cells (`journal.text.width`),
    so Japanese help (2 cells a character) wraps inside the terminal like English."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return _wrap(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in _wrap(" ".join(text.split()), width - len(indent)))


class CellsRawDescriptionHelpFormatter(argparse.RawDescriptionHelpFormatter, CellsHelpFormatter):
    """`CellsHelpFormatter` that keeps the description and epilog's own line breaks."""


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors (exit 2), help wrapped in cells, and argparse's own words
    ("usage:", "options", its error messages) in the app's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", CellsHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} " + _("(see --help)") + "\n")


ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("the following arguments are required: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
)
"""argparse's own words that a user sees; argparse looks them up with gettext, which
`build_parser` points at the app's catalogs."""


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    return ngettext(singular, plural, n)


argparse._ = gettext  # type: ignore[attr-defined]  # argparse's words ("usage:", its errors) through our catalogs
argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]


def moment_arg(text: str) -> datetime:
    notes: list[str] = []
    try:
        moment = parse_moment(text, notes=notes)
    except TimeParseError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    for note in notes:
        say(f"{PROG}: note: " + note)
    return moment


def date_arg(text: str) -> date:
    try:
        return parse_date(text)
    except TimeParseError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def deadline_arg(text: str) -> date | datetime:
    """A deadline: a date, or a date and time (the time is kept, with its offset)."""
    from journal.deadlines import parse_deadline

    try:
        return parse_deadline(text)
    except TimeParseError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_parser() -> Parser:
    """The argument parser (also used to document the command line)."""
    parser = Parser(
        prog=PROG,
        description=_("Record and follow a work platform's hold on your account or contract."),
        epilog="\n".join(
            _wrap(
                _("WHEN (a time; no zone means your local zone) is one of: {forms}. Anything else is refused.").format(
                    forms=FORMS
                ),
                78,
            )
        )
        + "\n\n"
        + "\n".join(
            _wrap(
                _(
                    "Exit codes: 0 done; 1 the operation failed (an unknown id, a conflict, the journal busy, an I/O "
                    "error); 2 bad usage or bad input. Every error is one line on stderr naming the file, and the line "
                    "where one applies."
                ),
                78,
            )
        ),
        formatter_class=CellsRawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=_("data folder (default: $INCIDENT_JOURNAL_DIR or the platform's data folder)"),
    )
    parser.add_argument("--demo", action="store_true", help=_("use a throw-away journal with sample incidents"))
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_("show program's version number and exit"),  # argparse leaves its own default untranslated
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("new", help=_("record a new incident; prints its id on the last line"))
    p.add_argument("--kind", required=True, choices=model.KINDS)
    p.add_argument("--title", required=True)
    p.add_argument("--platform", default=model.DEFAULT_PLATFORM)
    p.add_argument("--opened", type=moment_arg, metavar="WHEN", help=_("when it began (default: now)"))
    p.add_argument("--follow-up", type=moment_arg, metavar="WHEN", help=_("when to act next if nothing happens"))
    p.add_argument("--summary", default="")
    p.add_argument("--tag", action="append", default=[], help=_("a label (repeatable)"))
    p.add_argument(
        "--contract",
        metavar="ID",
        help=_(
            "which roster contract this is about (for a contract suspension): its roster id, "
            "contract id or client name, as shown by `contracts list`"
        ),
    )
    p.add_argument(
        "--stops-work",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=_(
            "the hold stops work with every client, so every roster deadline within 3 days is in `now` "
            "(default: yes for account-hold, security-review and account-closure)"
        ),
    )

    p = sub.add_parser("list", help=_("list incidents, most urgent first"))
    p.add_argument("--json", action="store_true")
    p.add_argument("--ids", action="store_true", help=_("print only the ids, one a line (for scripts and completion)"))
    p.add_argument("--status", choices=model.STATUSES)

    p = sub.add_parser("show", help=_("show one incident in full"))
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.add_argument("--at", metavar="REV", help=_("as it was at a version from `history ID`"))

    p = sub.add_parser(
        "add-message",
        help=_("add a message; the body is read verbatim from stdin, or taken from an email file (--eml)"),
    )
    p.add_argument("id")
    p.add_argument(
        "--eml", metavar="FILE", help=_("read date, sender, subject, Message-ID and body from a raw email (.eml)")
    )
    p.add_argument("--subject", help=_("the subject (required without --eml)"))
    p.add_argument("--sender", help=_("who wrote it (required without --eml)"))
    p.add_argument("--at", type=moment_arg, metavar="WHEN", help=_("when (default: now)"))
    p.add_argument("--direction", choices=model.DIRECTIONS, default="received")
    p.add_argument("--channel", choices=model.CHANNELS, default="email")
    p.add_argument("--note", default="", help=_("your own note (kept private in exports)"))

    p = sub.add_parser("add-event", help=_("add a timeline event"))
    p.add_argument("id")
    p.add_argument("text")
    p.add_argument(
        "--kind",
        choices=model.EVENT_KINDS,
        default="note",
        help=_("what kind of event: {kinds}").format(kinds=", ".join(model.EVENT_KINDS)),
    )
    p.add_argument("--at", type=moment_arg, metavar="WHEN", help=_("when (default: now)"))

    p = sub.add_parser("set-status", help=_("change the status (recorded on the timeline)"))
    p.add_argument("id")
    p.add_argument("status", choices=model.STATUSES)
    p.add_argument("--at", type=moment_arg, metavar="WHEN", help=_("when (default: now)"))

    add_item_commands(sub)
    p = sub.add_parser("add-requests", help=_("add what support asked as support requests to answer"))
    p.add_argument("id")
    p.add_argument(
        "--security-questions",
        action="store_true",
        help=_("support asked the usual security questions (IP-check screenshot, last access, devices, sharing)"),
    )
    p.add_argument(
        "--question", action="append", default=[], metavar="TEXT", help=_("a question support asked (repeatable)")
    )
    p.add_argument("--at", type=moment_arg, metavar="WHEN", help=_("when support asked (default: now)"))
    from journal.cli.history import add_history_commands

    add_history_commands(sub)

    p = sub.add_parser("due", help=_("incidents whose follow-up moment has passed"))
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "now",
        help=_("what needs you today: follow-ups that passed, unanswered support requests, deadlines within 3 days"),
    )
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "deadlines",
        help=_("the platform rules' deadlines: of one incident (with sources), or of every active incident"),
        description=_(
            "Deadlines the platform's rules set, computed from the record. With ID: every deadline of "
            "the incident with how it was counted and the page that states the rule; mark one --done or "
            "--not-applicable (it leaves Now), or --start RULE WHEN to enter the date a rule's clock starts from."
        ),
    )
    p.add_argument("id", nargs="?")
    p.add_argument("--json", action="store_true")
    p.add_argument("--done", metavar="RULE", help=_("mark the rule's deadline done"))
    p.add_argument("--not-applicable", metavar="RULE", help=_("mark the rule's deadline not applicable"))
    p.add_argument("--reopen", metavar="RULE", help=_("clear a done or not-applicable mark"))
    p.add_argument(
        "--start", nargs=2, metavar=("RULE", "WHEN"), help=_("when the rule's clock starts (a moment, or - to clear)")
    )

    p = sub.add_parser("contracts", help=_("your active contracts, kept outside any incident (the roster)"))
    csub = p.add_subparsers(dest="contracts_command", metavar="ACTION", required=True)
    c = csub.add_parser("add", help=_("add a contract; prints its roster id"))
    c.add_argument("--client", required=True, metavar="NAME")
    c.add_argument(
        "--deadline",
        type=deadline_arg,
        metavar="WHEN",
        help=_("the next deadline: a date (2026-11-30, tomorrow, +3d) or a date and time (today 18:00)"),
    )
    c.add_argument("--contract-id", default="", metavar="ID", help=_("the platform's contract id"))
    c.add_argument("--pending", metavar="AMOUNT", help=_("money earned and not yet paid out, like '420.00 USD'"))
    c.add_argument("--note", default="")
    where = c.add_mutually_exclusive_group()
    where.add_argument(
        "--to-incident",
        action="append",
        metavar="ID",
        dest="to_incident",
        help=_(
            "also add it to this incident as affected (repeatable); by default it is added to every open "
            "hold that stops work"
        ),
    )
    where.add_argument("--no-incident", action="store_true", help=_("add it to the roster only"))
    c = csub.add_parser("link", help=_("add a roster contract to an incident as affected"))
    c.add_argument("ref", metavar="CONTRACT", help=_("its roster id, contract id or client name"))
    c.add_argument("--to-incident", required=True, metavar="ID", dest="to_incident")
    c = csub.add_parser("list", help=_("the contracts, soonest deadline first"))
    c.add_argument("--json", action="store_true")
    c.add_argument("--all", action="store_true", help=_("also the ended ones"))
    c = csub.add_parser("end", help=_("mark a contract ended (no longer copied into new holds)"))
    c.add_argument("ref", metavar="ID", help=_("its roster id, contract id or client name"))

    p = sub.add_parser("template", help=_("show what a new incident of a kind starts with"))
    p.add_argument("kind", choices=model.KINDS)
    p.add_argument("--lang", choices=templates.LANGUAGES, help=_("en or ja (default: your language)"))

    p = sub.add_parser(
        "check", help=_("validate every incident file and attachment, list conflict copies; exit 2 if any is bad")
    )
    p.add_argument(
        "--copy-in",
        action="store_true",
        help=_("copy attachments that are only a path (from older versions) into the journal, when unchanged"),
    )

    p = sub.add_parser("export", help=_("an incident as TOML or a Markdown summary, on stdout or to a file"))
    p.add_argument("id")
    p.add_argument("--format", choices=("toml", "markdown"), default="toml")
    p.add_argument("--redact", action="store_true", help=_("mask IP addresses, email addresses and phone numbers"))
    p.add_argument("--include-notes", action="store_true", help=_("keep your own notes (left out by default)"))
    p.add_argument(
        "--keep",
        action="append",
        default=[],
        metavar="VALUE",
        help=_(
            "with --redact: leave this address as written (repeatable; `*` matches any text, e.g. '*@example.com'); "
            "the platform's own addresses and the values kept in the export screen are kept too"
        ),
    )
    p.add_argument(
        "--lang",
        choices=("en", "ja"),
        default="en",
        help=_("language of the Markdown's labels and headings (default: en)"),
    )
    p.add_argument("--save", action="store_true", help=_("write to <data folder>/exports/<id>.toml or .md (0600)"))
    p.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE (0600) instead of stdout"))
    p.add_argument("--force", action="store_true", help=_("with -o or --bundle: replace FILE if it exists"))
    p.add_argument(
        "--bundle",
        metavar="FILE.zip",
        help=_("write one zip for support: summary.md, incident.toml, the attached files and MANIFEST.txt (0600)"),
    )
    p.add_argument(
        "--with-file",
        action="append",
        default=[],
        metavar="NAME",
        help=_("with --bundle --redact: include this attached file (its name or SHA-256 prefix; repeatable)"),
    )

    p = sub.add_parser(
        "verify-bundle", help=_("check a bundle's files against its MANIFEST.txt (exit 1 if any differs)")
    )
    p.add_argument("file")

    p = sub.add_parser("import", help=_("validate an incident file fully, then add it; prints its id"))
    p.add_argument("file")
    p.add_argument(
        "--replace", action="store_true", help=_("replace the incident with the same id (the old file goes to trash/)")
    )

    p = sub.add_parser("delete", help=_("move an incident to the trash folder"))
    p.add_argument("id")
    p = sub.add_parser(
        "completion",
        help=_("print a completion script for bash or zsh"),
        description=_(
            "Print a shell completion script. bash: `incident-journal completion bash > "
            "~/.local/share/bash-completion/completions/incident-journal`; zsh: `incident-journal completion zsh > "
            "~/.zfunc/_incident-journal` (with ~/.zfunc in $fpath). Completes commands, options, their values and "
            "incident ids."
        ),
    )
    p.add_argument("shell", choices=("bash", "zsh"))
    fill_help(parser)
    return parser


def add_item_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Commands on the items inside an incident: delete-item, undo, redo, tick, untick, tell, reply."""
    from journal.items import SECTIONS

    p = sub.add_parser(
        "delete-item",
        help=_("delete one item of an incident (its previous version goes to trash/; `undo` brings it back)"),
    )
    p.add_argument("id")
    p.add_argument("section", choices=SECTIONS)
    p.add_argument("index", type=int, help=_("the item's number, from 1, in the order `show` lists them"))
    p = sub.add_parser("undo", help=_("take back the last change this program made to an incident"))
    p.add_argument("id")
    p = sub.add_parser("redo", help=_("make again the change the last `undo` took back"))
    p.add_argument("id")
    p = sub.add_parser("tick", help=_("tick a checklist item (a linked item also adds its event)"))
    p.add_argument("id")
    p.add_argument("index", type=int, help=_("the item's number, from 1"))
    p.add_argument("--at", type=moment_arg, metavar="WHEN", help=_("when it was done (default: now)"))
    p = sub.add_parser("untick", help=_("untick a checklist item"))
    p.add_argument("id")
    p.add_argument("index", type=int, help=_("the item's number, from 1"))
    p = sub.add_parser("money", help=_("set what an affected contract's money stands at (in escrow, held, ...)"))
    p.add_argument("id")
    p.add_argument("index", type=int, help=_("the contract's number, from 1"))
    p.add_argument(
        "amounts",
        nargs="*",
        metavar="AMOUNT",
        help=_(
            "like '420.00 USD in escrow until 12/09' (states: in escrow, in review, pending, available, held, "
            "refunded); several as separate arguments or joined with ';'"
        ),
    )
    p.add_argument("--clear", action="store_true", help=_("remove the contract's amounts"))
    p = sub.add_parser("tell", help=_("record that a contract's client was told (adds client-notified)"))
    p.add_argument("id")
    p.add_argument("index", type=int, help=_("the contract's number, from 1"))
    p.add_argument("--at", type=moment_arg, metavar="WHEN", help=_("when they were told (default: now)"))
    p = sub.add_parser("answer", help=_("answer a support request; the answer is read verbatim from stdin"))
    p.add_argument("id")
    p.add_argument("index", type=int, help=_("the request's number, from 1"))
    p.add_argument("--question", help=_("support's own words for the question (replaces the template's paraphrase)"))
    p.add_argument("--attach", action="append", default=[], metavar="FILE", help=_("a file sent with it (repeatable)"))
    p.add_argument(
        "--at",
        type=moment_arg,
        metavar="WHEN",
        help=_("when the answer was sent (default: not yet; `reply --log` sets it)"),
    )
    p = sub.add_parser(
        "reply", help=_("the reply to support built from the answered requests; --log records it as a sent message")
    )
    p.add_argument("id")
    p.add_argument("--log", action="store_true", help=_("also record it as a sent message (and answered_at)"))
    p.add_argument("--at", type=moment_arg, metavar="WHEN", help=_("with --log: when it was sent (default: now)"))
    p.add_argument("--subject", help=_("the subject (default: Re: the last message received)"))
    p.add_argument(
        "--lang", choices=("en", "ja"), default="en", help=_("language of the reply's own words (default: en)")
    )

    p = sub.add_parser(
        "draft",
        help=_("a draft built from the record: client-note, appeal or status-request; --log records it as sent"),
    )
    p.add_argument("id")
    p.add_argument(
        "kind",
        choices=("client-note", "appeal", "status-request"),
        metavar="KIND",
        help=_("client-note (to the client of --contract N), appeal, status-request (after the follow-up)"),
    )
    p.add_argument(
        "--lang", choices=("en", "ja"), default="en", help=_("language of the draft's own words (default: en)")
    )
    p.add_argument(
        "--contract", type=int, metavar="N", help=_("client-note: the contract's number, from 1 (default: 1)")
    )
    p.add_argument("--log", action="store_true", help=_("also record it as a sent message"))
    p.add_argument("--at", type=moment_arg, metavar="WHEN", help=_("with --log: when it was sent (default: now)"))
    p.add_argument("--channel", default="email", help=_("with --log: how it was sent (default: email)"))

    p = sub.add_parser("glossary", help=_("what each platform's words for a hold mean, and what still works during it"))
    p.add_argument("platform", nargs="?", metavar="PLATFORM", help=_("one platform's words (default: every platform)"))
    p.add_argument("--lang", choices=("en", "ja"), help=_("language (default: the configured one)"))


MOMENT_OPTIONS = ("--at", "--opened", "--follow-up", "--deadline")


def join_relative_moments(argv: list[str]) -> list[str]:
    """Let `--at -2h` mean `--at=-2h` (argparse would take `-2h` for an option)."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        if argv[i] in MOMENT_OPTIONS and i + 1 < len(argv) and re.match(r"-\d", argv[i + 1]):
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
            continue
        out.append(argv[i])
        i += 1
    return out


DEFAULT_HELP = {
    "id": N_("the incident id, as list prints it (Tab completes it)"),
    "json": N_("print JSON instead of text (keys in README)"),
    "kind": N_("what kind of hold: {kinds}"),
    "title": N_("a one-line title, e.g. 'Contract with Acme suspended'"),
    "platform": N_("the platform (default: {platform})"),
    "summary": N_("a few lines on what happened"),
    "status": N_("one of: {statuses}"),
    "direction": N_("received (from the platform or a client) or sent (by you)"),
    "channel": N_("how it came: {channels}"),
    "text": N_("what happened, in one line"),
    "section": N_("which list of the incident: messages, events, checklist, contracts or requests"),
    "file": N_("a file on this machine"),
    "format": N_("toml (re-importable) or markdown (a summary for support)"),
    "client": N_("the client's name"),
    "note": N_("your own note (left out of exports unless --include-notes)"),
    "to_incident": N_("the incident it is added to (repeatable)"),
    "shell": N_("bash or zsh"),
}
"""Help for arguments whose meaning is the same in every command (by argparse `dest`)."""


def fill_help(parser: argparse.ArgumentParser) -> None:
    """Give every argument of every subcommand a help text: its own, else DEFAULT_HELP's by
    name. Raises ValueError naming an argument that has neither (a test runs this)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                fill_help(sub)
                if not sub.description:
                    helps = {choice.dest: choice.help for choice in action._choices_actions}
                    sub.description = helps.get(name)
        elif not action.help and not isinstance(action, argparse._HelpAction):
            if action.dest not in DEFAULT_HELP:
                raise ValueError(f"{parser.prog}: {action.dest} has no help text")
            action.help = _(DEFAULT_HELP[action.dest]).format(
                kinds=", ".join(model.KINDS),
                platform=model.DEFAULT_PLATFORM,
                statuses=", ".join(model.STATUSES),
                channels=", ".join(model.CHANNELS),
            )
