"""Seed 000's process plan as the secretariat pastes it from the DAS paper (tab-separated,
header row included): eleven rows, one of them "September/oktober" without a year."""

SEED_000_PLAN = (
    "Tidspunkt\tForum\tHandling\n"
    "November 2021\tDAS\tGodkendelse af proces for udarbejdelse af "
    "Nordjysk Socialaftale 2023-2024\n"
    "28. januar 2022\tDAS\tDAS udpeger fokusområder\n"
    "Marts 2022\tDAS\tDAS drøfter rammen for visionen\n"
    "April 2022\t\tDer udsendes spørgsmål til de politiske udvalg med udgangspunkt i "
    "DAS' drøftelser om rammer for visionen\n"
    "Maj 2022\tDAS\tDAS drøfter 1. udkast til socialaftalen\n"
    "Juni 2022\tSocialpolitisk Dialogforum\tPolitiske drøftelser og input til visionen\n"
    "Juni 2022\tArbejdsgrupper under DAS\tVurdering af sammenhæng mellem udbud og efterspørgsel\n"
    "August 2022\tDAS\tDAS godkender udkast til Socialaftalen\n"
    "September/oktober\t\tDer afholdes 1 faglig workshop for hvert fokusområde "
    "som skal bidrage til at\n"
    "November 2022\tPolitiske udvalg\tAftalen godkendes politisk\n"
    "1. december 2022\t\tDen godkendte aftale sendes til Socialstyrelsen"
)
