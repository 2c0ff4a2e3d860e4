"""Danish material for the demo's written consultation round (skriftlig høring, seed 001): the
questions sent to the committees and handicap councils before the visionsdag, and what seven
of them answered. Written for the demo; each body in its own voice, as committees write."""

from datetime import date, datetime

ROUND_TITLE = "Input til vision og fokusområder fra udvalg og handicapråd"
ROUND_INTRO = (
    "Forud for Socialpolitisk Dialogforum den 10. juni 2022 bedes de politiske udvalg og "
    "handicaprådene drøfte visionen og de tre fokusområder for Nordjysk Socialaftale "
    "2023-2024. Tilbagemeldingerne samles af sekretariatet og bruges til at tilrettelægge "
    "drøftelserne på dagen."
)
SENT_ON = datetime(2022, 4, 20, 9, 30)  # naive UTC, as the services keep time: "April 2022"
DEADLINE_DAY = date(2022, 5, 20)

# Per focus area (demo_data.FOCUS_AREAS) one question after the two general ones from the
# template: the committees answered per focus area, so the document groups them so.
FOCUS_AREA_QUESTIONS = {
    "Fokus på psykiatrien":
        "Fokus på psykiatrien: Hvilken politisk retning ønskes der, og er der forslag til "
        "fælleskommunale initiativer?",
    "Fokus på borgere der bliver ældre":
        "Fokus på borgere der bliver ældre: Hvilken politisk retning ønskes der, og er der "
        "forslag til fælleskommunale initiativer?",
    "Effektive og vidensbaserede indsatser":
        "Effektive og vidensbaserede indsatser: Hvilken politisk retning ønskes der, og er "
        "der forslag til fælleskommunale initiativer?",
}

# (body, organisation) -> one text per question, in the round's order: egenmestring,
# samarbejde, then the three focus areas. "" leaves the question blank, as committees do.
ANSWERS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Socialudvalget", "Aalborg Kommune"): (
        "- Egenmestring skal fortsat være det bærende princip, men det skal måles på, om "
        "borgeren selv oplever at have fået mere kontrol over sin hverdag.\n"
        "- Udvalget ønsker, at egenmestring også omfatter retten til at sige fra og vælge "
        "anderledes end fagpersonerne anbefaler.\n"
        "- Recovery-tankegangen fra socialpsykiatrien bør bredes ud til handicapområdet.",

        "- Køb og salg af pladser og de fælles takstprincipper skal fortsat aftales i "
        "fællesskab.\n"
        "- Højt specialiserede tilbud til små målgrupper giver kun mening at drive på tværs "
        "af kommunerne.\n"
        "- Den daglige visitation og opfølgning på den enkelte borger hører hjemme i den "
        "enkelte kommune.",

        "- Aalborg ser en markant stigning i antallet af unge med angst, depression og "
        "selvskade og ønsker, at den tidlige indsats prioriteres politisk.\n"
        "- Udvalget foreslår et fælles nordjysk netværk for de kommunale akutteams, så "
        "erfaringerne deles.\n"
        "- Samarbejdet med behandlingspsykiatrien om udskrivning skal være mere forpligtende "
        "end i dag.",

        "- Borgere med udviklingshæmning lever længere, og bostederne er ikke indrettet til "
        "den pleje, de får brug for.\n"
        "- Udvalget foreslår fælles kompetenceudvikling om demens hos borgere med handicap "
        "for både pædagoger og social- og sundhedsassistenter.",

        "- Vi skal vide mere om, hvad vi får for pengene. Udvalget ønsker et fælles sæt af "
        "effektmål for de højt specialiserede tilbud.\n"
        "- Metoder, der har vist effekt i én kommune, bør afprøves i flere, før der "
        "udvikles nye.",
    ),
    ("Handicaprådet", "Hjørring Kommune"): (
        "Handicaprådet bakker op om egenmestring som vision, men minder om, at ikke alle "
        "borgere kan mestre alt selv. Visionen må ikke blive en spareøvelse, hvor støtten "
        "trækkes tilbage for tidligt.\n\n"
        "Rådet ønsker, at borgerens egne mål skrives ind i handleplanen med borgerens egne "
        "ord.",

        "",

        "Rådet er bekymret for ventetiden i børne- og ungdomspsykiatrien, som betyder, at "
        "kommunerne står alene med unge, der ikke kan få en udredning.\n\n"
        "Pårørende til borgere med psykisk sygdom skal inddrages langt tidligere og have "
        "tilbud om pårørendestøtte i alle kommuner.",

        "Ældre borgere med fysisk handicap oplever, at hjælpemidler og boligindretning ikke "
        "følger med, når behovene ændrer sig. Det bør være en fælles opgave at samle viden "
        "om god boligindretning.\n\n"
        "Rådet foreslår, at brugerorganisationerne får en fast plads i de arbejdsgrupper, "
        "der skal udmønte fokusområdet.",

        "Brugerinddragelse skal være en del af, hvordan vi måler effekt: spørg borgerne, "
        "om indsatsen har gjort en forskel i deres liv.",
    ),
    ("Socialudvalget", "Frederikshavn Kommune"): (
        "- Egenmestring skal ses i sammenhæng med beskæftigelse og uddannelse. Et job eller "
        "en meningsfuld aktivitet er for mange den vigtigste vej til et selvstændigt liv.\n"
        "- Velfærdsteknologi kan understøtte egenmestring, hvis den tilpasses den enkelte.",

        "- Vi skal samarbejde om kompetenceudvikling og om at dele specialviden, som ingen "
        "kommune kan holde ved lige alene.\n"
        "- Frederikshavn ønsker selv at tilrettelægge de nære tilbud, fx bostøtte og "
        "værestedstilbud, tæt på borgerens netværk.",

        "- Borgere med dobbeltdiagnoser falder fortsat mellem misbrugsbehandlingen og "
        "psykiatrien. Udvalget ønsker en fælles model for koordinerede forløb.\n"
        "- Der mangler et fælles overblik over pladserne i socialpsykiatrien på tværs af "
        "landsdelen.\n"
        "- Peer-støtte fra mennesker med egne erfaringer bør indgå i flere tilbud.",

        "- Overgangen fra bosted til plejebolig skal planlægges i god tid og sammen med "
        "borgeren og de pårørende.\n"
        "- Udvalget foreslår, at de mindre kommuner kan trække på specialister fra de "
        "større kommuner, når en ældre borger med handicap får komplekse behov.",

        "",
    ),
    ("Socialudvalget", "Læsø Kommune"): (
        "",

        "Som ø-kommune har Læsø ikke mulighed for at drive specialiserede tilbud selv. Det "
        "fælles samarbejde om køb af pladser er derfor helt afgørende for os.\n\n"
        "Vi ønsker, at der tages højde for transporttid og færgeforbindelser, når "
        "tilbuddene placeres.",

        "Borgere med psykiske lidelser på Læsø har lang vej til både behandling og "
        "tilbud. Udvalget foreslår, at samtaler og opfølgning i højere grad kan ske via "
        "video, så borgeren kan blive boende.",

        "",

        "Fælles data om effekt er en god idé, men registreringen må ikke blive tung for små "
        "kommuner med få medarbejdere.",
    ),
    ("Handicaprådet", "Mariagerfjord Kommune"): (
        "1. Egenmestring forudsætter, at borgeren får reel indflydelse på, hvilken støtte "
        "der gives. Rådet ønsker brugerinddragelse skrevet direkte ind i visionen.\n"
        "2. Fællesskaber er en del af egenmestring: ingen klarer sig godt alene. Foreninger "
        "og frivillige bør nævnes i visionen.",

        "1. Fælles kvalitetsstandarder for de højt specialiserede tilbud, så borgeren får "
        "den samme kvalitet uanset bopælskommune.\n"
        "2. Den enkelte kommune skal selv stå for dialogen med det lokale handicapråd om "
        "sine egne tilbud.",

        "1. Flere fællesskaber for mennesker med psykisk sårbarhed, fx ved at styrke "
        "samarbejdet med foreningslivet og de frivillige organisationer.\n"
        "2. Rådet ønsker, at ensomhed blandt borgere i socialpsykiatrien gøres til et "
        "fælles pejlemærke.\n"
        "3. Der bør være et fælles tilbud om efterværn til unge, der har været indlagt.",

        "1. Ældre borgere med udviklingshæmning skal have ret til at blive i deres vante "
        "omgivelser så længe som muligt.\n"
        "2. Tidlig opsporing af aldersrelaterede sygdomme som demens og hjerte-kar-sygdomme "
        "bør være en fælles opgave, fx med et fælles screeningsredskab.",

        "1. Evaluer de initiativer, der blev sat i gang i den forrige socialaftale, før der "
        "vedtages nye.\n"
        "2. Effekt skal også måles på livskvalitet og ikke kun på økonomi.",
    ),
    ("Socialudvalget", "Thisted Kommune"): (
        "Udvalget ønsker at fastholde visionen om egenmestring, men at den gøres mere "
        "konkret med få, tydelige mål, som kommunerne kan følge op på.\n\n"
        "Det er vigtigt, at medarbejderne har tid og kompetencer til at arbejde "
        "rehabiliterende. Det kræver uddannelse og ledelse.",

        "- Rekruttering af fagpersonale er en fælles udfordring, som vi bør løse sammen, fx "
        "gennem fælles introduktionsforløb og samarbejde med UCN.\n"
        "- Udvalget ønsker at bevare det lokale ansvar for myndighedsopgaven.",

        "",

        "- I Thy og på Mors bliver andelen af ældre borgere med handicap større de næste ti "
        "år. Vi har brug for en fælles analyse af, hvilke tilbud der vil mangle.\n"
        "- Personalet på plejecentrene skal have viden om at arbejde med borgere med "
        "udviklingshæmning og autisme.",

        "- Udvalget foreslår fælles benchmarking af udgifterne til de specialiserede "
        "tilbud, så forskellene mellem kommunerne kan forklares.\n"
        "- Takstmodellen bør belønne tilbud, der hjælper borgeren videre til mindre "
        "indgribende støtte.",
    ),
    ("Socialudvalget", "Rebild Kommune"): (
        "- Egenmestring skal starte tidligt. Udvalget ønsker et tydeligere fokus på unge i "
        "overgangen fra barn til voksen.\n"
        "- Digitale værktøjer kan give borgerne mere selvbestemmelse, fx over egne aftaler "
        "og egen plan.\n"
        "- Pårørende er en ressource og skal ses som samarbejdspartnere.",

        "- Det tværsektorielle samarbejde med regionen om borgere med komplekse behov bør "
        "styrkes gennem fælles forløbsbeskrivelser.\n"
        "- Kommunerne skal fortsat selv vurdere, hvilke tilbud de driver lokalt.",

        "- Udvalget ønsker, at den forebyggende indsats over for børn og unge med psykisk "
        "mistrivsel bliver en del af fokusområdet.\n"
        "- Et fælles nordjysk kompetenceforløb om socialpsykiatri for medarbejdere på "
        "bosteder og i bostøtten.",

        "- Fællesskaber og meningsfuldt samvær forebygger ensomhed hos ældre med handicap. "
        "Udvalget foreslår, at kommunerne deler erfaringer med seniorklubber og "
        "bofællesskaber.",

        "- Der skal være et fælles sted, hvor viden om virksomme metoder samles og gøres "
        "let tilgængelig for alle kommuner.\n"
        "- Forskning og praksis skal tættere sammen, fx via samarbejde med Aalborg "
        "Universitet og VIVE.",
    ),
}

# A body that saved a draft and never submitted it: the round shows it as unanswered.
DRAFT = (
    ("Handicaprådet", "Jammerbugt Kommune"),
    ("Rådet drøfter egenmestring på sit møde den 24. maj og vender tilbage.",
     "",
     "- Flere tilbud om bostøtte om aftenen og i weekenden.\n"
     "- Bedre samarbejde med egen læge om borgere med psykisk sygdom.",
     "", ""),
)

# The secretariat's headings per question, in the round's order, and the words that place each
# point under its heading (the themes page's "Flyt" after "Gruppér"): heading -> phrases, each
# a piece of one point's text.
THEMES: tuple[dict[str, tuple[str, ...]], ...] = (
    {"Borgerens egne mål og præmisser": (
        "kontrol over sin hverdag", "retten til at sige fra", "ikke alle borgere kan mestre",
        "handleplanen med borgerens egne ord", "brugerinddragelse skrevet direkte"),
     "Fællesskaber og pårørende": ("ingen klarer sig godt alene", "Pårørende er en ressource"),
     "Unge, uddannelse og job": ("beskæftigelse og uddannelse", "unge i overgangen"),
     "Digitale værktøjer og velfærdsteknologi": ("Velfærdsteknologi", "Digitale værktøjer"),
     "Rehabilitering i praksis": ("Recovery-tankegangen", "få, tydelige mål",
                                  "arbejde rehabiliterende")},
    {"Køb og salg af pladser": ("Køb og salg af pladser", "samarbejde om køb af pladser"),
     "Specialiserede tilbud og kvalitet på tværs": (
         "små målgrupper", "transporttid og færgeforbindelser", "Fælles kvalitetsstandarder"),
     "Kompetencer og rekruttering": ("kompetenceudvikling og om at dele specialviden",
                                     "Rekruttering af fagpersonale"),
     "Tværsektorielt samarbejde med regionen": ("fælles forløbsbeskrivelser",),
     "Det, kommunen selv tager sig af": (
         "daglige visitation", "nære tilbud", "dialogen med det lokale handicapråd",
         "lokale ansvar for myndighedsopgaven", "selv vurdere, hvilke tilbud")},
    {"Tidlig indsats for børn og unge": ("angst, depression og selvskade",
                                         "ventetiden i børne- og ungdomspsykiatrien",
                                         "psykisk mistrivsel"),
     "Sammenhæng med behandlingspsykiatrien": ("udskrivning", "dobbeltdiagnoser"),
     "Tilbudsviften og adgang til tilbud": ("overblik over pladserne", "via video",
                                            "efterværn"),
     "Fællesskaber, pårørende og peers": ("Pårørende til borgere med psykisk sygdom",
                                          "Peer-støtte", "foreningslivet", "ensomhed"),
     "Fælles kompetencer og netværk": ("akutteams", "kompetenceforløb om socialpsykiatri")},
    {"Bolig og overgange": ("bostederne er ikke indrettet", "boligindretning",
                            "fra bosted til plejebolig", "vante omgivelser"),
     "Kompetencer og tidlig opsporing": ("kompetenceudvikling om demens", "screeningsredskab",
                                         "Personalet på plejecentrene"),
     "Specialviden og analyse af behovet": ("trække på specialister", "fælles analyse"),
     "Fællesskaber og inddragelse": ("fast plads i de arbejdsgrupper", "seniorklubber")},
    {"Viden om effekt": ("fælles sæt af effektmål", "registreringen må ikke blive tung",
                         "Evaluer de initiativer"),
     "Effekt set fra borgeren": ("spørg borgerne", "livskvalitet"),
     "Udbrede det, der virker": ("afprøves i flere", "viden om virksomme metoder",
                                 "Forskning og praksis"),
     "Økonomi og takster": ("benchmarking", "Takstmodellen")},
)
