"""The stance rules: which words say support, opposition, conditions or no view, in order.

`STANCE_RULES` are searched in order; the first match in a clause whose view is the
government's decides (`tracker.positions`). So negation and opposition beat conditions,
conditions and demands beat plain support, a missing or deferred view beats support, and
support beats taking note. The labels follow tests/data/positions/README.md: a demand on
the content of a proposal is conditional, a wish or advocacy with no proposal to
condition is support ("acht het van belang dat dit in de Raad aan de orde komt").

`EVALUATIVE_RULES` make a position of a sentence without the government as actor, in the
letter's own voice: "Hierbij is het van belang dat …", "… moet uiteraard gewaarborgd
blijven", "Het is nu aan het Verenigd Koninkrijk", "De EU moet een speler zijn".

Every row carries example sentences it decides and counter-examples it must not decide,
written for other Council formations than the seed letter's; one test reads them all.
"""

from __future__ import annotations

from tracker.rules import gap, rule

SUPPORT = "support"
OPPOSE = "oppose"
CONDITIONAL = "conditional"
NEUTRAL = "neutral"
STANCES = (SUPPORT, OPPOSE, CONDITIONAL, NEUTRAL)

_GAP3, _GAP4, _GAP6, _GAP10 = gap(3), gap(4), gap(6), gap(10)
# What a demand on a proposal's content names: safeguards, conditions, risks, burdens.
_DEMAND_OBJECT = (
    r"(?:waarborg\w*|voorwaarde\w*|garantie\w*|risico\w*|zorg\w*|bezwa\w*|knelpunt\w*"
    r"|gevolgen|uitvoerbaarheid|proportionaliteit|subsidiariteit|lasten\w*|kosten)\b"
)
# "niet uitspreken": holding back a view is no rejection.
_NEG = (
    r"\b(?:niet|geen|nooit)\b(?!-| (?:alleen|enkel|slechts|zozeer|onmogelijk|uitspreken|uitlaten"
    r"|vooruitlopen|vooruit te lopen|uit te spreken|uit te laten)\b)"
)
# "steun" but not the noun of aid: "steunmaatregelen", "het steunpakket", "de steunregeling".
_STEUN = r"steun(?!maatregel|regeling|pakket|fonds|programma|kader|bedrag|aanvra|verlening)\w*"
_SUPPORT_WORD = (
    r"(?:" + _STEUN + r"|ondersteun\w*|instem\w*|in (?:\w+ ){0,2}?stemmen"
    r"|akkoord\b(?! over| te (?!gaan\b))"
    r"|aanvaard\w*|accepte\w*|verwelkom\w*|onderschrij\w*|voorstander\w*|vinden in|positief"
    r"|eens (?:met|zijn)\b|mee(?:gaan|gegaan| te gaan| in| met)\b|(?:zich )?(?:verenigen|scharen)\b"
    r"|aan(?:sluiten| te sluiten)\b|leven met\b|(?:mede)?ondertek\w*)"
)
_BAD = (
    "onverstandig prematuur voorbarig ongewenst onnodig disproportioneel onevenredig ondoelmatig "
    "ineffectief contraproductief onuitvoerbaar onhaalbaar onrealistisch onverantwoord ongepast "
    "onterecht schadelijk nadelig"
)
_MODAL = r"\b(?:moet|moeten|mag|mogen|dient|dienen)\b"
_MODAL_STEMS = "moet moeten mag mogen dient dienen"
# A word that does not open a relative or adverbial clause ("die", "omdat", "waarbij", …):
# "…, die in juni gereed moet zijn" states a fact, "… dat X moet blijven" a demand.
_CLAUSE_WORD = (
    r"(?!(?:die|om|zodat|omdat|als|indien|wanneer|waarbij|waarin|waarmee|waaraan|waardoor"
    r"|waarvoor|welke|wat|nu)\b)[^ ,;:]+"
)
_OPINION = r"\b(?:vindt|vinden|meent|menen|mening|oordeel|concludeert|concluderen)"
_WEIGHT = r"(?:van (?:\w+ )?belang|belangrijk|wenselijk|essentieel|cruciaal)"
# Who can act in a wish: "van belang dat Mali …", "dat we …", "dat de EU …".
_AGENT = (
    r"(?:[A-Z][\w-]+|(?i:we|wij|nederland|europa|de (?:eu|unie|europese unie|commissie|lidstaten"
    r"|internationale gemeenschap|partijen|raad)))"
)

# What the government presses for ("hecht eraan", "zet erop in", "essentieel dat"), and
# the text under negotiation that the demand is made on ("van belang dat" is a demand
# whatever it names: "conditional: demand").
_PRESS = (
    r"\b(?:hecht\w* (?:er )?(?:\w+ )?(?:aan|eraan)"
    r"|zet\w* (?:\w+ ){0,3}?(?:erop |ervoor )?in(?: op)?"
    r"|(?:erop|ervoor|er (?:\w+ ){0,4}?(?:op|voor)) in(?:zetten|gezet)|inzetten op"
    r"|dring\w* (?:\w+ ){0,3}?erop aan|er (?:\w+ ){0,4}?op aan(?:dringen|gedrongen)"
    r"|wil|willen|wenst|voor(?:te)?stellen"
    r"|stelt (?:\w+ ){0,3}?voor"
    r"|erop (?:\w+ )?aan(?:dringen|gedrongen)|essentieel|cruciaal|noodzakelijk|pleit\w*|gepleit)"
)
_TEXT = (
    r"(?:(?:nieuwe|voorgestelde|herziene|huidige) )?(?:tekst|compromistekst|verordening|richtlijn"
    r"|onderhandelingsdoos|onderhandelingskader"
    r"|voorstel|conclusies|raadsconclusies|mandaat|compromis|herziening|mfk|[\w-]+verordening"
    r"|[\w-]+richtlijn|(?:(?:nieuwe|voorgestelde|herziene) )(?:\w+ )?regels)\b"
)

# "hangt af van de uitkomst van de triloog": waiting, not a condition.
_NOT_OUTCOME = r"(?! (?:de|het) (?:uitkomst|verloop|resultaat|resultaten|afloop)\b)"

# "wil dat de verordening snel wordt aangenomen": a wish for a decision, not a demand on it.
_NOT_ADOPTION = (
    r"(?![^.;]*\b(?:aangenomen|afgerond|vastgesteld|goedgekeurd|in werking|van kracht|snel"
    r"|spoedig|tijdig|dit jaar)\b)"
)

STANCE_RULES = (
    rule(
        "neutral: neither block nor support",
        NEUTRAL,
        "blokkeren blokkeert tegenhouden",
        (
            r"\bniet (?:\w+ )?(?:blokker\w*|tegenhouden)\b[^.;]*?\b(?:maar|en) (?:ook )?niet "
            r"(?:\w+ )?(?:steun\w*|instem\w*|voor stemmen)\b",
        ),
        examples=(
            "Nederland zal de verordening over verpakkingen in de horeca niet blokkeren, maar "
            "ook niet steunen.",
        ),
        counter=("Nederland zal de conclusies over de landbouwmarkten niet blokkeren.",),
    ),
    rule(
        "support: no regret",
        SUPPORT,
        "betreur betreurt betreuren",
        # Double negation: "betreurt het niet dat …" welcomes what happened.
        (r"\bbetreur\w* (?:het )?niet\b",),
        examples=(
            "Het kabinet betreurt het niet dat de Raad het voorstel voor een suikertaks heeft "
            "ingetrokken.",
        ),
        counter=("Het kabinet betreurt dat de Raad geen akkoord heeft bereikt over de taks.",),
    ),
    rule(
        "oppose: negation",
        OPPOSE,
        "niet geen nooit onvoldoende niets",
        (
            _NEG + _GAP3 + _SUPPORT_WORD,
            r"\b(?:steunt|steunen|ondersteunt|ondersteunen|verwelkomt|onderschrijft|aanvaardt"
            r"|accepteert|deelt|delen|steun|ondersteun|verwelkom|onderschrijf|aanvaard|accepteer"
            r"|deel)\b" + _GAP6 + r"niet\b(?!-| (?:alleen|enkel|slechts|langer)\b)",
            r"\bstem(?:t|men)\b" + _GAP4 + r"niet in\b",
            # "niet" closing the clause negates its verb: "steunt het voorstel … niet."
            r"\b(?:steunt|steunen|ondersteunt|ondersteunen|onderschrijft|onderschrijven|deelt|delen"
            r"|verwelkomt|accepteert|aanvaardt|steun|ondersteun|onderschrijf|deel|verwelkom"
            r"|accepteer|aanvaard)\b[^,.;:]*? niet(?=\s*(?:[,.;:]|$))",
            r"\bniet (?:langer |meer |echt )?(?:aanvaardbaar|acceptabel|wenselijk|opportuun|nodig"
            r"|proportioneel|verstandig"
            r"|zinvol|gerechtvaardigd|passend|noodzakelijk|doelmatig|effectief|haalbaar|uitvoerbaar"
            r"|realistisch)\b",
            r"\bziet (?:\w+ ){0,3}?niets in\b",
            r"\bziet (?:\w+ ){0,3}?(?:geen|onvoldoende) (?:noodzaak|meerwaarde|toegevoegde waarde"
            r"|aanleiding|reden)\b",
            r"\bgeen (?:goede?|verstandige?|wenselijke?|geschikte?) (?:idee|plan|basis|instrument"
            r"|oplossing|middel|weg)\b",
            r"\bpast niet (?:\w+ )?(?:binnen|bij)\b",
            # A refusal: "Daartoe is het kabinet niet bereid".
            r"\bniet bereid\b",
        ),
        examples=(
            "Nederland kan niet instemmen met de voorgestelde verlaging van de vangstquota.",
            "Het kabinet steunt de voorgestelde heffing op plastic verpakkingen niet.",
            "Nederland steunt het voorstel voor een Europees minimumloon in deze vorm "
            "uitdrukkelijk niet.",
            "Nederland acht een nieuw Europees schuldinstrument niet wenselijk.",
            "Het kabinet ziet geen noodzaak voor een apart agentschap voor de kapitaalmarktunie.",
            "Het kabinet ziet geen reden om de uitfasering van kolencentrales uit te stellen.",
            "Het kabinet ziet onvoldoende reden om de grenscontroles op te heffen.",
            "Het kabinet ziet niets in een Europese belasting op vermogens.",
            "Nederland vindt een Europees prijsplafond voor elektriciteit geen goed idee.",
            "Het kabinet acht een apart Europees fonds voor de mijnbouw niet zinvol.",
            "Nederland deelt de analyse van de Commissie over de havengelden niet.",
            "Het kabinet kan niet meegaan in het voorstel om de drempels te verlagen.",
            "Het kabinet gaat niet mee in de oproep om de accijnzen te harmoniseren.",
            "Nederland zal zich niet aansluiten bij de verklaring over uitstel van de verordening.",
            "Nederland kan niet leven met de voorgestelde keuring voor oudere bestuurders.",
            "Het kabinet is niet bereid de nationale bankenheffing af te schaffen.",
            "Nederland zal het handvest voor de vrije pers van het voorzitterschap niet "
            "ondertekenen.",
            "Een Europees fonds voor kernfusie acht het kabinet niet langer nodig.",
            "Ik steun het voorstel om de btw-vrijstelling voor kleine ondernemers te beperken "
            "niet.",
            "Ik deel de analyse van de Italiaanse collega niet dat de staalsector een eigen "
            "fonds nodig heeft.",
            "Het kabinet vindt een Europese loterij voor sportfinanciering geen geschikt "
            "instrument.",
            "Nederland heeft in de Raad laten weten niet akkoord te gaan met het schrappen van "
            "de evaluatiebepaling.",
        ),
        counter=(
            "Het kabinet steunt niet alleen het doel, maar ook de voorgestelde aanpak.",
            "Nederland zal de conclusies over de landbouwmarkten niet blokkeren.",
            "Het kabinet wenst zich op dit moment niet uit te spreken over steun aan de "
            "luchtvaartsector.",
        ),
    ),
    rule(
        "oppose: negated complement",
        OPPOSE,
        "vindt vinden meent menen mening oordeel concludeert concluderen constateert constateren",
        (
            _OPINION + r" (?:\w+ ){0,3}?dat\b(?P<cue>[^.;:]*?" + _NEG + r")",
            # A finding that the proposal fails: "constateert dat de heffing niet bijdraagt".
            r"\bconstate(?:ert|ren) (?:\w+ ){0,3}?dat\b(?![^.;:]*\bnog (?:niet|geen)\b)"
            r"(?P<cue_finding>[^.;:]*?" + _NEG + r")",
        ),
        unless=_MODAL
        + r"|\bhoe(?:ft|ven)\b|\bgeen (?:\w+ ){0,2}?bezwa|\bniet (?:onwelwillend|tegen)\b",
        examples=(
            "Het kabinet vindt dat de doelstelling van de verordening met dit voorstel niet "
            "wordt behaald.",
            "Nederland is van mening dat de voorgestelde heffing niet in verhouding staat tot "
            "het doel.",
            "Het kabinet meent dat er geen noodzaak is voor een nieuw Europees agentschap.",
            "Het kabinet constateert dat het voorgestelde keurmerk de consument geen betere "
            "informatie geeft.",
        ),
        counter=(
            "Het kabinet vindt dat de lasten voor boeren niet mogen stijgen.",
            "Het kabinet is van mening dat er geen bezwaar is tegen de verlenging.",
            "Het kabinet vindt dat het voorstel niet alleen de industrie maar ook burgers "
            "ten goede komt.",
            "Het kabinet constateert dat de lidstaten nog geen overeenstemming hebben bereikt.",
        ),
    ),
    rule(
        "oppose: objection",
        OPPOSE,
        "tegen tegengestemd wijst afwijzen afwijst afgewezen verwerpt verwerpen verworpen verzet "
        "onaanvaardbaar onacceptabel onwenselijk bezwaar blokkeren blokkeert onverenigbaar "
        "strijdig strijd hand moeite negatief waarschuwt waarschuwen waarschuwde gewaarschuwd",
        (
            r"\b(?:stemt|stemmen|stemde|stemden|zal|zullen) tegen(?: stemmen)?\b",
            r"\btegengestemd\b|\btegen" + _GAP6 + r"gestemd\b",
            # "stemde samen met Denemarken tegen …", not "stemt in met maatregelen tegen …"
            r"\bstem(?:t|men|de|den) (?:(?!(?:in|voor|met de) )[^ ,.;:]+ ){0,6}?tegen\b",
            r"\btegen" + _GAP6 + r"stemmen\b",
            r"\btegenstem\w*|\btegenstander\w*|\b(?:is|blijft|zijn|blijven) (?:\w+ )?tegen\b",
            r"\bwijst\b[^,.;:]*? af\b|\bafwijz\w*|\bafgewezen\b",
            r"\bonverenigbaar\b|\b(?:strijdig|in strijd) met\b",
            r"\bzich\b(?: [^ ,.;:]+){0,8}? tegen\b[^,.;:]*?\buit(?:gesproken|spreken)\b",
            r"\b(?:spreekt|spreken|sprak|spraken) zich (?:\w+ ){0,4}?uit tegen\b",
            r"\bverwerp\w*|\bverworpen\b|\bverzet zich\b(?! niet)|\bzich (?:er )?tegen verzet",
            r"\bzich\b[^,.;:]*? tegen\b[^,.;:]*? verzetten\b|\bvan de hand\b|\bmoeite met\b",
            r"\bzich (?:\w+ ){0,3}?verzet(?:ten)? tegen\b|\bnegatief (?:tegenover|over)\b",
            r"\bkeer\w* zich (?:\w+ ){0,3}?tegen\b",
            r"\bonaanvaardbaar\b|\bonacceptabel\b|\bonwenselijk\b",
            r"\bbezwa(?:ar|ren)\b|\bblokker\w*",
            r"\b(?:waarschuw\w*|gewaarschuwd) (?:\w+ ){0,4}?tegen\b",
        ),
        unless=r"\bgeen (?:\w+ ){0,2}?bezwa|\bniet (?:\w+ )?(?:tegen|blokker|verzet|negatief)"
        r"|\bniet (?:in )?strijd",
        examples=(
            "Nederland zal in de Raad tegen de verordening over de verpakkingen stemmen.",
            "Het kabinet wijst een Europese werkloosheidsverzekering af.",
            "Het kabinet wijst het voorstel voor een Europese heffing op digitale diensten van "
            "grote platforms in deze vorm af.",
            "Nederland acht het doorzoeken van versleutelde berichten onverenigbaar met het "
            "briefgeheim.",
            "Nederland heeft zich samen met Denemarken tegen de verruiming van de quota "
            "uitgesproken.",
            "Het kabinet zal zich tegen een Europese belasting op vermogen blijven verzetten.",
            "Het kabinet wijst de verplichting om voorraden aan te leggen van de hand.",
            "Nederland heeft moeite met het voorstel om de middelen voor cohesie te verschuiven.",
            "Nederland en Denemarken hebben zich verzet tegen de verlenging van de uitzondering.",
            "Het kabinet staat negatief tegenover een Europese belasting op kerosine.",
            "Het kabinet keert zich tegen een verplichte verdeling van asielzoekers.",
            "Nederland heeft samen met Oostenrijk tegen de conclusies gestemd.",
            "Nederland stemde samen met Zweden tegen de verruiming van de quota.",
            "Nederland stemde samen met Zweden en Denemarken tegen de verhoging van de quota.",
            "Het kabinet heeft principiële bezwaren tegen het voorstel voor eigen middelen.",
            "De staatssecretaris heeft in de Raad gewaarschuwd tegen het oprekken van de "
            "begrotingsregels voor defensie-uitgaven.",
        ),
        counter=(
            "Het kabinet heeft geen bezwaar tegen de verlenging van de termijn.",
            "Nederland stemt in met de maatregelen tegen belastingontwijking.",
            "Het kabinet heeft zich uitgesproken voor maatregelen tegen witwassen.",
            "De Commissie waarschuwt tegen een versnippering van de nationale steunregelingen.",
        ),
    ),
    rule(
        "oppose: regret",
        OPPOSE,
        "betreur betreurt betreuren teleurgesteld teleurstellend",
        (r"\bbetreur\w*|\bteleurgesteld\b|\bteleurstell\w*",),
        examples=(
            "Het kabinet betreurt dat de Raad de afspraken over de visserijquota heeft afgezwakt.",
            "Ik betreur, maar respecteer, de uitkomst van de stemming in het Europees Parlement.",
        ),
        counter=("De Commissie betreurt de vertraging bij de omzetting door de lidstaten.",),
    ),
    rule(
        "oppose: at odds with the aim",
        OPPOSE,
        "ligt liggen staat staan wijkt wijken niet strookt ver",
        (
            r"\b(?:ligt|liggen|staat|staan) (?:\w+ ){0,2}?ver (?:af )?van\b",
            r"\bver (?:af )?(?:ligt|liggen|staat|staan) van\b",
            r"\b(?:wijkt|wijken) (?:\w+ ){0,3}?af van\b",
            r"\bniet (?:\w+ )?in lijn met\b|\bstrookt niet met\b",
        ),
        examples=(
            "Het compromis ligt ver af van de Nederlandse inzet voor een sobere begroting.",
            "Het voorstel wijkt op essentiële punten af van de kabinetsinzet.",
        ),
        counter=("Het compromis is in lijn met de Nederlandse inzet.",),
    ),
    rule(
        "conditional: condition",
        CONDITIONAL,
        "mits tenzij voorwaarde voorbehoud behandelvoorbehoud studievoorbehoud zoverre zover "
        "alleen beginsel principe maar echter uitsluitend uitzondering uitzonderingen hangt hangen "
        "afhangen afhangt afhankelijk",
        (
            r"\bmits\b|\btenzij\b|\b(?:op|onder) (?:\w+ )?voorwaarden?\b"
            r"|(?<!zonder )(?<!zonder verdere )(?<!zonder nadere )\bvoorwaarde\w*",
            r"\balleen\b"
            + _GAP4
            + r"(?:instem\w*|"
            + _STEUN
            + r"|akkoord\w*|aanvaard\w*|zinvol|mogelijk"
            r"|aanvaardbaar|acceptabel|denkbaar|wenselijk|haalbaar|verantwoord)[^.;]*?"
            r"\b(?:als|indien|wanneer)\b",
            r", (?:maar |dan )?(?:alleen|uitsluitend) "
            r"(?:binnen|onder|als|indien|wanneer|met|bij)\b",
            r"(?<!zonder )(?<!zonder enig )\bvoorbehoud\w*|\bin zoverre\b"
            r"|\bvoor zover (?:het|dit|dat|deze|de|die|er)\b",
            r"\bin (?:beginsel|principe)\b",
            # A reserve of one's own ("plaatst een behandelvoorbehoud"), not "het
            # behandelvoorbehoud van de Eerste Kamer".
            r"\b(?:plaats\w*|geplaatst|heeft|hebben|maakt|maken|handhaaft|houdt)\b[^.;]*?"
            r"\b\w+voorbehoud\b(?! van\b)",
            r"\bop zich(?:zelf)?\b[^.;]*?, (?:maar|echter)\b",
            # An exception asked for: "voorstander van een verbod, met uitzonderingen voor …".
            r"\bmet (?:\w+ )?uitzondering(?:en)? (?:voor|van)\b",
            # Support that depends on something: "hangt af van de vraag of …", "maakt zijn
            # instemming afhankelijk van …"; waiting for an outcome is no view yet.
            r"(?:\bhang\w* (?:\w+ ){0,8}?af|\bafhang\w*|\b(?:maakt|maken|stelt|stellen) "
            r"(?:\w+ ){0,6}?afhankelijk) van\b" + _NOT_OUTCOME,
        ),
        examples=(
            "Nederland steunt de algemene oriëntatie over de ontbossingsverordening, mits de "
            "uitvoeringslasten beperkt blijven.",
            "Het kabinet verwelkomt in beginsel het voorstel voor een Europese spaarunie.",
            "Nederland heeft een parlementair behandelvoorbehoud bij de verordening geplaatst.",
            "Of Nederland de verklaring over de kernenergie ondertekent, hangt af van de "
            "financiering die de Commissie voor nieuwe reactoren voorstelt.",
            "Het kabinet maakt zijn instemming afhankelijk van een evaluatiebepaling in de "
            "verordening.",
            "Het kabinet is voorstander van een verbod op PFAS, met uitzonderingen voor "
            "essentiële toepassingen.",
            "Het kabinet staat open voor een Europees fonds voor defensie, maar alleen binnen de "
            "bestaande kaders.",
            "Nederland zal aangeven dat een Europese aanpak alleen zinvol is als de kosten "
            "eerlijk worden verdeeld.",
            "Het kabinet is het op zichzelf eens met de richting, maar de uitwerking is nog "
            "onvoldoende.",
        ),
        counter=(
            "Conform de afspraken naar aanleiding van het behandelvoorbehoud van de Eerste Kamer "
            "deelt het kabinet de onderzoeken.",
            "De Raad stelt in beginsel twee keer per jaar de begrotingsruimte vast, zoals de "
            "regering heeft voorgesteld.",
            "Nederland kan de verklaring over de rechten van het kind zonder voorbehoud "
            "onderschrijven.",
            "Het kabinet laat zijn oordeel over de ruimtevaartwet afhangen van de uitkomst van "
            "de triloog.",
        ),
    ),
    rule(
        "conditional: support if",
        CONDITIONAL,
        "steun steunt steunen instem instemmen akkoord aanvaard accepte bereid open",
        (
            # Support with a condition after it: "te steunen, indien de controle wordt versterkt".
            r"\b(?:" + _STEUN + r"|instem\w*|akkoord|aanvaard\w*|accepte\w*|bereid|staat open)\b"
            r"[^.;]*?,? "
            r"(?:indien|wanneer|zolang|als (?:de|het|er|dit|deze|die|daarbij|hierbij))\b",
        ),
        also="indien wanneer zolang als",
        examples=(
            "Nederland is bereid de verlenging van het mandaat te steunen, indien de "
            "rapportage aan de Raad wordt verbeterd.",
            "Nederland zal akkoord gaan met de conclusies als de verwijzing naar de "
            "mensenrechten behouden blijft.",
            "Het kabinet staat open voor nieuwe eigen middelen, zolang de Nederlandse afdracht "
            "niet stijgt.",
        ),
        counter=("Nederland steunt het voorstel als belangrijke stap naar een gelijk speelveld.",),
    ),
    rule(
        "conditional: support, but",
        CONDITIONAL,
        "steun steunt steunen ondersteunt instemmen verwelkomt onderschrijft positief eens "
        "leven open vinden staat deelt delen niet geen",
        (
            r"\b(?:"
            + _STEUN
            + r"|ondersteun\w*|instem\w*|in te stemmen|verwelkom\w*|onderschrij\w*"
            r"|positief|eens met|leven met|staat open|staat achter|vinden in|deelt|delen"
            r"|niet (?:\w+ )?tegen|geen (?:\w+ ){0,2}?bezwa\w*"
            r"|zich (?:\w+ ){1,4}?vinden)\b[^.;]*?"
            r", (?:maar|echter)\b"
            r"(?! ook\b)",
        ),
        also="maar echter",
        examples=(
            "Het kabinet kan de verordening steunen, maar wil dat de nationale bevoegdheid over "
            "de netten behouden blijft.",
            "Nederland verwelkomt de strategie, maar ziet graag meer aandacht voor de "
            "uitvoeringslasten.",
            "Het kabinet kan zich vinden in de hoofdlijnen van de mededeling, maar ziet ruimte "
            "voor verbetering bij de uitvoering.",
            "Nederland steunt de inzet, maar wil voorkomen dat de nieuwe regels tot extra "
            "inspecties leiden.",
            "Het kabinet staat achter het doel, maar vindt de voorgestelde boetes "
            "disproportioneel hoog.",
            "Het kabinet kan zich in de richting vinden, maar mist een goede onderbouwing.",
            "Nederland is niet tegen een gezamenlijke inkoop van vaccins, maar wil eerst weten "
            "wie de aansprakelijkheid draagt.",
            "Het kabinet deelt het doel van de digitale productpaspoorten, maar vreest hoge "
            "kosten voor kleine fabrikanten.",
        ),
        counter=(
            "Het kabinet steunt niet alleen het doel, maar ook de voorgestelde aanpak.",
            "Er is geen debat voorzien, maar het voorzitterschap hoopt op een akkoord dat "
            "Nederland kan steunen.",
        ),
    ),
    rule(
        "oppose: a bad idea",
        OPPOSE,
        _BAD + " verkeerd verkeerde",
        # A negative judgement of one's own: "acht het prematuur", "vindt het onverstandig";
        # not of a limit set in a demand ("mag niet onevenredig zijn").
        (
            r"\b(?:" + _BAD.replace(" ", "|") + r")\b",
            # "beschouwt het kabinet als een verkeerde weg"
            r"\bverkeerde? (?:weg|keuze|richting|signaal|stap|aanpak|oplossing)\b",
        ),
        unless=_MODAL + r"|\bte (?:\w+ )?(?:voorkomen|vermijden)\b",
        examples=(
            "Het kabinet acht het prematuur om de steun aan de sector af te bouwen.",
            "Het kabinet vindt het onverstandig om de invoering van het ETS2 uit te stellen.",
            "Het kabinet acht ruime staatssteun schadelijk voor het gelijk speelveld.",
            "Een verplichte Europese quotering voor streamingdiensten ziet het kabinet als de "
            "verkeerde aanpak.",
        ),
        counter=(
            "Het kabinet vindt dat de lasten voor bedrijven niet onevenredig mogen stijgen.",
            "De Commissie acht het voorstel van het Parlement onuitvoerbaar.",
        ),
    ),
    rule(
        "oppose: avoid",
        OPPOSE,
        "wil willen wenst wensen",
        (
            r"\b(?:wil|willen|wenst|wensen) (?:\w+ ){0,3}?(?:vermijden|voorkomen)\b",
            r"\b(?:wil|willen|wenst|wensen) niet dat\b|\b(?:wil|willen|wenst|wensen) geen\b",
        ),
        examples=(
            "Het kabinet wil vermijden dat de Nederlandse afdracht verder stijgt.",
            "Nederland wil niet dat de landbouwbegroting wordt gebruikt voor andere doelen.",
            "Het kabinet wil geen nieuw Europees fonds voor de visserij.",
        ),
        counter=("Het kabinet zet zich in om een stijging van de afdracht te voorkomen.",),
    ),
    rule(
        "conditional: concern",
        CONDITIONAL,
        "kritisch zorg zorgen zorgpunt bezorgd kanttekening vraagteken vragen vraagt aandacht "
        "risico ontbreekt ontbreken helaas lastig onvoldoende behoeft behoeven twijfel "
        "terughoudend sceptisch bedenking bedenkingen vindt vinden acht achten mist missen "
        "ontbeert ver",
        (
            r"\bkritisch\w*|\bterughoudend(?:er)?\b|\bsceptisch\w*|\btwijfel\w*|\bbezorgd\w*",
            r"\bzorgen (?:over|bij|om|heeft|hebben|uit)\b|\bzorg (?:over|bij|om)\b|\bzorgpunt\w*",
            r"\b(?:heeft|hebben|maakt|maken|deelt|delen|uit|uiten|blijft|blijven)"
            + _GAP3
            + r"zorgen\b(?! (?:dat|voor|ervoor)\b)",
            r"\bkanttekening\w*|\bvraagteken\w*|\bvragen bij\b|\bbedenking\w*",
            r"\b(?:vindt|vinden|acht|achten)\b[^.;]*? te (?:kort|krap|lang|ruim|beperkt|hoog|laag"
            r"|zwaar|vergaand|smal|breed|vaag|onduidelijk|complex|ingewikkeld|snel|traag)\b",
            # Attention asked for a safeguard or a risk is a demand on the text; for a
            # topic of one's own ("de aanpak van arbeidsuitbuiting") it is advocacy.
            r"\b(?:aandacht (?:\w+ ){0,2}?(?:vragen|vraagt|vraag)|vraagt (?:\w+ ){0,4}?aandacht)"
            r" (?:voor|bij) (?:\w+ ){0,3}?" + _DEMAND_OBJECT,
            r"\baandachtspunt\w*",
            r"\brisico'?s?\b" + _GAP3 + r"(?:gezien|ziet|zien)\b",
            r"\b(?:ziet|zien)\b[^.;,]*?\brisico",
            r"\b(?:ontbreekt|ontbreken) (?:echter|helaas|nog)\b|\bhelaas\b|\blastig\b",
            r"\bonvoldoende\b|\bbehoeft\b|\bbehoeven\b|\bmist\b|\bmissen\b|\bontbeert\b",
            r"\b(?:gaat|gaan|ging|gingen) (?:[^ ,.;:]+ ){0,6}?te ver\b"
            r"|\bte ver (?:gaat|gaan|ging|gingen)\b",
        ),
        examples=(
            "Het kabinet is kritisch over het voorstel om de landbouwsteun te verlagen.",
            "Nederland heeft zorgen over de uitvoerbaarheid van de rapportageplicht voor het mkb.",
            "Het kabinet plaatst kanttekeningen bij de voorgestelde uitzonderingen in de "
            "staatssteunkaders.",
            "Nederland heeft bedenkingen bij de voorgestelde uitzondering voor kleine banken.",
            "Het kabinet vindt de voorgestelde overgangstermijn voor de nieuwe etiketten te kort.",
            "Het kabinet mist in het voorstel een analyse van de gevolgen voor gemeenten.",
            "Het kabinet vindt dat de voorgestelde meldplicht voor kleine webwinkels te ver gaat.",
            "Het kabinet ziet in de kortere aanbestedingstermijnen een aanzienlijk risico voor "
            "kleine aannemers.",
        ),
        counter=(
            "Het kabinet zal ervoor zorgen dat de richtlijn tijdig wordt omgezet.",
            "Het kabinet zal aandacht vragen voor de aanpak van arbeidsuitbuiting.",
            "Het kabinet acht het te vroeg om over de verlenging te beslissen.",
            "Het kabinet roept alle partijen op tot terughoudendheid.",
        ),
    ),
    rule(
        "conditional: demand on the text",
        CONDITIONAL,
        "hecht hechten zet zetten inzetten ingezet dringt dringen aandringen aangedrongen "
        "essentieel cruciaal noodzakelijk pleit pleiten gepleit wil willen wenst voorstellen "
        "voorstelt stelt ervoor erop",
        (
            # What the government presses for, said to be in (or out of) the text under
            # negotiation, or of that text itself: a demand on its content, not advocacy.
            _PRESS + r"\b[^.;]*?\b(?:in|uit|onderdeel (?:\w+ )?van) (?:de|het) "
            r"(?:onderhandelingen over (?:de|het) )?" + _TEXT,
            _PRESS + r" dat (?:in |bij )?(?:de|het) " + _TEXT + _NOT_ADOPTION,
            # That something be kept, safeguarded or cut: "erop aandringen dat de korting
            # behouden blijft".
            _PRESS + r" dat\b[^.;]*?\b(?:behouden|gewaarborgd|geborgd|geschrapt|verankerd"
            r"|afgebakend|begrensd|gerespecteerd|ontzien|rekening (?:\w+ ){0,2}?gehouden)\b",
        ),
        examples=(
            "Het kabinet hecht eraan dat in de Raadsconclusies over Libanon expliciet wordt "
            "verwezen naar de resolutie van de Veiligheidsraad.",
            "Nederland zet in op het opnemen van een evaluatiebepaling in de richtlijn.",
            "Nederland zal erop aandringen dat de noodremprocedure in de tekst strikt begrensd "
            "blijft.",
            "Het kabinet zet erop in dat de verordening ruimte laat voor nationale "
            "stikstofmaatregelen.",
            "Het kabinet zet zich ervoor in dat in de onderhandelingsdoos een plafond voor de "
            "uitgaven wordt opgenomen.",
            "Voor Nederland is essentieel dat de herziene richtlijn de nationale "
            "pensioenstelsels ontziet.",
            "Nederland wil dat in de tekst duidelijker wordt vastgelegd wanneer een uitzondering "
            "geldt.",
            "Nederland zal voorstellen om in de tekst een uitzondering voor kleine boeren op te "
            "nemen.",
            "Het kabinet zal erop blijven aandringen dat de Nederlandse korting behouden blijft.",
            "Nederland zal erop aandringen dat bij de verdeling van de vaccins rekening wordt "
            "gehouden met de omvang van de bevolking.",
            "Het kabinet wil dat de landbouwsubsidies vaker aan natuurdoelen worden gekoppeld en "
            "zal dat in de onderhandelingen over het MFK ook inbrengen.",
        ),
        counter=(
            "Het kabinet zet in op een ambitieuze uitkomst van de klimaatconferentie.",
            "Het kabinet hecht eraan dat de EU eensgezind blijft optreden tegenover Rusland.",
            "Nederland pleit voor een snelle afronding van de onderhandelingen over de "
            "verordening.",
            "Het kabinet pleit voor een uitbreiding van het mandaat van Europol.",
            "Het kabinet wil dat de Unie haar afhankelijkheid van Chinese grondstoffen afbouwt.",
            "Het kabinet wil dat de verordening nog dit jaar wordt aangenomen.",
        ),
    ),
    rule(
        "support: requirements met",
        SUPPORT,
        "voldoende",
        (
            r"\bvoldoende (?:\w+ ){0,2}?(?:gewaarborgd|geborgd|geadresseerd|geregeld"
            r"|meegenomen|tegemoetgekomen|ondervangen|in lijn)\b",
        ),
        unless=r"\bniet (?:\w+ )?voldoende\b",
        examples=(
            "De zorgen van Nederland over de uitvoeringslasten zijn volgens het kabinet "
            "voldoende geadresseerd in de compromistekst.",
            "Het kabinet is van mening dat de Raadspositie voldoende in lijn is met de "
            "Nederlandse inzet.",
        ),
        counter=(
            "Het kabinet vindt dat de privacy in het voorstel niet voldoende is gewaarborgd.",
            "Het kabinet acht de waarborgen onvoldoende geregeld.",
        ),
    ),
    rule(
        "support: a wish to discuss or decide",
        SUPPORT,
        "belang belangrijk wenselijk essentieel cruciaal",
        (
            r"\b" + _WEIGHT + r"\b[^.;]*?\b(?:aan de orde (?:komt|komen|te stellen|stellen)"
            r"|op de agenda|geagendeerd|agender\w*)",
            r"\b" + _WEIGHT + r" (?:\w+ ){0,3}?tot (?:\w+ ){0,3}?(?:besluit\w*|akkoord|"
            r"overeenstemming|resultaat)\b[^.;,]*?\b(?:te komen|komt|komen)\b",
        ),
        unless=r"\b(?:hierbij|daarbij|hiervoor|daarvoor|hierin|daarin)\b",
        examples=(
            "Het kabinet acht het van belang dat de situatie in Georgië tijdens de Raad aan de "
            "orde komt.",
            "Nederland vindt het belangrijk om snel tot een besluit over het sanctiepakket te "
            "komen.",
        ),
        counter=(
            "Het kabinet acht het daarbij van belang dat de waarborgen in de tekst worden "
            "versterkt.",
        ),
    ),
    rule(
        "support: no delay",
        SUPPORT,
        "uitgesteld vertraagd opgeschort",
        # "De besluitvorming mag niet worden uitgesteld": a wish for a decision, no demand
        # on the text's content.
        (
            r"\b(?:besluitvorming|besluit|akkoord|onderhandelingen|afronding|vaststelling"
            r"|aanneming|invoering)\b[^.;,]*?\bniet (?:langer |verder )?(?:mag|mogen|moet|moeten) "
            r"(?:worden )?(?:uitgesteld|vertraagd|opgeschort)\b",
        ),
        examples=(
            "Het kabinet vindt dat de afronding van het akkoord over de kapitaalmarkten niet "
            "langer mag worden uitgesteld.",
        ),
        counter=(
            "Het kabinet vindt dat de bouw van windparken niet mag worden vertraagd door "
            "nieuwe vergunningseisen.",
        ),
    ),
    rule(
        "support: a wish that someone acts",
        SUPPORT,
        "belang belangrijk wenselijk essentieel cruciaal",
        (
            r"(?i:\b" + _WEIGHT + r") (?i:dat) (?P<cue>" + _AGENT + r"(?: [\w-]+)*?)"
            r"(?<! is)(?<! zijn)(?=[,.;]|$)",
        ),
        unless=r"\b(?:hierbij|daarbij|hiervoor|daarvoor|hierin|daarin)\b|"
        + r"\b(?:wordt|worden|blijft|blijven|moet|moeten|mag|mogen|dient|dienen)\b",
        cased=True,
        examples=(
            "Het kabinet acht het van belang dat Moldavië de hervormingen van de rechtsstaat "
            "voortzet.",
            "Ik vind het belangrijk dat we actief deelnemen aan het debat over de toekomst van "
            "de interne markt.",
        ),
        counter=(
            "Het kabinet acht het van belang dat de regels voor het mkb eenvoudiger worden.",
            "Het kabinet vindt het van belang dat een nieuw kader de terugkeer vereenvoudigt.",
        ),
    ),
    rule(
        "conditional: demand",
        CONDITIONAL,
        "belang belangrijk graag erop waarborg gewaarborgd zaak voorop inzet",
        (
            # Not "een belangrijk instrument": an attribute is praise, not a demand.
            r"\bvan belang\b|(?<!een )(?<!zeer )\bbelangrijk\b"
            r"|\bvan (?:groot|bijzonder|wezenlijk) belang (?:is )?(?:dat|om)\b",
            r"\bziet (?:\w+ ){0,3}?graag\b|\bgraag (?:\w+ )?zien\b",
            r"\berop gericht dat\b|\bwaarborg\w*|\bgewaarborgd\b|\bzaak (?:dat|om)\b",
            r"\binzet (?:\w+ ){0,4}?is dat\b",
            r"\bstaat (?:\w+ )?voorop\b",
        ),
        examples=(
            "Het kabinet acht het van belang dat de uitzondering voor kleine vissers in de "
            "tekst behouden blijft.",
            "Nederland ziet graag een evaluatiebepaling in de verordening opgenomen.",
            "Voor het kabinet staat voorop dat de nieuwe regels uitvoerbaar zijn voor de douane.",
            "Inzet van het kabinet is dat de nieuwe eigen middelen eerlijk en uitvoerbaar zijn.",
            "Het kabinet acht het van groot belang dat de uitzondering voor de binnenvaart in de "
            "richtlijn overeind blijft.",
        ),
        counter=(
            "Het kabinet hecht groot belang aan een gelijk speelveld in de Unie.",
            "Het kabinet ziet de waterstofbank als een belangrijk instrument voor de "
            "verduurzaming.",
        ),
    ),
    rule(
        "support: the EU's course",
        SUPPORT,
        "vindt vinden meent menen mening oordeel",
        (
            # Normative "moet" of the Union's course, in the government's opinion: no text to
            # condition ("vindt dat de EU haar leidende rol moet behouden").
            _OPINION + r" (?:\w+ ){0,3}?dat (?:de |het )?(?:eu|unie|europese unie|europa)\b"
            r"(?P<cue>[^.;,]*?" + _MODAL + r")",
        ),
        examples=(
            "Het kabinet is van mening dat de EU haar leidende rol in de klimaatonderhandelingen "
            "moet behouden.",
        ),
        counter=("Het kabinet vindt dat de verordening ruimte moet laten voor nationaal beleid.",),
    ),
    rule(
        "conditional: normative modal",
        CONDITIONAL,
        _MODAL_STEMS,
        (
            rf"(?:^|[,;:] )(?:{_CLAUSE_WORD} ){{0,20}}?"
            rf"(?P<cue>{_MODAL}(?: {_CLAUSE_WORD}){{0,10}}? (?:zijn|worden|blijven)\b)",
            rf"(?:^|[,;:] )(?:{_CLAUSE_WORD} ){{0,20}}?"
            rf"(?P<cue_te>\bdien(?:t|en)\b(?: {_CLAUSE_WORD}){{0,10}}? te [a-z]+\b)",
            rf"\b(?:vindt|vinden|meent|menen|mening) (?:\w+ ){{0,3}}?dat\b[^.;]*?{_MODAL}",
        ),
        examples=(
            "Het kabinet vindt dat de Commissie de gevolgen voor de visserij beter moet "
            "onderbouwen.",
            "Volgens het kabinet dienen we de subsidiariteit van elk voorstel opnieuw te toetsen.",
        ),
        counter=(
            "Het kabinet zal uw Kamer informeren over de evaluatie, die in juni gereed moet zijn.",
        ),
    ),
    rule(
        "neutral: no view yet",
        NEUTRAL,
        "nog onthoudt onthouden onthouding onthield onthielden wacht afwachten beraadt "
        "bestudeert bestuderen merites gedachtebepaling gedachtevorming standpuntbepaling "
        "oordeelsvorming bestudering beraad overweging beziet vroeg bekijkt studie overleg gesprek "
        "bezien verdere nadere bezint bezinnen beraden beoordelen bekijken wegen standpunt "
        "positie oordeel vooruitlopen vooruitloopt laat laten interventie inbreng visie opvatting "
        "mening voorkeur vroeg uitspreken uitlaten spreken hangt afhangen afhangt afhankelijk",
        (
            r"\bnog geen (?:\w+ ){0,2}?(?:standpunt|positie|\w*oordeel|appreciatie|besluit|afweging"
            r"|keuze|visie|opvatting|mening|voorkeur)\b",
            r"\bgeen (?:\w+ ){0,2}?(?:opvatting|visie) (?:over|ten aanzien|inzake|op|bij)\b"
            r"|\bgeen (?:\w+ ){0,2}?voorkeur\b|\bnog niet\b[^,.;:]*?\b(?:oordeel|standpunt"
            r"|appreciatie)\b"
            r"|\bte vroeg\b|\baf te wachten\b",
            r"\bzich (?:\w+ ){0,4}?niet (?:uit(?:spreken| te spreken|laten| te laten))\b",
            r"\b(?:hang\w* (?:\w+ ){0,8}?af|afhang\w*|afhankelijk) van (?:de|het) "
            r"(?:uitkomst|verloop|resultaat|resultaten|afloop)\b",
            r"\blaat\b[^,.;:]*? over aan\b|\bover te laten aan\b"
            r"|\bgeen (?:\w+ )?(?:interventie|inbreng)\b",
            r"\bnog niet\b[^,.;:]*?\b(?:bepaald|ingenomen|gevormd|vastgesteld|beoorde\w*|bestudeerd"
            r"|uit(?:spreken|gesproken|laten|gelaten)|bespr\w*|besproken"
            r"|bekeken|geanalyseerd|in kaart gebracht|gewogen)\b",
            r"\bgeen (?:\w+ )?(?:standpunt|positie|oordeel)\b(?: \w+){0,4}? (?:ingenomen|bepaald"
            r"|gevormd|innemen|in)\b",
            r"\b(?:verdere|nadere) (?:standpunt|positie|oordeels|gedachte)(?:bepaling|vorming)\b"
            r"|\bbezint\b|\bbezinnen\b|\bberaden\b",
            r"\b(?:beoordelen|bestuderen|bekijken|wegen)\b[^.;]*?\b(?:zodra|nadat)\b",
            r"\bniet vooruit(?:lopen|loopt)\b|\bbekijkt (?:nog|momenteel|op dit moment)\b"
            r"|\bbekijkt (?:\w+ ){0,3}?(?:wat|hoe|of)\b",
            r"\bonthoudt\b|\bonthouden\b|\bonthouding\b|\bonthield(?:en)?\b",
            r"\bwacht\w*\b" + gap(14) + r"af\b|\bafwacht\w*",
            r"\bop (?:hun|zijn|haar) merites\b",
            r"\bberaadt\b|\bbestudeert\b|\bbestuderen\b"
            r"|\bin (?:bestudering|beraad|overweging|studie)\b",
            r"\bnog in (?:overleg|gesprek)\b|\b(?:zal|zullen)\b[^,.;:]*? bezien\b",
            r"\bbeziet (?:nog|momenteel|op dit moment)\b|\bte vroeg (?:om|voor)\b",
            r"\b(?:wordt|worden) (?:nu )?nog (?:\w+ )?(?:bepaald|gevormd|vastgesteld|bezien"
            r"|bestudeerd|beoordeeld)\b",
            r"\b(?:gedachte|standpunt|oordeels|positie)(?:bepaling|vorming)\b[^.;,]*?"
            r"\b(?:voortzetten|voort|loopt|lopen|nog niet afgerond|nog gaande)\b",
        ),
        examples=(
            "Het kabinet heeft nog geen standpunt ingenomen over de herziening van de "
            "tabaksaccijnzen.",
            "Nederland zal zich bij de stemming over de visserijovereenkomst onthouden.",
            "Nederland onthield zich van stemming over de conclusies.",
            "Nederland heeft zich bij de stemming onthouden, omdat het behandelvoorbehoud nog "
            "niet was opgeheven.",
            "Het kabinet heeft het voorstel voor de herziening van de tabaksrichtlijn nog in "
            "bestudering.",
            "Het kabinet beziet nog hoe het voorstel zich verhoudt tot de Omgevingswet.",
            "De Nederlandse positie over de verlenging van de derogatie wordt nog bepaald.",
            "Het kabinet heeft de gevolgen van het voorstel voor de binnenvaart nog niet in kaart "
            "gebracht.",
            "Nederland heeft in de Raad geen standpunt ingenomen over het voorstel.",
            "Het kabinet wil niet vooruitlopen op de uitkomst van de gesprekken met Tunesië.",
            "Het kabinet is nog in overleg met de sector over de gevolgen van het voorstel.",
            "Nederland zal de voorstellen bezien in het licht van de eigen strategie.",
            "Het kabinet neemt op dit moment geen positie in over de verlenging.",
            "Het kabinet zal de uitkomsten betrekken bij zijn verdere standpuntbepaling.",
            "Het kabinet bezint zich nog op de gevolgen voor de gasopslag.",
            "Het kabinet zal zich beraden op de positie ten aanzien van het nieuwe voorstel.",
            "Het kabinet laat de keuze voor de vestigingsplaats over aan de Raad.",
            "Over de verdeling van de middelen wil het kabinet zich nog niet uitspreken.",
            "Nederland zal tijdens de Raad geen interventie plegen.",
            "Het kabinet heeft de mededeling over de ruimtevaart nog niet kunnen bespreken.",
            "Het kabinet zal de voorstellen beoordelen zodra deze zijn gepubliceerd.",
            "De regering zal haar gedachtebepaling over de hervorming van het stabiliteitspact "
            "voortzetten.",
            "Het kabinet heeft geen voorkeur over de vestigingsplaats van het nieuwe agentschap.",
            "Nederland heeft nog geen uitgewerkte visie op de toekomst van het cohesiebeleid.",
            "Het kabinet heeft besloten eerst de effectbeoordeling af te wachten voordat het een "
            "positie inneemt.",
            "De minister wil zich vooralsnog niet uitlaten over de verdeling van de "
            "migratiefondsen.",
            "Het kabinet laat zijn oordeel over de ruimtevaartwet afhangen van de uitkomst van "
            "de triloog.",
        ),
        counter=("Nederland zal de uitkomst van de stemming in het Europees Parlement steunen.",),
    ),
    rule(
        "neutral: view deferred",
        NEUTRAL,
        "ontvangt ontvangen sturen toesturen zenden toezenden opstellen bepalen innemen vormen "
        "volgt appreciatie standpunt positie oordeel besluit",
        (
            r"\b(?:ontvangt|ontvangen|(?:toe)?sturen|(?:toe)?zenden)\b[^.;]*\b"
            r"(?:kabinets)?(?:appreciatie|standpunt|reactie|kabinetsreactie|bnc-fiche)\b",
            r"\b(?:kabinets)?(?:appreciatie|standpunt|kabinetsreactie|bnc-fiche)\b[^.;]*\b"
            r"(?:ontvangt|ontvangen|(?:toe)?sturen|(?:toe)?zenden)\b",
            r"\b(?:kabinets)?(?:appreciatie|standpunt|kabinetsreactie|oordeel)\b[^.;]*\bvolgt\b",
            r"\b(?:appreciatie|standpunt|positie|oordeel)\b[^.;]*\b(?:zodra|nadat)\b",
            r"\b(?:zal|zullen)\b[^.;]*\b(?:appreciatie|standpunt|positie|oordeel)\b"
            r"(?: \w+){0,4}? (?:opstellen|bepalen|innemen|vormen)\b",
            # A decision still to take: "zal in het najaar een besluit nemen over …".
            r"\b(?:zal|zullen)\b(?: [^ ,.;:]+){0,6}? (?:een|het|zijn|haar) (?:definitief )?besluit "
            r"(?:\w+ ){0,10}?(?:nemen|te nemen)\b",
        ),
        unless=r"\b(?:hierbij|bijgaand|bijlage|deze brief)\b",
        examples=(
            "Zodra het voorstel is gepubliceerd, zal het kabinet een appreciatie opstellen.",
            "Uw Kamer ontvangt de kabinetsappreciatie van het voorstel via het gebruikelijke "
            "BNC-fiche.",
            "Het kabinet zal uw Kamer de appreciatie van het werkprogramma na de zomer toesturen.",
            "De kabinetsappreciatie van de mededeling volgt in het gebruikelijke BNC-fiche.",
            "Het kabinet zal zijn oordeel over het voorstel geven zodra de effectbeoordeling er "
            "is.",
            "De regering zal na de zomer een besluit over de gezamenlijke aanschaf van munitie "
            "nemen.",
        ),
        counter=(
            "Uw Kamer ontvangt hierbij de kabinetsappreciatie van het werkprogramma.",
            "Uw Kamer ontvangt als bijlage het Nederlandse non-paper over de kapitaalmarkten.",
        ),
    ),
    rule(
        "support: no objection",
        SUPPORT,
        "geen niet verzet",
        (
            r"\bgeen (?:\w+ ){0,2}?bezwa(?:ar|ren)\b",
            r"\bniet (?:onwelwillend|negatief|afwijzend|tegen)\b|\bniet (?:\w+ )?blokker\w*",
            r"\bverzet zich niet\b|\bzich niet (?:\w+ )?verzetten\b",
        ),
        examples=(
            "Het kabinet staat niet onwelwillend tegenover een verlenging van de tijdelijke "
            "crisisregeling.",
            "Nederland heeft geen bezwaar tegen de technische aanpassingen van de richtlijn.",
        ),
        counter=("De Commissie heeft geen bezwaar gemaakt tegen de Nederlandse steunregeling.",),
    ),
    rule(
        "support: endorse",
        SUPPORT,
        "steun ondersteun gesteund instem ingestemd stemmen stemt stemde stemden akkoord "
        "aanvaard accepte verwelkom onderschrijft voorstander positief welkom leven eens blij "
        "ingenomen verheugd uitgesproken spreekt spreken sprak spraken ondertekent ondertekenen "
        "ondertekend medeondertekend",
        (
            r"\b" + _STEUN + r"|\bondersteun\w*|\bgesteund\b",
            r"\binstem\w*|\bin (?:\w+ ){0,2}?stemmen\b|\bstem(?:t|de|den) (?:\w+ ){0,4}?in\b",
            r"\bingestemd\b",
            r"\bakkoord (?:gaan|gaat|gegaan|met)\b",
            r"\b(?:gaat|gaan|is|zijn|kan|kunnen|zal|zullen) (?:\w+ ){0,3}?akkoord\b"
            r"(?! (?:over|te)\b)",
            r"\baanvaard\w*|\baccepte\w*|\bverwelkom\w*|\bonderschr\w*|\bwelkom\w*",
            r"\bvoorstander\w*|\bpositie(?:f|ve)\b|\b(?:kan|kunnen) (?:\w+ ){0,3}?leven met\b",
            r"\beens (?:met|is|zijn)\b|\bblij (?:met|over|dat)\b|\bingenomen met\b|\bverheugd\b",
            r"\b(?:mede)?ondertek\w*|\buitgesproken voor\b"
            r"|\b(?:spreekt|spreken|sprak|spraken) zich (?:\w+ ){0,4}?uit voor\b",
        ),
        examples=(
            "Nederland kan instemmen met de voorgestelde vangstmogelijkheden voor de Noordzee.",
            "Het kabinet verwelkomt de mededeling over de Europese waterweerbaarheid.",
            "Nederland heeft ingestemd met de verordening over de energie-efficiëntie van "
            "gebouwen.",
            "Het kabinet heeft positief gereageerd op het werkprogramma van de Commissie.",
            "Het kabinet is het eens met de analyse van de Commissie over de arbeidsmarkt.",
            "Het kabinet is blij met de aandacht van het voorzitterschap voor leesvaardigheid.",
            "Nederland heeft zich in de Raad uitgesproken voor een snelle invoering van de "
            "digitale identiteit.",
        ),
        counter=("De lidstaten steunen het voorstel van het voorzitterschap.",),
    ),
    rule(
        "support: want",
        SUPPORT,
        "wil willen wenst wensen wenselijk",
        (
            r"\b(?:wil|willen|wenst|wensen) (?:\w+ ){0,2}?dat\b",
            r"\bwenselijk\b",
        ),
        examples=(
            "Het kabinet wil dat de Unie haar afhankelijkheid van Chinese grondstoffen afbouwt.",
            "Het kabinet is van mening dat een snelle afronding van de triloog wenselijk is.",
        ),
        counter=("Het voorzitterschap wil dat de Raad in juni een akkoord bereikt.",),
    ),
    rule(
        "support: commit",
        SUPPORT,
        "zet inzetten ingezet pleit roep roept roepen oproep opgeroepen moedigt voortrekkersrol "
        "draagt bijdragen actief aangesloten aansluiten sluit deelt aandringen dringt aandacht "
        "gevraagd verzocht inspannen initiatief gepleit hard sterk",
        (
            r"\bzet (?:\w+ ){0,3}?in\b|\binzetten\b|\bingezet\b|\bvoortrekkersrol\b|\bactief\b",
            r"\bpleit\w*|\bgepleit\b|\broep\w* (?:\w+ ){0,6}?op\b|\boproep\w*|\bopgeroepen\b"
            r"|\bmoedig\w*",
            r"\baandring\w*|\bdringt (?:\w+ ){0,4}?aan\b|\binspannen\b",
            r"\baandacht (?:\w+ ){0,2}?(?:vragen|vraagt|vraag)\b|\bvraagt (?:\w+ ){0,4}?aandacht\b",
            r"\bdraagt (?:\w+ ){0,4}?bij\b|\bbijdragen\b",
            r"\baangesloten bij\b|\baansluiten bij\b|\bsluit\w* (?:\w+ ){0,3}?aan bij\b",
            r"\bdeelt (?:\w+ ){0,3}?(?:de|het) (?:\w+ )?(?:focus|mening|opvatting|analyse|visie"
            r"|ambitie|doel\w*|prioriteit\w*|inzet|belang|conclusie\w*|standpunt|oproep|wens"
            r"|urgentie|zorg\w*)\b",
            r"\b(?:gevraagd|verzocht) (?:om )?(?:[^ ,.;:]+ ){0,6}?te \w+\b",
            r"\bop (?:\w+ )?nederlands initiatief\b",
            r"\bmaakt\w* zich (?:\w+ ){0,4}?(?:hard|sterk) voor\b|\b(?:hard|sterk) "
            r"(?:gemaakt|(?:te )?maken) voor\b",
        ),
        unless=r"\b(?:is|wordt|zijn|worden|werd|werden) (?:\w+ ){0,4}?(?:gevraagd|verzocht)\b",
        examples=(
            "Het kabinet zet stevig in op een gelijk speelveld voor Europese telers.",
            "Nederland pleit voor een ambitieus klimaatdoel voor 2040.",
            "Nederland heeft in de Raad gepleit voor meer samenwerking op de Noordzee.",
            "Wij hebben het voorzitterschap gevraagd de waterschaarste te agenderen.",
            "Nederland heeft zich in de Raad sterk gemaakt voor een Europees register van "
            "drugsprecursoren.",
            "Op Nederlands initiatief heeft de Raad de voedselzekerheid aan de conclusies "
            "toegevoegd.",
        ),
        counter=(
            "Nederland is gevraagd om de werkgroep over de digitale euro voor te zitten.",
            "De Commissie zet in op een snelle afronding van de onderhandelingen.",
        ),
    ),
    rule(
        "support: value",
        SUPPORT,
        "hecht belang essentieel cruciaal noodzakelijk benadrukt terecht waardevol past vinden "
        "nodig onderstreept onderstrepen onderstreepte",
        (
            # Not "van groot belang dat …": a demand (conditional), as "van belang dat".
            r"\bhecht\w*|\bvan (?:groot|bijzonder|essentieel|wezenlijk|cruciaal) belang\b"
            r"(?! (?:is )?(?:dat|om)\b)",
            r"\bessentieel\b|\bcruciaal\b|\bnoodzakelijk\b|\bbenadruk\w*|\bonderstre\w*"
            r"|\bterecht\b",
            r"\bwaardevol\w*|\b(?:hard|dringend|bitter|echt) nodig\b",
            r"\bpast (?:\w+ )?(?:binnen|bij)\b|\bkan (?:zich )?(?:\w+ )?vinden in\b",
        ),
        examples=(
            "Het kabinet hecht groot belang aan een sterke positie van de Europese maakindustrie.",
            "Het kabinet benadrukt dat een gelijk speelveld essentieel is voor de interne markt.",
            "Nederland heeft in de Raad het belang van schone scheepvaart onderstreept.",
        ),
        counter=("De Commissie benadrukt het belang van de groene transitie.",),
    ),
    rule(
        "neutral: listen or take note",
        NEUTRAL,
        "aanhoren hoort kennis interesse belangstelling volgen volgt luisteren luistert luisterend",
        (
            r"\baanhoren\b|\bhoort (?:\w+ ){0,5}?aan\b",
            r"\bkennis(?:genomen|nemen|neemt|name)\b"
            r"|\bn(?:eemt|am|amen|emen) (?:\w+ ){0,4}?kennis\b",
            r"\bmet (?:interesse|belangstelling)\b|\bvoor kennisgeving\b",
            r"\bluister\w* naar\b|\bluisterend\b",
            r"\b(?:ontwikkelingen|discussie|debat|gesprekken|onderhandelingen|situatie)\b"
            r"[^.;,]*?\b(?:volgen|volgt)\b",
        ),
        examples=(
            "Nederland zal de presentatie van het voorzitterschap over de stand van de "
            "energiemarkt aanhoren.",
            "Het kabinet neemt kennis van het verslag over de staat van de energie-unie.",
            "Het kabinet neemt het voortgangsverslag voor kennisgeving aan.",
            "Het kabinet zal de ontwikkelingen rond de ruimtevaartwet nauwlettend volgen.",
            "Nederland zal tijdens de Raad luisteren naar de ervaringen van andere lidstaten.",
            "Nederland nam kennis van de presentatie van het voortgangsrapport.",
            "Het kabinet stelt zich in de discussie open en luisterend op.",
        ),
        counter=("De lidstaten nemen kennis van het verslag van de Commissie.",),
    ),
    rule(
        "neutral: inform",
        NEUTRAL,
        "informeren informeert geïnformeerd informatie hoogte toelichten licht lichten ervaringen "
        "praktijk praktijken",
        (
            r"\binformeren\b|\binformeert\b|\bte hebben geïnformeerd\b",
            r"\btoelichten\b|\blicht\w* (?:[^ ,.;:]+ ){0,10}?toe\b",
            r"\binformatie(?:afspraken|voorziening)\b|\bop de hoogte (?:houden|stellen|brengen)\b",
            # Telling of one's own experience: "zal ingaan op de Nederlandse ervaringen".
            r"\b(?:ingaan op|delen|presenteren) (?:\w+ ){0,2}?(?:ervaringen|praktijk\w*)\b"
            r"|\b(?:ervaringen|praktijken)\b[^.;,]*?\b(?:delen|presenteren)\b",
        ),
        examples=(
            "Het kabinet zal uw Kamer informeren over de uitkomst van de triloog.",
            "Nederland zal tijdens de Raad de nationale aanpak van droogte toelichten.",
            "De staatssecretaris zal in de Raad de Nederlandse ervaringen met de energietoeslag "
            "delen.",
        ),
        counter=("De Commissie zal de Raad informeren over de stand van de onderhandelingen.",),
    ),
    rule(
        "neutral: explore",
        NEUTRAL,
        "verkent verkennen onderzoekt kaart stelt constateert kijkt horen peilen inventariseren "
        "beeld",
        (
            r"\bverkent\b|\bverkennen\b|\bonderzoekt\b|\bbrengt (?:\S+ ){0,8}?in kaart\b",
            r"\bstelt (?:\w+ ){0,3}?vast\b|\bconstateert\b|\bkijkt (?:\w+ ){0,3}?naar\b",
            r"\bte horen (?:hoe|wat|of)\b|\bpeilen\b|\binventariseren\b"
            r"|\been beeld (?:te )?(?:krijgen|vormen)\b",
        ),
        examples=(
            "Het kabinet verkent de mogelijkheden voor een nationale uitvoering van de mestregels.",
            "Het kabinet brengt op dit moment in kaart welke gevolgen het voorstel heeft.",
            "Het kabinet zal de discussie benutten om te horen hoe andere lidstaten tegen de "
            "heffing aankijken.",
        ),
        counter=("De Commissie onderzoekt de gevolgen van de heffing voor de lidstaten.",),
    ),
)

# Checked last for the government acting, when no stance rule and no fact decided: what
# it will not do is opposition ("Nederland kan zich hier niet in vinden", "wil geen …").
NEGATED_CONDUCT = rule(
    "oppose: negated conduct",
    OPPOSE,
    "niet geen",
    (r"\b(?:niet|geen)\b(?!-| (?:alleen|enkel|slechts|zozeer|langer|meer|eerder|later)\b)",),
    unless=r"\bnog (?:niet|geen)\b|\bniet (?:\w+ )?(?:blokker|tegen)|\bgeen (?:\w+ ){0,2}?bezwa",
    examples=(
        "Nederland kan zich hier niet in vinden.",
        "Het kabinet zal de aanbeveling van het voorzitterschap om de doelen te verlagen niet "
        "volgen.",
    ),
    counter=(
        "Het kabinet zal het akkoord niet blokkeren.",
        "Nederland zal nog niet beslissen over de bijdrage.",
    ),
)

_WEIGHTY = r"(?:van (?:\w+ )?belang|belangrijk|essentieel|cruciaal|noodzakelijk|wenselijk|zaak)"
# Evaluations in the letter's own voice: positions without a named actor.
EVALUATIVE_RULES = (
    rule(
        "evaluative: impersonal importance",
        CONDITIONAL,
        "belang belangrijk essentieel cruciaal noodzakelijk wenselijk zaak",
        (
            rf"\b(?:is|blijft|wordt|lijkt) het\b[^,;]{{0,40}}?\b{_WEIGHTY}\b",
            rf"\bhet is\b[^,;]{{0,40}}?\b{_WEIGHTY}\b",
            r"\b(?:van (?:\w+ )?belang|belangrijk) is (?:dat|om)\b",
        ),
        examples=(
            "Hierbij is het van belang dat de administratieve lasten voor boeren beperkt blijven.",
            "Het is van belang dat de uitvoeringslasten voor telers beperkt blijven.",
        ),
        counter=("Volgens de Commissie is het van belang dat de lidstaten sneller omzetten.",),
    ),
    rule(
        "evaluative: a norm, of course",
        CONDITIONAL,
        "uiteraard vanzelfsprekend",
        (
            r"\b(?:uiteraard|vanzelfsprekend)\b(?=[^.;]*" + _MODAL + ")",
            _MODAL + r"(?=[^.;]*\b(?:uiteraard|vanzelfsprekend)\b)",
        ),
        examples=(
            "De onafhankelijkheid van de toezichthouder moet daarbij uiteraard gewaarborgd "
            "blijven.",
        ),
        counter=("Uiteraard heeft de Raad de conclusies zonder debat aangenomen.",),
    ),
    rule(
        "evaluative: must not",
        CONDITIONAL,
        "mag mogen",
        (r"\b(?:mag|mogen)\b" + gap(8) + r"niet\b", r"\bniet\b" + _GAP6 + r"(?:mag|mogen)\b"),
        unless=r"\b(?:volgens|op grond van|krachtens|bepaalt|bepalen)\b",
        examples=("De nieuwe regels mogen niet leiden tot extra lasten voor kleine bedrijven.",),
        counter=(
            "Volgens de richtlijn mogen lidstaten de steun niet langer dan drie jaar verlengen.",
        ),
    ),
    rule(
        "evaluative: the aim",
        CONDITIONAL,
        "inzet",
        (r"\bde inzet (?:moet|dient|is erop|blijft erop)\b",),
        examples=("De inzet moet zijn dat de nieuwe regels eenvoudig uitvoerbaar blijven.",),
        counter=("De inzet van de Commissie is gericht op een snelle afronding.",),
    ),
    rule(
        "evaluative: fit",
        SUPPORT,
        "past",
        (r"\bpast (?:niet |goed |ook )?(?:binnen|bij)\b",),
        examples=("Het voorstel past goed bij de ambities van het Nationaal Energieplan.",),
        counter=("Het voorstel past niet binnen de financiële kaders.",),
    ),
    rule(
        "evaluative: praise",
        SUPPORT,
        "goede welkome waardevolle nuttige goed positief verheugend winst gunstig",
        (
            r"\b(?:goede|welkome|waardevolle|nuttige) (?:eerste )?(?:stap|bijdrage|aanvulling"
            r"|basis)\b",
            r"\bhet is (?:\w+ )?(?:goed|positief|verheugend|winst) dat\b",
            r"^(?:(?:wel|ook|daarnaast|verder) )?(?:goed|positief|verheugend|gunstig) is (?:het )?"
            r"dat\b",
        ),
        examples=(
            "De mededeling vormt een goede basis voor de verdere gesprekken.",
            "Het is goed dat de Commissie de aanpak van arbeidsuitbuiting hoog op de agenda zet.",
            "Gunstig is dat de nieuwe regels de melding van incidenten voor bedrijven "
            "vereenvoudigen.",
        ),
        counter=("De Commissie presenteert de goede praktijken van de lidstaten.",),
    ),
    rule(
        "evaluative: critique",
        CONDITIONAL,
        "ontbreekt ontbreken helaas lastig onvoldoende",
        (
            r"\b(?:ontbreekt|ontbreken) (?:echter|helaas)\b|\bhelaas\b",
            r"\bonvoldoende (?:duidelijk|uitgewerkt|onderbouwd)\b",
        ),
        examples=("Een goede effectbeoordeling ontbreekt echter.",),
        counter=("Het verslag ontbreekt nog op de agenda.",),
    ),
    rule(
        "evaluative: left to others",
        NEUTRAL,
        "aan",
        (r"\b(?:het )?is (?:nu |nu eerst |thans )?aan (?:de|het|hen|haar|hem)\b(?! orde\b)",),
        examples=(
            "Het is nu aan de Europese Commissie om met een nieuw voorstel te komen.",
            "Hoe het verder gaat met de onderhandelingen is aan de Turkse regering.",
        ),
        counter=("Dit punt is aan de orde gekomen in de vorige Raad.",),
    ),
    rule(
        "evaluative: the EU's course",
        SUPPORT,
        "moet moeten dient dienen",
        (
            r"^(?:(?:de|een|het) )?(?:[a-z]+ ){0,2}?(?:eu|unie|europese unie|europa|mfk"
            r"|meerjarig financieel kader|(?:eu-|europees )?(?:landbouw|visserij|cohesie|handels"
            r"|migratie|asiel|energie|klimaat|industrie|defensie|mededingings)beleid|glb"
            r"|eu-begroting|europese begroting|interne markt|kapitaalmarktunie|bankenunie"
            r"|schengenruimte) (?:\w+ ){0,2}?(?:moet|moeten|dient|dienen)\b",
        ),
        unless=r"\b(?:volgens|conform|op grond van|krachtens)\b",
        examples=(
            "De EU moet een geopolitieke speler zijn in plaats van een speelveld.",
            "Een slanker meerjarig financieel kader moet ruimte bieden voor investeringen in "
            "innovatie.",
            "Een wendbaar Europees defensiebeleid moet gezamenlijke inkoop van munitie "
            "eenvoudiger maken.",
            "Het toekomstige cohesiebeleid moet vooral regio's met een achterstand vooruit helpen.",
        ),
        counter=(
            "De EU moet volgens het verdrag jaarlijks een begroting vaststellen.",
            "Het gemeenschappelijk visserijbeleid moet op grond van de verordening in 2032 "
            "worden geëvalueerd.",
        ),
    ),
    rule(
        "evaluative: a necessity",
        SUPPORT,
        "noodzakelijk essentieel cruciaal onmisbaar onontbeerlijk",
        (
            r"\b(?:is|zijn|blijft|blijven) (?:\w+ )?(?:noodzakelijk|essentieel|cruciaal|onmisbaar"
            r"|onontbeerlijk) (?:voor|om)\b",
        ),
        # Not what a procedure requires: "Unanimiteit is noodzakelijk voor het besluit".
        unless=r"\b(?:instemming|goedkeuring|ratificatie|unanimiteit|meerderheid|handtekening)\b",
        examples=(
            "Een effectief Europees terugkeerbeleid is noodzakelijk voor het draagvlak voor "
            "migratie.",
        ),
        counter=("Instemming van het Europees Parlement is noodzakelijk voor het akkoord.",),
    ),
    rule(
        "evaluative: view deferred",
        NEUTRAL,
        "appreciatie gedachtebepaling standpuntbepaling oordeelsvorming positiebepaling",
        (
            r"\bappreciatie\b[^.;]*\b(?:ontvangt|ontvangen|volgt|toegestuurd|toegezonden)\b",
            r"\b(?:ontvangt|ontvangen|volgt)\b[^.;]*\bappreciatie\b",
            r"\b(?:gedachte|standpunt|oordeels|positie)(?:bepaling|vorming)\b[^.;,]*?"
            r"\b(?:nog niet afgerond|nog gaande|loopt nog|nog niet gereed)\b",
        ),
        unless=r"\b(?:hierbij|bijgaand|bijlage|deze brief)\b",
        examples=(
            "Een appreciatie van de mededeling ontvangt uw Kamer op een later moment.",
            "De positiebepaling over het voorstel is nog niet afgerond.",
        ),
        counter=("Uw Kamer ontvangt hierbij een appreciatie van de mededeling.",),
    ),
    rule(
        "evaluative: too early",
        NEUTRAL,
        "vroeg",
        (r"\b(?:is het|het is|lijkt het|het lijkt) (?:\w+ ){0,2}?te vroeg\b",),
        examples=(
            "Voor een oordeel over de herziening van de drinkwaterrichtlijn is het nu te vroeg.",
        ),
        counter=("Volgens de Commissie is het te vroeg om de maatregelen af te schaffen.",),
    ),
    rule(
        "evaluative: much needed",
        SUPPORT,
        "nodig broodnodig",
        (r"\b(?:hard|dringend|bitter|echt) nodig\b|\bbroodnodig\b",),
        examples=("Europese samenwerking op het gebied van energie is hard nodig.",),
        counter=("De Commissie stelt dat investeringen in netten hard nodig zijn.",),
    ),
)
