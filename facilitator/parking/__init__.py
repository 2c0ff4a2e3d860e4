"""The parking lot (spørgsmål og »husk«): a board open across the whole session, not bound to
the open activity. Participants add items and vote them up; the facilitator marks them answered,
parks, merges or restores them, shows the top items on the projector and moves an item into the
session's "Næste skridt". Pure domain: no Flask, no Socket.IO."""
