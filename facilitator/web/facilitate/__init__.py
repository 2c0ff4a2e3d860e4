"""The facilitator's pages: processes, sessions, activities, the console, themes, plan, written
rounds, follow-up and exports. Every page here needs a logged-in facilitator (access.py).

The "facilitate" blueprint is defined in blueprint.py; its route modules add their routes to it
as they are imported below. themes, plan, rounds and followup are blueprints of their own under the
same /facilitate prefix (their endpoint names are theirs)."""

from __future__ import annotations

# The route modules, imported for their routes on `bp` (Flask's pattern for a blueprint over
# several modules); web/__init__.py registers `bp` from here, with every route on it.
from facilitator.web.facilitate import (  # noqa: F401
    activities,
    console,
    deletion,
    exports,
    flipover,
    moderation,
    output,
    parking,
    processes,
    sessions,
    tables,
    timer,
)
from facilitator.web.facilitate.blueprint import bp

__all__ = ["bp"]
