"""What participants and the room see: the join form and phone page, the written answer form
and the projector."""

# The "join" blueprint spans join.py (where it is defined), phone.py and actions.py: all three
# are loaded with the package, so its routes are complete whichever module is imported first.
from facilitator.web.participate import actions, join, phone  # noqa: F401
