"""Forms, each a typed modal: `ctrl+s` (or enter in a one-line field) submits, `escape`
leaves, asking first when something was typed. A form that cannot be read (a bad time, an
empty title) says so in one line and stays open with everything typed.

One module per form: `base` (the shared modal and helpers), `incident` (incident, follow-up),
`message`, `entries` (event, checklist item, contract) and `request`.
"""

from screens.forms.base import FormModal, SafeTextArea, choices, field_row, moment_text, read_moment
from screens.forms.entries import ChecklistForm, ContractForm, EventForm
from screens.forms.incident import FollowUpForm, IncidentFields, IncidentForm
from screens.forms.message import MessageForm
from screens.forms.request import RequestFields, RequestForm

__all__ = [
    "ChecklistForm",
    "ContractForm",
    "EventForm",
    "FollowUpForm",
    "FormModal",
    "IncidentFields",
    "IncidentForm",
    "MessageForm",
    "RequestFields",
    "RequestForm",
    "SafeTextArea",
    "choices",
    "field_row",
    "moment_text",
    "read_moment",
]
