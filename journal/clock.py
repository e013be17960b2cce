"""The current moment, in one place so tests, snapshots and demos can fix it.

`INCIDENT_JOURNAL_NOW` (an ISO 8601 moment with offset) fixes the clock for a whole process;
tests may also patch `now`.
"""

from __future__ import annotations

import os
from datetime import datetime

NOW_ENV = "INCIDENT_JOURNAL_NOW"


def now() -> datetime:
    """The current moment in the local zone, offset-aware, to the second."""
    fixed = os.environ.get(NOW_ENV, "").strip()
    if fixed:
        moment = datetime.fromisoformat(fixed)
        if moment.tzinfo is None:
            moment = moment.astimezone()
        return moment
    return datetime.now().astimezone().replace(microsecond=0)
