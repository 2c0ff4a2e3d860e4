"""Imports every model so metadata (and Alembic) sees all tables."""

from facilitator.accounts.models import User
from facilitator.activities.models import Activity
from facilitator.audit.models import AuditEvent
from facilitator.clustering.models import Cluster
from facilitator.contributions.models import Contribution, Endorsement, Participant
from facilitator.processes.models import FocusArea, Process
from facilitator.sessions.models import WorkshopSession

__all__ = ["Activity", "AuditEvent", "Cluster", "Contribution", "Endorsement", "FocusArea",
           "Participant", "Process", "User", "WorkshopSession"]
