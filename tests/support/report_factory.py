"""Realistic Danish report fixtures (modelled on the Nordjysk Socialaftale seeds).

`make_session_report(n)` spreads exactly n contributions over a retningspil, two
initiative activities, a dilemma and an open question, plus a topic vote. Deterministic.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from facilitator.export.report import (
    SUPPRESSED,
    ActivityReport,
    CountRow,
    DilemmaSideResult,
    GroupBreakdown,
    ProcessReport,
    ReportContribution,
    ReportTheme,
    SessionReport,
    TopicResult,
)

SESSION_DAY = date(2020, 2, 3)
GROUPS = ("politiker", "embedsperson", "brugerorganisation", "andet", None)
ORGANISATIONS = (
    "Aalborg Kommune",
    "Hjørring Kommune",
    "Region Nordjylland",
    "Frederikshavn Kommune",
    "Danske Handicaporganisationer",
    "SIND Nordjylland",
    "Læsø Kommune",
)

RETNINGSPILE = {
    "Mod og fællesskab": [
        "Vi skal have mere mod til at turde fejle.",
        "Vi skal stå sammen, også når det bliver svært.",
    ],
    "Borgeren for bordenden": [
        "Vi skal sætte borgeren for bordenden, og høre hvad borgeren gerne vil have.",
        "Vi skal ikke kun lytte til borgeren – vi skal også turde forfølge de ønsker borgeren har.",
        "Vi skal støtte borgeren i at være så selvhjulpne som muligt, også selvom det går galt.",
    ],
    "Tidlig indsats": [
        "Vi skal sætte ind hos borgeren inden borgeren får en diagnose.",
    ],
}
INITIATIVES = {
    "Analysere tilbudsviften": [
        "Har vi de rette tilbud til målgruppen?",
        "Hvilke forebyggende tilbud/indsatser har vi, og hvilke har vi brug for?",
        "Kan vi anvende de eksisterende §107-pladser bedre?",
    ],
    "Udnytte eksisterende specialviden": [
        "Mulighed for rådgivning fra særlige eksperter med specialistviden (VISO light).",
        "Tværkommunale ansættelser eller trækningsret på særlige medarbejdere.",
    ],
    "Økonomi": [
        "Lovgivningen om særligt dyre enkeltsager skal ændres, så der kan gives refusion "
        "for borgere over 67 år.",
        "Find områder med et fælles investeringsfokus i socialpsykiatrien.",
    ],
    "Øvrige bidrag": ["Fælles videreuddannelse med UCN på tværs af kommuner og fagligheder."],
}
REASONS = {
    "Fælles løsninger": {
        "Stordrift": ["Specialiserede pladser kræver et stort befolkningsgrundlag."],
        "Viden": ["Vi kan ikke alle være eksperter i alt."],
    },
    "Lokale løsninger": {
        "Nærhed": ["Borgeren skal kunne blive i sit lokalsamfund.", "Pårørende bor tæt på."],
        "Øvrige bidrag": ["Kommunen kender borgeren bedst."],
    },
}
ANSWERS = {
    "Samarbejde": ["Mere vidensdeling om det, vi er lykkedes med.", "Fælles akutpladser."],
    "Øvrige bidrag": ["Hvordan bruger vi bedst muligt §82?"],
}


class _Texts:
    """Hands out n contributions, cycling through realistic sentences."""

    def __init__(self, total: int, payloads: Sequence[str], rng: random.Random) -> None:
        self.remaining = total
        self.payloads = list(payloads)
        self.rng = rng
        self.clock = datetime(2020, 2, 3, 9, 30)

    def take(self, sentences: list[str], share: int, side: str | None = None):
        made = []
        for i in range(min(share, self.remaining)):
            text = self.payloads.pop(0) if self.payloads else sentences[i % len(sentences)]
            if i >= len(sentences) and text in sentences:
                text = f"{text} (uddybning {i // len(sentences)})"
            made.append(self._contribution(text, side))
        self.remaining -= len(made)
        return tuple(made)

    def _contribution(self, text: str, side: str | None) -> ReportContribution:
        self.clock += timedelta(seconds=self.rng.randint(5, 40))
        return ReportContribution(
            text=text,
            author_group=self.rng.choice(GROUPS),
            organisation=self.rng.choice(ORGANISATIONS + (None,)),
            created_at=self.clock,
            endorsements=self.rng.choice((0, 0, 1, 2, 5)),
            side=side,
        )


def _themes(texts: _Texts, content: dict[str, list[str]], share: int, side: str | None = None):
    per_theme = max(share // len(content), 1)
    return tuple(
        ReportTheme(label, texts.take(sentences, per_theme, side), pinned=(i == 0))
        for i, (label, sentences) in enumerate(content.items())
    )


def _count(themes: tuple[ReportTheme, ...]) -> int:
    return sum(len(t.contributions) for t in themes)


def make_session_report(
    n_contributions: int = 40,
    payloads: Sequence[str] = (),
    title: str = "Visionsdag om Nordjysk Socialaftale 2021-2022",
    session_day: date = SESSION_DAY,
    seed: int = 1,
) -> SessionReport:
    """A visionsdag with exactly n_contributions; payloads replace the first texts."""
    rng = random.Random(seed)
    texts = _Texts(n_contributions, payloads, rng)
    fifth = max(n_contributions // 5, 1)
    vision = _themes(texts, RETNINGSPILE, fifth)
    aging = _themes(texts, INITIATIVES, fifth)
    psych = _themes(texts, INITIATIVES, fifth)
    sides = _sides(texts, fifth)
    answers = _themes(texts, ANSWERS, texts.remaining)
    if texts.remaining:  # rounding leftovers land in the open question's last theme
        last = answers[-1]
        extra = texts.take(["Et ekstra bidrag."], texts.remaining)
        answers = answers[:-1] + (ReportTheme(last.label, last.contributions + extra),)
    activities = (
        ActivityReport(
            "retningspil",
            "Retningspile",
            "Vision: Egenmestring",
            "Hvilken retning skal visionen om egenmestring pege i?",
            None,
            themes=vision,
            contribution_count=_count(vision),
        ),
        _initiative("Den gode alderdom", aging),
        _initiative("Socialpsykiatri", psych),
        ActivityReport(
            "dilemma",
            "Dilemma",
            "Fælles eller lokale pladser?",
            "Skal de mest specialiserede pladser drives i fællesskab eller lokalt?",
            None,
            sides=sides,
            by_group=_breakdown(),
            voters=34,
            contribution_count=sum(_count(s.themes) for s in sides),
        ),
        ActivityReport(
            "open_question",
            "Åbent spørgsmål",
            "Hvad skal vi være fælles om?",
            "Hvor giver det mening med fælles løsninger?",
            None,
            themes=answers,
            contribution_count=_count(answers),
        ),
        ActivityReport(
            "topic_vote",
            "Prioritering af emner",
            "Emner for visionen",
            "Hvilke emner skal visionen handle om?",
            None,
            topics=_topics(),
            voters=41,
        ),
    )
    return SessionReport(
        process_title="Nordjysk Socialaftale 2021-2022",
        title=title,
        kind="visionsdag",
        kind_label="Visionsdag",
        date=session_day,
        venue="Aalborg Kongres & Kultur Center",
        description="Politikere, embedsmænd og borgerrepræsentanter satte retningen for, "
        "hvad vi ønsker at være fælles om på det specialiserede socialområde.",
        participant_count=57,
        by_group=(
            CountRow("politiker", 21),
            CountRow("embedsperson", 18),
            CountRow("brugerorganisation", 14),
            CountRow("andet", SUPPRESSED),
            CountRow("Ikke oplyst", SUPPRESSED),
        ),
        by_organisation=tuple(
            CountRow(o, c)
            for o, c in zip(ORGANISATIONS, (12, 9, 8, 6, 7, 4, SUPPRESSED), strict=True)
        ),
        activities=activities,
        generated_at=datetime(2020, 2, 4, 10, 15),
    )


def _initiative(focus: str, themes: tuple[ReportTheme, ...]) -> ActivityReport:
    return ActivityReport(
        "initiative",
        "Initiativforslag",
        f"Initiativer: {focus}",
        f"Hvilke fælleskommunale initiativer ønsker I ift. {focus.lower()}?",
        focus,
        themes=themes,
        contribution_count=_count(themes),
    )


def _sides(texts: _Texts, share: int) -> tuple[DilemmaSideResult, ...]:
    counts = {"Fælles løsninger": 21, "Lokale løsninger": 13}
    return tuple(
        DilemmaSideResult(
            label,
            f"Argumenter for {label.lower()}.",
            counts[label],
            counts[label] / 34,
            _themes(texts, reasons, share // 2, side=label),
        )
        for label, reasons in REASONS.items()
    )


def _breakdown() -> tuple[GroupBreakdown, ...]:
    return (
        GroupBreakdown(
            "politiker", 14, (CountRow("Fælles løsninger", 9), CountRow("Lokale løsninger", 5))
        ),
        GroupBreakdown(
            "embedsperson",
            12,
            (CountRow("Fælles løsninger", 8), CountRow("Lokale løsninger", SUPPRESSED)),
        ),
        GroupBreakdown(
            "brugerorganisation",
            6,
            (CountRow("Fælles løsninger", 3), CountRow("Lokale løsninger", 3)),
        ),
        GroupBreakdown("andet", 2, None),
    )


def _topics() -> tuple[TopicResult, ...]:
    votes = (
        ("Mestring af eget liv", 19),
        ("Det enkelte menneske i centrum", 14),
        ("Meningsfulde fællesskaber for alle", 8),
    )
    return tuple(TopicResult(label, v, rank) for rank, (label, v) in enumerate(votes, 1))


def make_process_report(n_contributions: int = 40) -> ProcessReport:
    """Two sessions that both produce initiatives for the same focus areas."""
    first = make_session_report(n_contributions)
    second = make_session_report(
        n_contributions,
        title="Faglig workshop om fokusområderne",
        session_day=date(2022, 9, 21),
        seed=2,
    )
    return ProcessReport(
        title="Nordjysk Socialaftale 2023-2024",
        description="Processen for udarbejdelsen af Nordjysk Socialaftale 2023-2024.",
        focus_areas=(
            "Den gode alderdom",
            "Socialpsykiatri",
            "Effektive og vidensbaserede løsninger",
        ),
        sessions=(first, second),
        generated_at=datetime(2022, 10, 1, 8, 0),
    )
