"""The support request form: what support asked, the answer, and its attachments."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, TextArea

from journal import model
from screens.fields import SafeInput
from screens.forms.base import FormModal, SafeTextArea, field_row, moment_text, read_moment


@dataclass
class RequestFields:
    """What the request form gives back: the request, and attachment paths still to describe."""

    request: model.SupportRequest
    new_paths: list[str]


class RequestForm(FormModal[RequestFields]):
    """What support asked, and the answer (answered in place later with `e`)."""

    heading = "Support request"
    hint = "ctrl+s saves · attachments: file paths separated by ; · escape leaves"

    def __init__(self, request: model.SupportRequest | None = None) -> None:
        super().__init__()
        self.request = request
        if request is not None:
            self.heading = "Answer the support request"

    def fields(self) -> ComposeResult:
        r = self.request
        # A question still in the template's words is only a placeholder: paste support's own.
        suggested = bool(r and r.suggested)
        yield field_row(
            "Asked",
            SafeInput(
                "" if suggested or not r else r.question,
                id="question",
                placeholder=(r.question + " (paste support's words)") if r and suggested else "what support asked for",
                compact=True,
            ),
        )
        yield field_row("Asked at", SafeInput(moment_text(r.asked_at) if r else "now", id="asked_at", compact=True))
        yield field_row(
            "Answered at",
            SafeInput(
                moment_text(r.answered_at) if r else "",
                id="answered_at",
                placeholder="when you sent it (empty: not yet; the reply, r, sets it)",
                compact=True,
            ),
        )
        paths = "; ".join(a.path for a in r.attachments) if r else ""
        yield field_row(
            "Attachments",
            SafeInput(paths, id="attachments", placeholder="optional: ~/ip-check.png; ~/devices.txt", compact=True),
        )
        yield Label(Content("Answer:"), classes="row")
        yield SafeTextArea(r.answer if r else "", id="answer", soft_wrap=True)

    def first_field(self) -> Widget | None:
        if self.request is not None:
            return self.query_one("#answer", TextArea)
        return super().first_field()

    def result(self) -> RequestFields:
        question = self.text("question").strip()
        suggested = False
        if not question and self.request is not None and self.request.suggested:
            question, suggested = self.request.question, True  # still the template's paraphrase
        if not question:
            raise ValueError("Asked: say what support asked for")
        answer = self.query_one("#answer", TextArea).text
        answered_at = read_moment(self.text("answered_at"), "Answered at", app=self.app, required=False)
        old = {a.path: a for a in self.request.attachments if a.sha256} if self.request else {}
        paths = [p.strip() for p in self.text("attachments").split(";") if p.strip()]
        attachments = [old[p] for p in paths if p in old]
        new_paths = [p for p in paths if p not in old]
        r = self.request
        request = model.SupportRequest(
            question=question,
            asked_at=read_moment(self.text("asked_at"), "Asked at", app=self.app, required=False),
            answer=answer,
            answered_at=answered_at,
            attachments=attachments,
            suggested=suggested,
            extra=dict(r.extra) if r else {},
        )
        return RequestFields(request=request, new_paths=new_paths)
