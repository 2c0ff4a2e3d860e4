"""Danish material for `facilitator demo`, modelled on the seeds (Nordjysk Socialaftale)."""

FOCUS_AREAS = [
    "Fokus på psykiatrien",
    "Fokus på borgere der bliver ældre",
    "Effektive og vidensbaserede indsatser",
]

USER_ORGANISATIONS = ["Danske Handicaporganisationer", "SIND Nordjylland", "LEV Nordjylland",
                      "Ældre Sagen", "Bedre Psykiatri"]

GROUP_MIX = [("politiker", 11), ("embedsperson", 15), ("brugerorganisation", 9),
             ("andet", 2), (None, 3)]

RETNINGSPILE = [
    "Vi skal have mere mod til at turde fejle.",
    "Vi skal turde prøve nyt, også selvom det ikke lykkes første gang.",
    "Vi skal acceptere at fejl er en del af at udvikle nye tilbud.",
    "Vi skal stå sammen, også når det bliver svært.",
    "Vi skal holde fast i samarbejdet på tværs af kommunerne, også når økonomien er presset.",
    "Vi skal løse de svære opgaver i fællesskab i stedet for hver for sig.",
    "Vi skal støtte borgeren i at være så selvhjulpen som muligt.",
    "Vi skal hjælpe borgeren til at mestre mest muligt af sit eget liv.",
    "Vi skal give borgeren redskaber til at klare hverdagen selv.",
    "Vi skal sætte borgeren for bordenden og høre hvad borgeren gerne vil.",
    "Vi skal lytte til borgeren og turde forfølge borgerens egne ønsker.",
    "Borgerens egne mål skal styre indsatsen, ikke systemets kasser.",
    "Vi skal sætte ind tidligt, før borgeren får en diagnose.",
    "Vi skal ikke vente til borgeren er syg nok, før vi hjælper.",
    "Tidlig opsporing skal være en fælles prioritet i alle kommuner.",
    "Forebyggelse skal fylde mere end brandslukning.",
    "Vi skal dele vores specialviden på tværs af kommunegrænser.",
    "Ingen kommune kan være ekspert i alt, så vi skal bruge hinandens viden.",
    "Vi skal have faglige fyrtårne, som alle kommuner kan trække på.",
    "Vi skal inddrage pårørende som en ressource og ikke som et problem.",
    "Pårørende skal have bedre støtte og information.",
    "Vi skal skabe meningsfulde fællesskaber, hvor alle kan være noget for nogen.",
    "Frivillige og foreningslivet skal spille en større rolle.",
    "Ensomhed skal bekæmpes gennem fællesskaber i lokalsamfundet.",
    "Vi skal bruge pengene, hvor de gør mest gavn for borgeren.",
    "Vi skal have styr på økonomien uden at gå på kompromis med kvaliteten.",
    "Vi skal kende effekten af vores indsatser, før vi udbreder dem.",
    "Vi skal måle på det, der giver mening for borgeren.",
    "Medarbejderne skal have de rette kompetencer til de komplekse borgere.",
    "Vi skal uddanne personalet sammen på tværs af kommunerne.",
    "Der skal være sammenhæng mellem psykiatrien og socialområdet.",
    "Borgere med dobbeltdiagnoser må ikke falde mellem to stole.",
    "Ældre med handicap skal have en god alderdom med værdighed.",
    "Vi skal tænke den gode alderdom ind allerede før borgeren bliver ældre.",
]

# The check-in's words (word, weight): a few inflected alike ("samarbejde"/"samarbejdet"), so
# the cloud shows them counted as one.
CHECKIN_WORDS = [("samarbejde", 9), ("samarbejdet", 3), ("mod", 7), ("modet", 2),
                 ("tillid", 6), ("fællesskab", 5), ("fællesskabet", 2), ("borgeren", 5),
                 ("borgerne", 2), ("nysgerrig", 4), ("retning", 4), ("viden", 3), ("håb", 3),
                 ("sammenhæng", 3), ("forandring", 2), ("energi", 2), ("dialog", 2),
                 ("handling", 2), ("mening", 2), ("ambitioner", 1), ("tryghed", 1), ("KKR", 1)]

OPEN_ANSWERS = [
    "Husk de små kommuner, som ikke selv kan drive specialiserede tilbud.",
    "Transporttiden til tilbuddene er et reelt problem for borgerne i Vendsyssel.",
    "Brugerorganisationerne skal med fra starten, ikke kun til høring.",
    "Husk de unge, der overgår fra børne- til voksenområdet.",
    "Rekruttering af personale er den største udfordring de næste år.",
    "Digitale løsninger kan hjælpe, men må ikke erstatte mennesker.",
    "Læsø har helt særlige vilkår, som skal tænkes ind.",
    "Der mangler pladser til borgere med svær spiseforstyrrelse.",
    "Vi skal huske pårørende til ældre med udviklingshæmning.",
    "Kommunikationen mellem region og kommuner kan blive meget bedre.",
    "Det skal være nemt for borgeren at finde ud af, hvor man henvender sig.",
    "Husk at evaluere det, vi satte i gang i sidste aftale.",
]

INITIATIVES = {
    "Fokus på psykiatrien": [
        "Fælles kompetenceudvikling i socialpsykiatrien på tværs af kommunerne.",
        "Et fælles nordjysk tilbud til borgere med dobbeltdiagnoser.",
        "Fælles udredningsteam for borgere med psykiske vanskeligheder og misbrug.",
        "Netværk for medarbejdere på botilbud i socialpsykiatrien.",
        "Bedre overgange fra behandlingspsykiatrien til kommunens tilbud.",
        "Fælles model for udskrivning fra psykiatrisk afdeling.",
        "Peer-medarbejdere med egne erfaringer i alle kommuner.",
        "Fælles efteruddannelse med UCN om psykiatri og misbrug.",
        "Kortlægning af tilbudsviften i socialpsykiatrien.",
        "Akutpladser, som kommunerne driver sammen.",
        "Inddragelse af pårørende i behandlingsplanen.",
        "Tidlig indsats for unge med angst og depression.",
    ],
    "Fokus på borgere der bliver ældre": [
        "Fælles kompetenceudvikling om tidlig opsporing af demens hos borgere med handicap.",
        "Opkvalificering af plejehjemspersonale i pædagogiske metoder.",
        "Uddannelse af pædagoger i ældres sygdomme og aldring.",
        "Et fagligt fyrtårn om udviklingshæmning og demens.",
        "Fælles retningslinjer for overgangen fra bosted til plejehjem.",
        "Analyse af, om vi har de rette tilbud til ældre med handicap.",
        "Fælles screeningsværktøj til tidlig opsporing af demens.",
        "Sparring fra specialister til små kommuner om ældre borgere med handicap.",
        "Seniorbofællesskaber for borgere med udviklingshæmning.",
        "Aktivitetstilbud, der modvirker ensomhed blandt ældre med handicap.",
        "Samarbejde mellem ældreområdet og socialområdet om fælles borgere.",
    ],
    "Effektive og vidensbaserede indsatser": [
        "Analyse af tilbudsviften: har vi de rette tilbud til borgerne?",
        "Fælles takstmodel, der belønner effekt frem for antal pladser.",
        "Fælles data om effekten af indsatserne på tværs af kommunerne.",
        "Benchmarking af udgifter til specialiserede tilbud.",
        "Udbredelse af metoder, der har vist effekt, til alle kommuner.",
        "Fælles dokumentationsredskab, så resultater kan sammenlignes.",
        "Faglige fyrtårne med specialviden, som andre kommuner kan købe sparring hos.",
        "Strategisk samarbejde med UCN om fælles videreuddannelse.",
        "Fælles indkøb af særlige ydelser for at få bedre priser.",
        "Evaluering af de fælles initiativer fra sidste socialaftale.",
    ],
}

DILEMMA_REASONS = {
    "Tryghed eller selvbestemmelse?": [
        ["Vi har et ansvar, når vi ved, at hun falder.",
         "Tryghed er en forudsætning for et godt liv.",
         "Pårørende skal kunne sove om natten.",
         "Det er for risikabelt at vente på det næste fald."],
        ["Det er hendes liv og hendes valg.",
         "Med mere hjemmehjælp og velfærdsteknologi kan hun blive boende.",
         "Vi skal respektere borgerens egne ønsker, også når det er svært.",
         "At flytte hende kan gøre mere skade end gavn.",
         "Egenmestring betyder også retten til at tage en risiko."],
    ],
    "Fælles eller lokalt tilbud?": [
        ["Specialviden findes kun få steder, og den skal bruges.",
         "Den unge har brug for det bedste tilbud, ikke det nærmeste.",
         "Kvaliteten er vigtigere end afstanden."],
        ["Netværket er afgørende for at komme sig.",
         "Vi kan hente specialviden ind i det lokale tilbud.",
         "Lange afstande gør det svært for familien at være med.",
         "Lokale tilbud giver bedre sammenhæng til skole og job."],
    ],
}

# --- the secretariat's voice: what a secretary adds after the day (the demo's output then
# reads like a finished document at once) ---------------------------------------------------

SESSION_HOURS = ((9, 0), (12, 0))

# Highlighted ("fremhævet") contributions: the curated list in the document's body.
HIGHLIGHTS = {
    "Vi skal have mere mod til at turde fejle.",
    "Vi skal stå sammen, også når det bliver svært.",
    "Vi skal støtte borgeren i at være så selvhjulpen som muligt.",
    "Vi skal sætte borgeren for bordenden og høre hvad borgeren gerne vil.",
    "Vi skal lytte til borgeren og turde forfølge borgerens egne ønsker.",
    "Vi skal ikke vente til borgeren er syg nok, før vi hjælper.",
    "Ingen kommune kan være ekspert i alt, så vi skal bruge hinandens viden.",
    "Fælles kompetenceudvikling i socialpsykiatrien på tværs af kommunerne.",
    "Et fælles nordjysk tilbud til borgere med dobbeltdiagnoser.",
    "Kortlægning af tilbudsviften i socialpsykiatrien.",
    "Akutpladser, som kommunerne driver sammen.",
    "Tidlig indsats for unge med angst og depression.",
    "Fælles efteruddannelse med UCN om psykiatri og misbrug.",
    "Fælles kompetenceudvikling om tidlig opsporing af demens hos borgere med handicap.",
    "Opkvalificering af plejehjemspersonale i pædagogiske metoder.",
    "Analyse af, om vi har de rette tilbud til ældre med handicap.",
    "Sparring fra specialister til små kommuner om ældre borgere med handicap.",
    "Fælles retningslinjer for overgangen fra bosted til plejehjem.",
    "Analyse af tilbudsviften: har vi de rette tilbud til borgerne?",
    "Faglige fyrtårne med specialviden, som andre kommuner kan købe sparring hos.",
    "Strategisk samarbejde med UCN om fælles videreuddannelse.",
    "Fælles data om effekten af indsatserne på tværs af kommunerne.",
}

# A note under the heading of the theme that holds this contribution.
THEME_NOTES = {
    "Et fælles nordjysk tilbud til borgere med dobbeltdiagnoser.":
        "Især forslaget om et fælles tilbud til borgere med dobbeltdiagnoser fik bred "
        "politisk opbakning.",
    "Analyse af, om vi har de rette tilbud til ældre med handicap.":
        "Flere borde pegede på, at analysen bør komme før nye tiltag.",
}

# Per activity kind (initiatives: per focus area) a note under its heading and a summary.
ACTIVITY_NOTES = {
    "retningspil": (
        "Retningspilene er udvalgt af sekretariatet blandt deltagernes bidrag.",
        "Med udgangspunkt i retningspilene formulerer styregruppen en politisk vision for "
        "Nordjysk Socialaftale. Visionen udmøntes ikke særskilt, men gennem de udpegede "
        "fokusområder.",
    ),
    "Fokus på psykiatrien": (
        "Der var stor politisk opbakning til at prioritere den tidlige indsats.",
        "Drøftelserne om psykiatrien handlede især om den tidlige og forebyggende indsats og om "
        "at bruge hinandens specialviden. Flere borde pegede på, at et fælles blik på "
        "tilbudsviften skal komme først, så nye initiativer bygger på et fælles billede af, "
        "hvad der mangler.",
    ),
    "Fokus på borgere der bliver ældre": (
        "",
        "Deltagerne var enige om, at ældre borgere med handicap er en voksende målgruppe, som "
        "hverken ældreområdet eller socialområdet i dag er klædt på til alene. Forslagene "
        "samler sig om fælles kompetenceudvikling, tidlig opsporing af demens og sparring fra "
        "specialister.",
    ),
    "Effektive og vidensbaserede indsatser": (
        "",
        "Drøftelserne havde primært fokus på strukturelle og organisatoriske forhold: at kende "
        "effekten af indsatserne, dele specialviden på tværs af kommunerne og løfte "
        "kompetencerne i fællesskab, bl.a. gennem et strategisk samarbejde med UCN.",
    ),
}

NEXT_STEPS = (
    "Sekretariatet samler inputtene fra visionsdagen i et udkast til Nordjysk Socialaftale "
    "2023-2024, som styregruppen drøfter på sit næste møde.\n\n"
    "Udkastet sendes derefter til politisk behandling i KKR Nordjylland og i de 11 "
    "kommunalbestyrelser. Deltagerne får tilsendt dette output og er velkomne til at give "
    "supplerende bemærkninger til sekretariatet inden for tre uger."
)

# The secretariat's own headings per focus area ("Jeres egne overskrifter" on the themes page):
# the initiatives are sorted into them, what fits none gets a generated theme.
HEADINGS = {
    "open_question": ["Geografi og de små kommuner", "Overgange og målgrupper",
                      "Inddragelse og kommunikation", "Personale og opfølgning"],
    "retningspil": ["Mod til at fejle", "Borgeren for bordenden", "Stå sammen på tværs",
                    "Tidlig indsats", "Viden på tværs"],
    "Fokus på psykiatrien": ["Tidlig og forebyggende indsats", "Analysere tilbudsviften",
                             "Fælles kompetenceudvikling",
                             "Sammenhæng mellem psykiatri og socialområde"],
    "Fokus på borgere der bliver ældre": ["Fælles kompetenceudvikling",
                                          "Tidlig opsporing af demens",
                                          "Analysere tilbudsviften",
                                          "Udnytte eksisterende specialviden"],
    "Effektive og vidensbaserede indsatser": ["Analysere tilbudsviften", "Viden om effekt",
                                              "Udnytte eksisterende specialviden",
                                              "Fælles kompetenceudvikling", "Økonomi"],
}

# After grouping, the secretary moves what the automatic sorting placed oddly (the themes
# page's "Flyt"): contribution -> heading.
MOVES = {
    "Husk de små kommuner, som ikke selv kan drive specialiserede tilbud.":
        "Geografi og de små kommuner",
    "Transporttiden til tilbuddene er et reelt problem for borgerne i Vendsyssel.":
        "Geografi og de små kommuner",
    "Læsø har helt særlige vilkår, som skal tænkes ind.": "Geografi og de små kommuner",
    "Husk de unge, der overgår fra børne- til voksenområdet.": "Overgange og målgrupper",
    "Der mangler pladser til borgere med svær spiseforstyrrelse.": "Overgange og målgrupper",
    "Vi skal huske pårørende til ældre med udviklingshæmning.": "Overgange og målgrupper",
    "Brugerorganisationerne skal med fra starten, ikke kun til høring.":
        "Inddragelse og kommunikation",
    "Kommunikationen mellem region og kommuner kan blive meget bedre.":
        "Inddragelse og kommunikation",
    "Det skal være nemt for borgeren at finde ud af, hvor man henvender sig.":
        "Inddragelse og kommunikation",
    "Rekruttering af personale er den største udfordring de næste år.":
        "Personale og opfølgning",
    "Digitale løsninger kan hjælpe, men må ikke erstatte mennesker.": "Personale og opfølgning",
    "Husk at evaluere det, vi satte i gang i sidste aftale.": "Personale og opfølgning",
    "Vi skal have mere mod til at turde fejle.": "Mod til at fejle",
    "Vi skal turde prøve nyt, også selvom det ikke lykkes første gang.": "Mod til at fejle",
    "Vi skal acceptere at fejl er en del af at udvikle nye tilbud.": "Mod til at fejle",
    "Vi skal stå sammen, også når det bliver svært.": "Stå sammen på tværs",
    "Vi skal holde fast i samarbejdet på tværs af kommunerne, også når økonomien er presset.":
        "Stå sammen på tværs",
    "Vi skal løse de svære opgaver i fællesskab i stedet for hver for sig.":
        "Stå sammen på tværs",
    "Vi skal støtte borgeren i at være så selvhjulpen som muligt.": "Borgeren for bordenden",
    "Vi skal hjælpe borgeren til at mestre mest muligt af sit eget liv.":
        "Borgeren for bordenden",
    "Vi skal give borgeren redskaber til at klare hverdagen selv.": "Borgeren for bordenden",
    "Vi skal sætte borgeren for bordenden og høre hvad borgeren gerne vil.":
        "Borgeren for bordenden",
    "Vi skal lytte til borgeren og turde forfølge borgerens egne ønsker.":
        "Borgeren for bordenden",
    "Borgerens egne mål skal styre indsatsen, ikke systemets kasser.": "Borgeren for bordenden",
    "Vi skal sætte ind tidligt, før borgeren får en diagnose.": "Tidlig indsats",
    "Vi skal ikke vente til borgeren er syg nok, før vi hjælper.": "Tidlig indsats",
    "Tidlig opsporing skal være en fælles prioritet i alle kommuner.": "Tidlig indsats",
    "Forebyggelse skal fylde mere end brandslukning.": "Tidlig indsats",
    "Vi skal dele vores specialviden på tværs af kommunegrænser.": "Viden på tværs",
    "Ingen kommune kan være ekspert i alt, så vi skal bruge hinandens viden.": "Viden på tværs",
    "Vi skal have faglige fyrtårne, som alle kommuner kan trække på.": "Viden på tværs",
    "Fælles kompetenceudvikling i socialpsykiatrien på tværs af kommunerne.":
        "Fælles kompetenceudvikling",
    "Fælles efteruddannelse med UCN om psykiatri og misbrug.": "Fælles kompetenceudvikling",
    "Netværk for medarbejdere på botilbud i socialpsykiatrien.": "Fælles kompetenceudvikling",
    "Bedre overgange fra behandlingspsykiatrien til kommunens tilbud.":
        "Sammenhæng mellem psykiatri og socialområde",
    "Inddragelse af pårørende i behandlingsplanen.": "Sammenhæng mellem psykiatri og socialområde",
    "Et fælles nordjysk tilbud til borgere med dobbeltdiagnoser.":
        "Sammenhæng mellem psykiatri og socialområde",
    "Fælles udredningsteam for borgere med psykiske vanskeligheder og misbrug.":
        "Sammenhæng mellem psykiatri og socialområde",
    "Fælles model for udskrivning fra psykiatrisk afdeling.":
        "Sammenhæng mellem psykiatri og socialområde",
    "Akutpladser, som kommunerne driver sammen.": "Analysere tilbudsviften",
    "Peer-medarbejdere med egne erfaringer i alle kommuner.": "Tidlig og forebyggende indsats",
    "Uddannelse af pædagoger i ældres sygdomme og aldring.": "Fælles kompetenceudvikling",
    "Opkvalificering af plejehjemspersonale i pædagogiske metoder.": "Fælles kompetenceudvikling",
    "Sparring fra specialister til små kommuner om ældre borgere med handicap.":
        "Udnytte eksisterende specialviden",
    "Et fagligt fyrtårn om udviklingshæmning og demens.": "Udnytte eksisterende specialviden",
    "Fælles retningslinjer for overgangen fra bosted til plejehjem.": "Analysere tilbudsviften",
    "Seniorbofællesskaber for borgere med udviklingshæmning.": "Analysere tilbudsviften",
    "Fælles dokumentationsredskab, så resultater kan sammenlignes.": "Viden om effekt",
    "Evaluering af de fælles initiativer fra sidste socialaftale.": "Viden om effekt",
    "Fælles takstmodel, der belønner effekt frem for antal pladser.": "Økonomi",
    "Benchmarking af udgifter til specialiserede tilbud.": "Økonomi",
    "Fælles indkøb af særlige ydelser for at få bedre priser.": "Økonomi",
}

# --- the process around the day (demo_process.py) ---------------------------------------------

# Seed 000's process plan, as DAS's paper has it (tab-separated: Tidspunkt, Forum, Handling);
# its "Juni 2022" dialogue forum is the visionsdag.
PROCESS_PLAN = """\
Tidspunkt\tForum\tHandling
November 2021\tDAS\tGodkendelse af proces for udarbejdelse af Nordjysk Socialaftale 2023-2024
28. januar 2022\tDAS\tDAS udpeger fokusområder
Marts 2022\tDAS\tDAS drøfter rammen for visionen
April 2022\t\tDer udsendes spørgsmål til de politiske udvalg med udgangspunkt i DAS' drøftelser \
om rammer for visionen
Maj 2022\tDAS\tDAS drøfter 1. udkast til socialaftalen
Juni 2022\tSocialpolitisk Dialogforum\tPolitiske drøftelser og input til visionen
Juni 2022\tArbejdsgrupper under DAS\tVurdering af sammenhæng mellem udbud og efterspørgsel
August 2022\tDAS\tDAS godkender udkast til Socialaftalen
September/oktober\t\tDer afholdes 1 faglig workshop for hvert fokusområde, som skal bidrage til \
skarpere fokusområder
November 2022\tPolitiske udvalg\tAftalen godkendes politisk
1. december 2022\t\tDen godkendte aftale sendes til Socialstyrelsen
"""
VISIONSDAG_FORUM = "Socialpolitisk Dialogforum"

# Initiatives DAS follows up (seed 003's table): the visionsdag's highlighted initiative (by its
# text), who carries it, the expected DAS handling (forum, first of the month), its status
# history, oldest first: (date, status), and its stage. The last status is the current one.
FOLLOW_UP = [
    ("Et fælles nordjysk tilbud til borgere med dobbeltdiagnoser.",
     "Arbejdsgruppe under DAS", "DAS", (2023, 3), [
         ((2022, 9, 14), "Arbejdsgruppen er nedsat med deltagelse af Region Nordjylland."),
         ((2022, 11, 23), "Målgruppen er beskrevet; arbejdsgruppen indhenter erfaringer fra "
                          "andre regioner."),
         ((2023, 1, 18), "Udkast til model for et fælles tilbud er sendt til FU."),
     ], "ongoing"),
    ("Kortlægning af tilbudsviften i socialpsykiatrien.", "Sekretariatet", "DAS", (2022, 10), [
        ((2022, 8, 22), "Spørgeskema er udsendt til kommunerne og regionen."),
        ((2022, 10, 5), "Kortlægningen er afsluttet og fremlagt på DAS-mødet i oktober."),
    ], "done"),
    ("Tidlig indsats for unge med angst og depression.", "FU",
     "Tværsektorielt FU med Psykiatrien", (2023, 5), [
         ((2022, 12, 7), "Afventer drøftelse på det tværsektorielle FU-møde med Psykiatrien."),
     ], "waiting"),
    ("Fælles kompetenceudvikling om tidlig opsporing af demens hos borgere med handicap.",
     "Arbejdsgruppen og UCN", "DAS", (2023, 4), [
         ((2022, 9, 30), "Dialog med UCN om et fælles kursusforløb."),
         ((2023, 1, 12), "Kursusbeskrivelsen er klar; første hold forventes at starte i "
                         "foråret."),
     ], "ongoing"),
    ("Fælles retningslinjer for overgangen fra bosted til plejehjem.", "Handicapchefkredsen",
     "DAS", (2023, 4), [
         ((2022, 10, 19), "Handicapchefkredsen er bedt om en vurdering; afventer næste møde i "
                          "kredsen."),
     ], "waiting"),
    ("Sparring fra specialister til små kommuner om ældre borgere med handicap.",
     "Sekretariatet", "DAS", (2023, 6), [
         ((2022, 11, 2), "Sekretariatet kortlægger, hvilke kommuner der har specialister at "
                         "tilbyde."),
         ((2023, 2, 8), "Pausen i sekretariatet har forsinket arbejdet; genoptages i marts."),
     ], "ongoing"),
    ("Strategisk samarbejde med UCN om fælles videreuddannelse.", "FU", "DAS", (2022, 12), [
        ((2022, 9, 1), "Første møde med UCN er afholdt."),
        ((2022, 10, 26), "Udkast til samarbejdsaftale er drøftet i FU."),
        ((2022, 12, 14), "Samarbejdsaftalen blev godkendt på DAS-mødet i december."),
    ], "done"),
    ("Fælles data om effekten af indsatserne på tværs af kommunerne.", "Arbejdsgruppe under DAS",
     "DAS", (2023, 8), [
         ((2022, 11, 16), "Arbejdsgruppen undersøger, hvilke data kommunerne allerede "
                          "registrerer."),
     ], "ongoing"),
]
# The status report's own parts (seed 003): FU's view of the collaboration so far, and the DAS
# meeting the report is for.
STATUS_OVERALL = """\
FU vurderer, at det overordnede samarbejde i regi af Nordjysk Socialaftale indtil nu har givet:
- Et tættere samarbejde med Region Nordjylland om borgere med psykiske lidelser.
- Faglige workshops, hvor kommunerne deler erfaringer på tværs af forvaltningsområder.
- En fælles retning for visionen, som politikerne har drøftet på Socialpolitisk Dialogforum.
"""
STATUS_MEETING = (2023, 3, 2)
