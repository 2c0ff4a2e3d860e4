"""Grouping benchmark (issue 8): "Gruppér" on one activity with N contributions whose vectors
are stored. Times `cluster_activity` end to end as the server runs it (read rows, CPU work in
the worker process, write themes), and for comparison the one-off embedding of the texts and
a grouping where no vector is stored yet, and the first grouping of a fresh worker with and
without the warm-up `serve` starts with. Prints seconds; the last line is one JSON object.

    python benchmarks/grouping.py --contributions 2000
"""

from __future__ import annotations

import argparse
import csv
import json
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from facilitator import create_app  # noqa: E402
from facilitator.accounts.services import create_user  # noqa: E402
from facilitator.activities.services import open_activity  # noqa: E402
from facilitator.clustering import grouping, vectors  # noqa: E402
from facilitator.clustering.warm import warm_up  # noqa: E402
from facilitator.clustering.worker import WorkerProcess, ping  # noqa: E402
from facilitator.contributions.models import Contribution  # noqa: E402
from facilitator.contributions.participants import Profile, join  # noqa: E402
from facilitator.core.db import Base  # noqa: E402
from facilitator.extensions import db  # noqa: E402
from facilitator.processes.services import create_process  # noqa: E402
from facilitator.sessions.services import create_session, set_state  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"


def statements() -> list[str]:
    texts = []
    for path in sorted(DATA.glob("clustering_*.tsv")):
        with path.open(encoding="utf-8") as handle:
            texts += [row["text"] for row in csv.DictReader(handle, delimiter="\t")]
    return texts


def populate(n: int):
    owner = create_user(db.session, "bench@facilitator.local", secrets.token_urlsafe(16))
    process = create_process(db.session, owner, "Nordjysk Socialaftale 2023-2024")
    session = create_session(
        db.session, process, title="Visionsdag", kind="visionsdag", template="visionsdag"
    )
    set_state(db.session, session, "live")
    activity = next(a for a in session.activities if a.kind == "retningspil")
    open_activity(db.session, activity)
    people = [
        join(db.session, session, secrets.token_urlsafe(32), Profile(group="politiker"))
        for _ in range(100)
    ]
    pool = statements()
    # Real statements; beyond the pool's size each repeat gets a small variation.
    texts = [
        pool[i % len(pool)] + ("" if i < len(pool) else f" ({i // len(pool)})") for i in range(n)
    ]
    db.session.add_all(
        [
            Contribution(
                activity_id=activity.id,
                participant_id=people[i % 100].id,
                client_id=f"g{i:07d}",
                text=text,
            )
            for i, text in enumerate(texts)
        ]
    )
    db.session.commit()
    return activity


def clear_themes(activity) -> None:  # noqa: ANN001
    for row in db.session.query(Contribution).filter_by(activity_id=activity.id):
        row.cluster_id = None
    db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contributions", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--backend", default="semantic")
    args = parser.parse_args()
    worker = WorkerProcess()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "INSTANCE_PATH": folder,
                "ASYNC_MODE": "threading",
                "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            }
        )
        settings = {"backend": args.backend, "model_path": None, "runner": worker.call}
        with app.app_context():
            Base.metadata.create_all(db.engine)
            activity = populate(args.contributions)
            t = time.perf_counter()
            worker.call(ping)
            result = {
                "contributions": args.contributions,
                "backend": args.backend,
                "worker_start_s": time.perf_counter() - t,
            }
            ids = [r.id for r in db.session.query(Contribution.id)]
            # a grouping where nothing is stored yet (first Gruppér after an import, say)
            t = time.perf_counter()
            grouping.cluster_activity(db.session, activity, **settings)
            result["group_without_vectors_s"] = time.perf_counter() - t
            for row in db.session.query(Contribution):
                row.embedding, row.embedding_model = None, None
            db.session.commit()
            t = time.perf_counter()
            vectors.embed_contributions(db.session, ids, **settings)
            result["embed_all_s"] = time.perf_counter() - t
            # the first Gruppér of a fresh server: a cold worker, then one warmed at start
            for name, warm in (
                ("first_group_cold_worker_s", False),
                ("first_group_warmed_s", True),
            ):
                worker.close()
                worker = WorkerProcess()
                settings["runner"] = worker.call
                if warm:  # what `serve` does at start, in the background
                    worker.call(warm_up, args.backend, None)
                clear_themes(activity)
                t = time.perf_counter()
                grouping.cluster_activity(db.session, activity, **settings)
                result[name] = time.perf_counter() - t
            runs = []
            for _ in range(args.repeat):
                clear_themes(activity)
                t = time.perf_counter()
                found = grouping.cluster_activity(db.session, activity, **settings)
                runs.append(time.perf_counter() - t)
            result["group_s_median"] = statistics.median(runs)
            result["group_s_max"] = max(runs)
            result["themes"] = len(found)
    worker.close()
    for key, value in result.items():
        print(f"  {key:>24}: {value:.3f}" if isinstance(value, float) else f"  {key:>24}: {value}")
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}))


if __name__ == "__main__":
    main()
