"""What participants and the room see: the join form and phone page, the written answer form
and the projector."""

# The "join" blueprint spans join.py (where it is defined), phone.py, actions.py and board.py: all
# are loaded with the package, so its routes are complete whichever module is imported first.
from facilitator.web.participate import actions, board, join, phone, scribe  # noqa: F401
