"""The security-hold story of DOMAIN.md lived through from the keyboard in a real terminal
(tmux, 120x36), with the roster filled only after the hold was recorded: the notice pasted,
the four usual questions answered once, the reply built from them and logged, a Japanese
client due today 18:00 added afterwards and seen in Now and in the start-up line, a deleted
event brought back with ctrl+z from another tab."""

from __future__ import annotations

import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

from tests.e2e.test_tmux import Tmux, pytestmark, start_journal, wait_for  # noqa: F401  (pytestmark: skip without tmux)

NOTICE = (
    "Hello,\n\nWe noticed unusual activity and placed your account on hold for your protection.\n"
    "Please reply with a screenshot of an IP-check site (no VPN), when and where you last\n"
    "accessed the account, the devices you use, and whether anyone shares it.\n\n[b]Upwork Trust & Safety[/b]\n"
)
ANSWERS = ["Screenshot attached, no VPN", "Yesterday 22:00, Tokyo, home Wi-Fi", "Windows laptop, iPhone", "No one"]
CLIENT = "株式会社さくらアプリ"


def morning_zone() -> str:
    """A POSIX TZ in which it is about 09:00 now, so that "today 18:00" is later today
    whenever the test runs (the zone's name is a placeholder; the offset is what counts)."""
    offset = (9 - datetime.now(UTC).hour + 12) % 24 - 12  # hours east of UTC, -12..+11
    return f"LOC{-offset:+d}"


def expect(tmux: Tmux, check, what: str) -> None:
    """`wait_for`, with the screen in the failure message."""
    try:
        wait_for(check, what)
    except AssertionError as error:
        raise AssertionError(f"{error}; the screen:\n{tmux.screen()}") from None


def type_slowly(tmux: Tmux, *steps: str) -> None:
    """Send keys one step at a time: a burst may reach the app as a single read."""
    for step in steps:
        if step.startswith("="):
            tmux.keys("--", step[1:], literal=True)
        else:
            tmux.keys(step)
        time.sleep(0.25)


def test_security_hold_story_with_the_roster_filled_after_the_hold(tmp_path: Path) -> None:
    data = tmp_path / "data"
    zone = morning_zone()
    tmux, status = start_journal(tmp_path, data, 120, 36, tz=zone)
    try:
        expect(tmux, tmux.shows("Press n to record the first one"), "the empty home screen")
        tmux.keys("n")
        expect(tmux, tmux.shows("New incident"), "the new-incident form")
        type_slowly(tmux, "=Account on hold after a security check", "Tab", "Enter", "Down", "Enter")
        expect(tmux, tmux.shows("Stops all client work: yes"), "Account on hold chosen")
        tmux.keys("C-s")
        expect(tmux, tmux.shows("1 Overview"), "the new incident")

        type_slowly(tmux, "2", "a")
        expect(tmux, tmux.shows("Body (paste"), "the message form")
        buffer = tmp_path / "notice.txt"
        buffer.write_text(NOTICE, encoding="utf-8")
        tmux.run("load-buffer", str(buffer))
        tmux.run("paste-buffer", "-p", "-t", "journal")  # lands on Direction: goes to the body
        expect(tmux, tmux.shows("The paste went into the body"), "the paste in the body")
        type_slowly(tmux, "BTab", "BTab", "=Your account is on hold")  # body -> note -> subject
        tmux.keys("C-s")
        expect(tmux, tmux.shows("Message saved"), "the saved notice")
        tmux.keys("Enter")  # read it in full: markup is shown as written
        expect(tmux, tmux.shows("[b]Upwork Trust & Safety[/b]"), "the notice, verbatim")
        tmux.keys("Escape")
        expect(tmux, lambda: "[b]Upwork" not in tmux.screen(), "the message closed")

        tmux.keys("6")
        expect(tmux, tmux.shows("Asked"), "the Requests tab")
        tmux.keys("u")
        expect(tmux, tmux.shows("Added 4 usual security questions"), "the four questions")
        for index, answer in enumerate(ANSWERS):
            type_slowly(tmux, *(["Down"] if index else []), "Enter")  # the cursor stays on the row answered
            expect(tmux, tmux.shows("Answer the support request"), f"the answer form {index + 1}")
            type_slowly(tmux, "=" + answer, "C-s")
            expect(tmux, lambda: "Answer the support request" not in tmux.screen(), f"answer {index + 1} saved")
        expect(tmux, tmux.shows("Set the status to waiting"), "the offer once all are answered")
        tmux.keys("n")  # the reply is not sent yet
        expect(tmux, lambda: "Set the status to waiting" not in tmux.screen(), "the offer declined")
        type_slowly(tmux, "r")
        expect(tmux, tmux.shows("Reply to support: 4 answers"), "the reply preview")
        assert "> When and where you last accessed the account" in tmux.screen()
        tmux.keys("C-s")
        expect(tmux, tmux.shows("Set the status to waiting"), "the offer to wait on support")
        tmux.keys("Enter")
        expect(tmux, tmux.shows("Account on hold · waiting"), "status waiting")

        tmux.keys("Escape")
        expect(tmux, tmux.shows("1 incident, most urgent first"), "home")
        tmux.keys("c")
        expect(tmux, tmux.shows("No contracts in the roster yet"), "the empty roster")
        tmux.keys("a")
        expect(tmux, tmux.shows("Contract in the roster"), "the roster form")
        for value in (CLIENT, "40177230", "today 18:00", "420.00 USD"):
            tmux.keys("--", value, literal=True)
            expect(tmux, tmux.shows(value), f"{value} typed")  # a Tab in the same read as wide text may be lost
            tmux.keys("Enter" if value == "420.00 USD" else "Tab")
            time.sleep(0.25)
        expect(tmux, tmux.shows("as an affected contract?"), "the offer to add it to the hold")
        tmux.keys("Enter")
        expect(tmux, tmux.shows(f"Added {CLIENT} to"), "the contract added to the hold")
        tmux.keys("t")
        expect(tmux, tmux.shows("Now: what needs you today"), "the Now screen")
        expect(tmux, tmux.shows("1 deadline soon"), "the roster deadline in Now")
        row = next(line for line in tmux.screen().splitlines() if "Deadline" in line and "today 18:00" in line)
        assert CLIENT[:4] in row

        tmux.keys("Enter")
        expect(tmux, tmux.shows("1 Overview"), "the incident from Now")
        tmux.keys("3")
        expect(tmux, tmux.shows("Support contacted"), "the timeline (event kinds by name)")
        [path] = (data / "incidents").glob("*.toml")
        text = path.read_text(encoding="utf-8")
        assert text.count("Your account is on hold") >= 2 and 'status = "waiting"' in text
        assert "\r" not in text and "\n[b]Upwork Trust & Safety[/b]\n" in text  # the pasted lines, as lines
        assert all(text.count(answer) == 2 for answer in ANSWERS)  # typed once: the answer, and in the reply
        type_slowly(tmux, "d")
        expect(tmux, tmux.shows("ctrl+z brings it back"), "the delete question")
        tmux.keys("y")
        expect(
            tmux, lambda: path.read_text(encoding="utf-8").count("[[events]]") < text.count("[[events]]"), "the delete"
        )
        type_slowly(tmux, "5", "C-z")
        expect(
            tmux, lambda: path.read_text(encoding="utf-8").count("[[events]]") == text.count("[[events]]"), "the undo"
        )

        type_slowly(tmux, "q")
        wait_for(lambda: status.exists() and status.read_text().strip() != "", "the command to end")
        assert status.read_text().strip() == "0"
    finally:
        subprocess.run([*tmux.base, "kill-server"], capture_output=True)

    again = tmp_path / "again"  # a new tmux server on a socket of its own
    again.mkdir()
    tmux, status = start_journal(again, data, 120, 36, tz=zone)
    try:
        expect(tmux, tmux.shows("you today: "), "the start-up line")
        line = next(line for line in tmux.screen().splitlines() if "you today: " in line)
        assert f"{CLIENT}'s deadline today 18:00" in line
        tmux.keys("q")
        wait_for(lambda: status.exists() and status.read_text().strip() != "", "the command to end")
    finally:
        subprocess.run([*tmux.base, "kill-server"], capture_output=True)
