"""Imports every model so metadata (and Alembic) sees all tables."""

from facilitator.accounts.models import User
from facilitator.activities.models import Activity
from facilitator.audit.models import AuditEvent
from facilitator.clustering.models import Cluster
from facilitator.consultations.models import (
    Answer,
    ConsultationQuestion,
    ConsultationRound,
    Invitation,
)
from facilitator.contributions.models import Contribution, Endorsement, Participant
from facilitator.export.models import BodyEdit
from facilitator.followup.models import StatusChange, TrackedInitiative
from facilitator.parking.models import ParkingItem, ParkingVote
from facilitator.processes.models import FocusArea, Milestone, Process
from facilitator.sessions.models import WorkshopSession
from facilitator.tables.models import FlipoverPhoto, SessionTable

__all__ = [
    "Activity",
    "Answer",
    "AuditEvent",
    "BodyEdit",
    "Cluster",
    "ConsultationQuestion",
    "ConsultationRound",
    "Contribution",
    "Endorsement",
    "FlipoverPhoto",
    "FocusArea",
    "Invitation",
    "Milestone",
    "ParkingItem",
    "ParkingVote",
    "Participant",
    "Process",
    "SessionTable",
    "StatusChange",
    "TrackedInitiative",
    "User",
    "WorkshopSession",
]
