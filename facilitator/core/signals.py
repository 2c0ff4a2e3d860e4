"""Signals the domain sends after a commit; live/bridge.py turns them into Socket.IO emits.

Every sender passes the session id as `session_id` so listeners can route to rooms.
"""

from blinker import Namespace

_signals = Namespace()

participant_joined = _signals.signal("participant-joined")
contribution_added = _signals.signal("contribution-added")
contribution_changed = _signals.signal("contribution-changed")  # hidden/unhidden, edited
contribution_withdrawn = _signals.signal("contribution-withdrawn")  # its author took it back
activity_changed = _signals.signal("activity-changed")  # opened, closed, revealed, edited
session_changed = _signals.signal("session-changed")  # went live, closed
# The parking lot changed (an item added, voted, answered, merged, shown): facilitator/parking
parking_changed = _signals.signal("parking-changed")
clusters_updated = _signals.signal("clusters-updated")
# A grouping job started, finished or failed (`status`: core.jobs.JobStatus); live/background.py
cluster_job_changed = _signals.signal("cluster-job-changed")
# Sent with the user as sender and `user_id` (not session_id): logout, deactivation or a
# password change ended all of that user's sessions; open sockets must close.
user_sessions_revoked = _signals.signal("user-sessions-revoked")
