"""Admin pages: "Brugere" (create, deactivate/activate, set a password), "Revisionslog" and
"Ordfilter" (the organisation's word filter).

Every change goes through accounts.services, which writes the audit log and ends the user's
sessions where a change must (deactivation, a new password)."""

from __future__ import annotations

# The route modules, imported for their routes on `bp`; web/__init__.py registers `bp`.
from facilitator.web.admin import users, word_filter  # noqa: F401
from facilitator.web.admin.blueprint import bp

__all__ = ["bp"]
