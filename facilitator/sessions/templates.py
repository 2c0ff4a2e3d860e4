"""Agenda templates that pre-fill a realistic agenda for a new session (Danish source texts,
written in the facilitator's language when the session is created)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitator.core.i18n import N_, gettext

# Marked with N_ and translated when a session is created from a template: the texts become
# the facilitator's own content, in the language of whoever creates the session.
VISION_TOPICS = [
    N_("Mestring af eget liv"),
    N_("Fælles om det enkelte menneske i centrum"),
    N_("Meningsfulde fællesskaber for alle"),
    N_("Tidlig indsats og forebyggelse"),
    N_("Mod til at tænke nyt"),
]

EVERYDAY_DILEMMAS: list[dict[str, Any]] = [
    {
        "title": N_("Tryghed eller selvbestemmelse?"),
        "prompt": N_(
            "Tove på 82 vil gerne blive i eget hjem, selvom hun er faldet tre gange "
            "i år. Hvad vejer tungest?"
        ),
        "sides": [
            {"label": N_("Tryghed"), "description": N_("Vi flytter Tove til et trygt botilbud.")},
            {
                "label": N_("Selvbestemmelse"),
                "description": N_("Tove bliver hjemme med mere støtte."),
            },
        ],
    },
    {
        "title": N_("Fælles eller lokalt tilbud?"),
        "prompt": N_(
            "En ung med dobbeltdiagnose har brug for et højt specialiseret tilbud. "
            "Hvad er vigtigst?"
        ),
        "sides": [
            {
                "label": N_("Fælles specialtilbud"),
                "description": N_(
                    "Et nordjysk tilbud med specialviden, også hvis det ligger langt væk."
                ),
            },
            {
                "label": N_("Tæt på hjemmet"),
                "description": N_(
                    "Et lokalt tilbud tæt på familie og netværk, med sparring udefra."
                ),
            },
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
        ActivitySpec(
            "dilemma", d["title"], d["prompt"], {"sides": d["sides"], "reason_required": False}
        )
        for d in EVERYDAY_DILEMMAS
    ]


def translated_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """A template's settings with its topics and sides in the current language (a copy)."""
    result = dict(settings)
    if "topics" in result:
        result["topics"] = [gettext(topic) for topic in result["topics"]]
    if "sides" in result:
        result["sides"] = [
            {key: gettext(text) if text else text for key, text in side.items()}
            for side in result["sides"]
        ]
    return result


SESSION_TEMPLATES: dict[str, tuple[str, list[ActivitySpec]]] = {
    "visionsdag": (
        N_("Visionsdag"),
        [
            # A check-in: everyone's phone works before the first real question, and the room
            # sees itself in a cloud of its own words.
            ActivitySpec(
                "wordcloud",
                N_("Check-in: Hvad håber du på i dag?"),
                N_("Skriv 1-3 ord. De bliver til en ordsky på storskærmen."),
            ),
            ActivitySpec(
                "topic_vote",
                N_("Hvad skal visionen handle om?"),
                N_("Vælg op til to emner, som visionen skal bygge på."),
                {"topics": VISION_TOPICS, "max_choices": 2},
            ),
            ActivitySpec(
                "retningspil",
                N_("Retningspile for visionen"),
                N_(
                    "Skriv en kort sætning om den retning, vi skal gå. "
                    "Begynd gerne med »Vi skal …«."
                ),
            ),
            *_dilemmas(),
            ActivitySpec(
                "initiative",
                N_("Forslag til fælles initiativer"),
                N_("Hvad giver mening at samarbejde om på tværs af kommunerne?"),
                per_focus_area=True,
            ),
            ActivitySpec(
                "open_question",
                N_("Hvad skal vi huske?"),
                N_("Er der særlige vinkler eller perspektiver, vi skal tage højde for?"),
            ),
        ],
    ),
    "workshop": (
        N_("Fokusområde-workshop"),
        [
            ActivitySpec(
                "retningspil",
                N_("Retningspile for fokusområdet"),
                N_("Hvilken politisk retning ønsker I for fokusområdet? »Vi skal …«"),
            ),
            ActivitySpec(
                "open_question",
                N_("Fælles eller lokalt?"),
                N_(
                    "Hvad giver mening at samarbejde om i fællesskab, og hvad tager den "
                    "enkelte kommune bedst selv?"
                ),
            ),
            ActivitySpec(
                "initiative",
                N_("Forslag til fælleskommunale initiativer"),
                N_("Foreslå et konkret initiativ. Hvad skal der ske, og hvem skal med?"),
                per_focus_area=True,
            ),
            ActivitySpec(
                "topic_vote",
                N_("Hvilke initiativer skal vi prioritere?"),
                N_("Vælg op til tre."),
                {
                    "topics": [
                        N_("Fælles kompetenceudvikling"),
                        N_("Analyse af tilbudsviften"),
                        N_("Faglige fyrtårne med specialviden"),
                        N_("Tidlig opsporing"),
                        N_("Fælles data og dokumentation"),
                    ],
                    "max_choices": 3,
                },
            ),
        ],
    ),
}
# The template picker's names (key -> name, N_-marked).
AGENDA_TEMPLATE_NAMES: dict[str, str] = {key: name for key, (name, _) in SESSION_TEMPLATES.items()}
