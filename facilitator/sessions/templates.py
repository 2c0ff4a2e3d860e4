"""Agenda templates that pre-fill a realistic Danish agenda for a new session."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

VISION_TOPICS = [
    "Mestring af eget liv",
    "Fælles om det enkelte menneske i centrum",
    "Meningsfulde fællesskaber for alle",
    "Tidlig indsats og forebyggelse",
    "Mod til at tænke nyt",
]

EVERYDAY_DILEMMAS = [
    {
        "title": "Tryghed eller selvbestemmelse?",
        "prompt": "Tove på 82 vil gerne blive i eget hjem, selvom hun er faldet tre gange i år. "
        "Hvad vejer tungest?",
        "sides": [
            {"label": "Tryghed", "description": "Vi flytter Tove til et trygt botilbud."},
            {"label": "Selvbestemmelse", "description": "Tove bliver hjemme med mere støtte."},
        ],
    },
    {
        "title": "Fælles eller lokalt tilbud?",
        "prompt": "En ung med dobbeltdiagnose har brug for et højt specialiseret tilbud. "
        "Hvad er vigtigst?",
        "sides": [
            {"label": "Fælles specialtilbud", "description": "Et nordjysk tilbud med "
             "specialviden, også hvis det ligger langt væk."},
            {"label": "Tæt på hjemmet", "description": "Et lokalt tilbud tæt på familie og "
             "netværk, med sparring udefra."},
        ],
    },
]


@dataclass(frozen=True)
class ActivitySpec:
    kind: str
    title: str
    prompt: str = ""
    settings: dict[str, Any] = field(default_factory=dict)
    per_focus_area: bool = False  # one copy per focus area of the process


def _dilemmas() -> list[ActivitySpec]:
    return [
        ActivitySpec("dilemma", d["title"], d["prompt"],
                     {"sides": d["sides"], "reason_required": False})
        for d in EVERYDAY_DILEMMAS
    ]


SESSION_TEMPLATES: dict[str, tuple[str, list[ActivitySpec]]] = {
    "visionsdag": (
        "Visionsdag",
        [
            ActivitySpec("topic_vote", "Hvad skal visionen handle om?",
                         "Vælg op til to emner, som visionen skal bygge på.",
                         {"topics": VISION_TOPICS, "max_choices": 2}),
            ActivitySpec("retningspil", "Retningspile for visionen",
                         "Skriv en kort sætning om den retning, vi skal gå. "
                         "Begynd gerne med »Vi skal …«."),
            *_dilemmas(),
            ActivitySpec("initiative", "Forslag til fælles initiativer",
                         "Hvad giver mening at samarbejde om på tværs af kommunerne?",
                         per_focus_area=True),
            ActivitySpec("open_question", "Hvad skal vi huske?",
                         "Er der særlige vinkler eller perspektiver, vi skal tage højde for?"),
        ],
    ),
    "workshop": (
        "Fokusområde-workshop",
        [
            ActivitySpec("retningspil", "Retningspile for fokusområdet",
                         "Hvilken politisk retning ønsker I for fokusområdet? »Vi skal …«"),
            ActivitySpec("open_question", "Fælles eller lokalt?",
                         "Hvad giver mening at samarbejde om i fællesskab, og hvad tager den "
                         "enkelte kommune bedst selv?"),
            ActivitySpec("initiative", "Forslag til fælleskommunale initiativer",
                         "Foreslå et konkret initiativ. Hvad skal der ske, og hvem skal med?",
                         per_focus_area=True),
            ActivitySpec("topic_vote", "Hvilke initiativer skal vi prioritere?",
                         "Vælg op til tre.",
                         {"topics": ["Fælles kompetenceudvikling", "Analyse af tilbudsviften",
                                     "Faglige fyrtårne med specialviden",
                                     "Tidlig opsporing", "Fælles data og dokumentation"],
                          "max_choices": 3}),
        ],
    ),
}
