"""Audit trail: who logged in, failed to, exported, purged, deleted or changed a user."""
