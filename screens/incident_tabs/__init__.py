"""The six tabs of an incident: each shows what it is given (attributes down) and the
incident screen handles what the user does with it.

`common` (cells, the table tab), `overview` (headline, Overview), `timeline`, and `entries`
(Messages, Checklist, Contracts, Requests).
"""

from screens.incident_tabs.common import TableTab
from screens.incident_tabs.entries import Checklist, Contracts, Messages, Requests
from screens.incident_tabs.overview import Overview, headline
from screens.incident_tabs.timeline import Timeline

__all__ = ["Checklist", "Contracts", "Messages", "Overview", "Requests", "TableTab", "Timeline", "headline"]
