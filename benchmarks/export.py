"""Export benchmark (issue 5): a session with N contributions, built from a real database and
rendered to every format. Baseline in the same run: a bare python-docx / openpyxl document with
the same texts and nothing else. Prints numbers; the last line is one JSON object.

    python benchmarks/export.py --contributions 2000
"""

from __future__ import annotations

import argparse
import io
import json
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import docx  # noqa: E402
import openpyxl  # noqa: E402

from facilitator import create_app  # noqa: E402
from facilitator.accounts.services import create_user  # noqa: E402
from facilitator.activities.services import open_activity  # noqa: E402
from facilitator.contributions.models import Contribution  # noqa: E402
from facilitator.contributions.participants import Profile, join  # noqa: E402
from facilitator.core.db import Base  # noqa: E402
from facilitator.export.services import export_session_file  # noqa: E402
from facilitator.extensions import db  # noqa: E402
from facilitator.processes.services import create_process  # noqa: E402
from facilitator.sessions.services import create_session, set_state  # noqa: E402

PHRASES = [
    "Vi skal have mere mod til at turde fejle",
    "Fælles kompetenceudvikling om demens",
    "Borgeren skal sidde for bordenden",
    "Tidlig opsporing i alle kommuner",
    "Vi skal dele specialviden på tværs",
    "Pårørende er en ressource",
]


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def populate(n: int):
    owner = create_user(db.session, "bench@facilitator.local", secrets.token_urlsafe(16))
    process = create_process(
        db.session, owner, "Nordjysk Socialaftale 2023-2024", focus_areas=["Fokus på psykiatrien"]
    )
    session = create_session(
        db.session, process, title="Visionsdag", kind="visionsdag", template="visionsdag"
    )
    set_state(db.session, session, "live")
    people = [
        join(
            db.session,
            session,
            secrets.token_urlsafe(32),
            Profile(
                group=["politiker", "embedsperson", "brugerorganisation"][i % 3],
                organisation=f"Kommune {i % 11}",
            ),
        )
        for i in range(150)
    ]
    text_activities = [a for a in session.activities if a.takes_text]
    for activity in text_activities:
        open_activity(db.session, activity)
    rows = [
        Contribution(
            activity_id=text_activities[i % len(text_activities)].id,
            participant_id=people[i % len(people)].id,
            client_id=f"b{i:07d}",
            text=f"{PHRASES[i % len(PHRASES)]} ({i})",
        )
        for i in range(n)
    ]
    db.session.add_all(rows)
    db.session.commit()
    return session, [r.text for r in rows]


def baseline_docx(texts: list[str]) -> bytes:
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def baseline_xlsx(texts: list[str]) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Bidrag")
    for text in texts:
        sheet.append([text])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contributions", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "INSTANCE_PATH": folder,
                "ASYNC_MODE": "threading",
                "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            }
        )
        with app.app_context():
            Base.metadata.create_all(db.engine)
            session, texts = populate(args.contributions)
            result = {"contributions": args.contributions}
            for fmt in ("docx", "xlsx", "md", "json"):
                seconds = timed(
                    lambda f=fmt: export_session_file(db.session, session, f), args.repeat
                )
                size = len(export_session_file(db.session, session, fmt).content)
                result[f"{fmt}_s"] = seconds
                print(f"  {fmt:>5}: {seconds:6.3f} s  {size // 1024:6d} kB")
            result["json_anonymous_s"] = timed(
                lambda: export_session_file(db.session, session, "json", anonymous=True),
                args.repeat,
            )
            print(f"  json --anonymous: {result['json_anonymous_s']:6.3f} s")
            result["baseline_docx_s"] = timed(lambda: baseline_docx(texts), args.repeat)
            result["baseline_xlsx_s"] = timed(lambda: baseline_xlsx(texts), args.repeat)
            result["docx_ratio"] = result["docx_s"] / result["baseline_docx_s"]
            result["xlsx_ratio"] = result["xlsx_s"] / result["baseline_xlsx_s"]
            print(
                f"  baseline docx {result['baseline_docx_s']:.3f} s, xlsx "
                f"{result['baseline_xlsx_s']:.3f} s; ratios docx {result['docx_ratio']:.2f} "
                f"xlsx {result['xlsx_ratio']:.2f}"
            )
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}))


if __name__ == "__main__":
    main()
