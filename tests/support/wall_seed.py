"""Seeds a session for the projector-wall tests in an e2e instance: run as
`python -m tests.support.wall_seed '<json>'` with FACILITATOR_INSTANCE_PATH set (the e2e server's
own instance), it prints the session's id, screen token, join code and console URL as JSON.
Real services only: the rows are what phones and the facilitator would have made."""

from __future__ import annotations

import json
import sys
from typing import Any


def seed(spec: dict[str, Any]) -> dict[str, Any]:
    from facilitator import create_app
    from facilitator.activities.services import (
        add_activity,
        dilemma_settings,
        open_activity,
        reveal_results,
    )
    from facilitator.clustering.curation import rename_cluster
    from facilitator.clustering.grouping import cluster_activity
    from facilitator.contributions.participants import Profile, join
    from facilitator.contributions.services import submit
    from facilitator.contributions.validation import Submission
    from facilitator.extensions import db
    from facilitator.processes.models import Process
    from facilitator.sessions.services import create_session, set_next_steps, set_state

    app = create_app()
    with app.app_context():
        process = db.session.query(Process).first()
        session = create_session(db.session, process, title=spec["title"], kind="visionsdag")
        if spec.get("next_steps"):
            set_next_steps(db.session, session, spec["next_steps"])
        kind = spec.get("kind", "retningspil")
        settings = dilemma_settings(spec["sides"], False) if kind == "dilemma" else {}
        activity = add_activity(
            db.session, session, kind=kind, title=spec.get("activity", "Væggen"), settings=settings
        )
        if spec.get("state", "live") != "draft":
            set_state(db.session, session, "live")
            open_activity(db.session, activity)
            for i, text in enumerate(spec.get("texts", [])):
                person = join(db.session, session, f"seed{i:04d}" * 4, Profile())
                submit(db.session, person, activity, Submission(f"seed-{i:04d}", text))
            if spec.get("cluster"):
                themes = cluster_activity(db.session, activity, k=spec["cluster"])
                # the facilitator's own headings, as typed in the console
                for theme, label in zip(themes, spec.get("labels", []), strict=False):
                    rename_cluster(db.session, theme, label)
                db.session.commit()
            if spec.get("reveal", True):
                reveal_results(db.session, activity, True)
        return {
            "id": session.id,
            "token": session.screen_token,
            "code": session.join_code,
            "activity": activity.id,
        }


if __name__ == "__main__":
    print(json.dumps(seed(json.loads(sys.argv[1]))))
