"""Who speaks in a sentence: the Dutch government, someone else, or the letter itself.

The government is named ("het kabinet", "de (Nederlandse) regering", "Nederland", "de
minister", "ik"/"wij", "de kabinetsinzet", "de Nederlandse inzet", "op Nederlands
initiatief"). A mention is the government acting, not a place, owner or addressee: not
after a preposition ("in Nederland", "de gevolgen voor Nederland", "op het
kabinetsstandpunt"), except where the preposition names the government's stance ("steun
van het kabinet", "volgens het kabinet", "voor het kabinet is van belang") or measures
something against it ("in lijn met de Nederlandse inzet", "ver af van de Nederlandse
inzet"); not when it is asked something ("de motie verzoekt de regering").

Others are the Commission, the presidency, the Council, member states, parliaments,
parties and their members, courts, agencies and advisers, named without a preposition
before them; "zij" or "hij" opening a clause is someone else too.

Some sentences are no position whoever speaks (`NOT_A_POSITION_RULES`, rows with their
evidence): the letter's own business, courtesy to parliament, taking part in or being
represented at a meeting, and plain facts about the government.
"""

from __future__ import annotations

import re

from tracker import patterns
from tracker.rules import STEM_LENGTH, gap, rule

GOVERNMENT = "government"
OTHERS = "others"

_GOVERNMENT_MENTION = patterns.compile(
    r"\b(?:het (?:nederlandse )?kabinet|de (?:nederlandse )?regering|nederland"
    r"|de (?:minister|staatssecretaris|minister-president)(?![-\w])"
    r"|kabinets(?:inzet|standpunt|positie|appreciatie|reactie|doelstelling\w*|doel|beleid|lijn"
    r"|prioriteit\w*|visie|voorkeur)"
    r"|de nederlandse delegatie"
    r"|(?:de|het) nederlandse (?:inzet|positie|standpunt|appreciatie|visie|lijn|voorkeur"
    r"|insteek|uitgangspunt\w*)"
    r"|(?:mijn|onze) (?:inzet|positie|standpunt|appreciatie|visie|voorkeur|insteek)"
    r"|op nederlands initiatief|ik|wij|we)\b"
)
_GOVERNMENT_STEMS = frozenset(
    w[:STEM_LENGTH]
    for w in "kabinet regering nederland minister staatssecretaris mijn onze ik wij we".split()
)
_PLAIN = frozenset(
    ("het kabinet", "de regering", "nederland", "op nederlands initiatief", "ik", "wij", "we")
)
# Other states named by name speak for themselves: "Frankrijk is voorstander van …".
_STATES = (
    "belgië duitsland frankrijk italië spanje portugal griekenland oostenrijk zweden "
    "denemarken finland ierland luxemburg polen hongarije tsjechië slowakije slovenië kroatië "
    "roemenië bulgarije estland letland litouwen cyprus malta noorwegen zwitserland turkije "
    "oekraïne rusland china japan"
)
_OTHER_NOUNS = (
    "commissie voorzitterschap raad lidstaten lidstaat parlement ep hof kamer motie moties "
    "fractie fracties leden lid partijen landen rapporteur agentschap wrr afdeling hoge g20 navo "
    "vn delegatie delegaties"
)
_BODIES = (
    r"\b(?:europese )?(?:commissie|voorzitterschap|raad|lidstaten|lidstaat|parlement|ep|hof"
    r"|kamer|motie|moties|fractie\w*|leden|het lid|partijen|landen|rapporteur|agentschap|wrr"
    r"|afdeling|hoge vertegenwoordiger|g20|navo|vn|delegaties?)\b"
)
_STATES_PATTERN = r"\b(?:verenigde staten|verenigd koninkrijk|" + _STATES.replace(" ", "|") + r")\b"
# Bodies are searched in every sentence that names one; states only where one is named.
_BODY_MENTION = patterns.compile(_BODIES)
_STATE_MENTION = patterns.compile(_STATES_PATTERN)
_OTHER_MENTION = patterns.compile(_BODIES + "|" + _STATES_PATTERN)
_OTHER_STEMS = frozenset(word[:STEM_LENGTH] for word in _OTHER_NOUNS.split())
_STATE_STEMS = frozenset(word[:STEM_LENGTH] for word in (_STATES + " verenigde verenigd").split())
_OTHER_PRONOUN = patterns.compile(r"(?:\w+ ){0,2}(?:zij|hij)\b")

# "ontvangt uw Kamer …": the one who receives a letter states no view.
_RECEIVING = patterns.compile(r"\b(?:ontvangt|ontvangen|ontving)(?: (?:de|het|uw))? $")
# "in Nederland", "de positie van Nederland", "aan het kabinet": a place, owner or addressee.
_PREPOSITIONS = frozenset(
    "in naar uit binnen buiten van aan met tussen over bij richting tegen via vanuit dan "
    "voor tot op als namens".split()
)
_DETERMINERS = frozenset("de het een deze dit zijn haar hun".split())
_QUANTIFIERS = frozenset("alle veel meerdere enkele sommige aantal".split())
# "met een groep gelijkgezinde lidstaten": the others are still after the preposition.
_GROUPS = frozenset("groep paar handvol kopgroep".split())
# "in lijn met de Nederlandse inzet", "ver af van de kabinetsinzet": a yardstick.
_YARDSTICK_BEFORE = frozenset("met bij binnen".split())
# "steun van het kabinet", "de positie van Nederland": the government's stance after all.
_STANCE_NOUNS = frozenset(
    "steun inzet standpunt positie voorkeur visie oordeel opvatting mening zorgen zorg wens "
    "prioriteit prioriteiten lijn initiatief appreciatie".split()
)
# "voor het kabinet is van belang …": the government's own evaluation.
_IMPORTANCE = patterns.compile(
    r"\b(?:van (?:\w+ )?belang|belangrijk\w*|essentieel|cruciaal|prioriteit\w*|voorwaarde\w*|voorop"
    r"|wenselijk|onwenselijk|aanvaardbaar|onaanvaardbaar|acceptabel|onacceptabel)\b"
    r"|\bhangt (?:\w+ ){0,6}?af van\b|\b(?:aandachtspunt|zorgpunt)\w*"
)
# "Uw Kamer heeft het kabinet verzocht …": asked, with the participle after the mention.
_ASKED_AFTER = patterns.compile(
    r"(?: [^ ,.;:]+){0,3}? (?:verzocht|gevraagd|opgeroepen|geadviseerd|aangespoord|uitgenodigd)\b"
)
# A clause opened by others ("De Commissie zal …") has them as its subject.
_OTHERS_OPEN = patterns.compile(
    r"(?:de |het )?(?:europese )?(?:commissie|voorzitterschap|raad|lidstaten|parlement|ep|hof)"
    r" (?!en\b)(?:(?!dat |die |om |omdat |en )[^ ]+ ){0,3}$"
)
_NOT_OBJECT = _PREPOSITIONS | {"volgens", "en", "dat"}
# "gevraagd of het kabinet …", "willen weten of Nederland …": an indirect question.
_ASKING = frozenset(
    "gevraagd vraagt vragen vroeg vroegen vraag weten benieuwd informeren informeert "
    "navragen".split()
)
# "de motie verzoekt de regering …", "De WRR adviseert het kabinet", "Het lid … vroeg de
# minister naar …": the one asked.
_REQUEST_VERBS = frozenset(
    "verzoekt verzoeken vraagt vragen vroeg vroegen roept roepen riep riepen adviseert "
    "adviseren verzocht verzochten".split()
)
_REQUEST_STEMS = frozenset(verb[:STEM_LENGTH] for verb in _REQUEST_VERBS)
# The words that end an apposition before the government ("waaronder", "en dus ook").
_APPOSITION_WORDS = frozenset(
    "waaronder inclusief meer andere en dus ook name vooral zeker".split()
)
_REQUEST_VERB = patterns.compile(r"\b(?:" + "|".join(sorted(_REQUEST_VERBS)) + r")\b")
# "…, die de regering verzoekt …": a relative clause asking the government.
_REQUESTED = patterns.compile(
    r"(?: [^ ,.;:]+){0,2}? (?:verzoekt|verzoeken|vraagt|vragen|roept|roepen|oproept|oproepen"
    r"|opdraagt|opdragen|adviseert|adviseren)\b"
)
# "de lidstaten, waaronder Nederland,", "de lidstaten, en dus ook Nederland,": one of those
# asked or named, not a speaker of its own.
_APPOSITION = patterns.compile(
    r"(?:\b(?:waaronder|inclusief|onder meer|onder andere) "
    r"|\b(?:lidsta\w+|landen|staten)(?: [^ ,.;:]+){0,3}, "
    r"(?:(?:en|dus|ook|met name|vooral|zeker) )+)$"
)
# "instemming van alle lidstaten", "de steun van het Parlement": others' stance after all.
_OTHERS_STANCE_NOUNS = frozenset(
    "steun instemming goedkeuring akkoord medewerking standpunt positie voorkeur wens "
    "zorgen bezwaren verzet".split()
)


def government_mentions(lowered: str, words: set[str]) -> list[re.Match[str]]:
    """Every mention of the government in ``lowered`` that is the government acting."""
    if _GOVERNMENT_STEMS.isdisjoint(words):
        return []
    asking = not _REQUEST_STEMS.isdisjoint(words)
    return [m for m in _GOVERNMENT_MENTION.finditer(lowered) if _is_actor(lowered, m, asking)]


def other_mentions(lowered: str, words: set[str], clause_starts: tuple[int, ...]) -> list[int]:
    """Where others are named as actors: not after a preposition, or as "zij" opening a clause."""
    found = []
    mentions: list[re.Match[str]] = []
    if not _OTHER_STEMS.isdisjoint(words):
        mentions += _BODY_MENTION.finditer(lowered)
    if not _STATE_STEMS.isdisjoint(words):
        mentions += _STATE_MENTION.finditer(lowered)
    if mentions:
        found = [
            m.start()
            for m in mentions
            if _names_actor(lowered, m) and not _received_by(lowered, m.start())
        ]
    for start in clause_starts:
        if _OTHER_PRONOUN.match(lowered, start):
            found.append(start)
    return found


def _names_actor(lowered: str, match: re.Match[str]) -> bool:
    """Whether others are named as actors: not after a preposition ("met de lidstaten"),
    unless they own the stance noun before it ("instemming van alle lidstaten")."""
    before = _noun_phrase_before(lowered, match)
    if not before or before[-1] not in _PREPOSITIONS:
        return True
    return len(before) > 1 and before[-1] == "van" and before[-2] in _OTHERS_STANCE_NOUNS


# Right after a stance word: "op steun van de meeste lidstaten", "instemming van alle
# parlementen": the stance is theirs, whoever speaks in the clause.
_OF_OTHERS = patterns.compile(r" van (?:[^ ,.;:]+ ){0,3}?(?:" + _OTHER_MENTION.pattern + ")")


def of_others(lowered: str, end: int) -> bool:
    """Whether the stance word ending at ``end`` belongs to others named right after it."""
    match = _OF_OTHERS.match(lowered, end)
    return match is not None and not _GOVERNMENT_MENTION.search(match[0])


def _received_by(lowered: str, start: int) -> bool:
    """Whether a verb of receiving comes right before ``start`` ("ontvangt uw Kamer")."""
    return _RECEIVING.search(lowered, max(0, start - 24), start) is not None


def _clause_before(lowered: str, start: int) -> str:
    """The words of the clause before ``start``, from its punctuation on."""
    return re.split(r"[,;:(]", lowered[max(0, start - 80) : start])[-1].lstrip()


def _words_before(lowered: str, start: int) -> list[str]:
    """Up to six words before ``start``, punctuation off."""
    return lowered[max(0, start - 60) : start].replace(",", " ").split()[-6:]


def _noun_phrase_before(lowered: str, match: re.Match[str]) -> list[str]:
    """The words before the mention, past its determiner, quantifier, group and adjectives
    ("met een groep andere lidstaten" → "met")."""
    before = _words_before(lowered, match.start())
    while before and (
        before[-1] in _DETERMINERS or before[-1] in _GROUPS or _is_adjective(before[-1])
    ):
        before = before[:-1]
    return before


def _is_adjective(word: str) -> bool:
    """Whether ``word`` reads as an adjective or quantifier before a noun ("andere", "alle")."""
    return word in _QUANTIFIERS or (word.endswith("e") and len(word) > 3)


def _is_actor(lowered: str, match: re.Match[str], asking: bool = True) -> bool:
    """Whether the mention in ``match`` is the government acting, not a place or object."""
    before = _words_before(lowered, match.start())
    compound = match[0] not in _PLAIN
    if compound and before and before[-1] in _DETERMINERS:
        before = before[:-1]
    word = before[-1] if before else ""
    previous = before[-2] if len(before) > 1 else ""
    if word in _REQUEST_VERBS and _asked_by_others(lowered, match.start()):
        return False
    if asking and _asked_in_clause(lowered, match.start()):
        return False  # "vroegen de leden van de fractie de minister om …"
    if word in _APPOSITION_WORDS and _APPOSITION.search(
        lowered, max(0, match.start() - 60), match.start()
    ):
        return False
    if _ASKED_AFTER.match(lowered, match.end()) and _asked_by_others(lowered, match.start()):
        return False  # "Uw Kamer heeft het kabinet verzocht om …"
    if word in ("die", "welke") and _REQUESTED.match(lowered, match.end()):
        return False  # "de motie, die de regering verzoekt …": the one a motion asks
    if word == "of" and previous in _ASKING:
        return False  # "heeft gevraagd of het kabinet … zal steunen": a question
    if word not in _NOT_OBJECT and _OTHERS_OPEN.match(_clause_before(lowered, match.start())):
        return False  # "De Commissie zal Nederland geen aanbeveling doen": its object
    if _object_of_plural(lowered, match):
        return False
    if word not in _PREPOSITIONS or (word in _YARDSTICK_BEFORE and compound):
        return True
    if word == "van":
        # "ligt ver af van", "wijkt af van de kabinetsinzet": measured against it.
        return previous in _STANCE_NOUNS or (compound and "af" in before[-4:-1])
    return word in ("volgens", "voor") and (
        word == "volgens" or _IMPORTANCE.search(lowered) is not None
    )


# Words ending in -en that are no plural verb: "en het kabinet", "tegen Nederland".
_NOT_PLURAL_VERBS = frozenset(
    "en tegen tussen boven binnen buiten geen even open ten bovendien intussen eveneens "
    "evenzeer tevens overigens volgens alleen".split()
)


def _asked_in_clause(lowered: str, start: int) -> bool:
    """Whether others ask in the clause before the government, which names no government:
    "Tijdens het debat vroegen de leden van de fractie de minister om …"."""
    before = re.split(r"[,;:(]", lowered[max(0, start - 80) : start])[-1]
    asking = _REQUEST_VERB.search(before)
    return (
        asking is not None
        and _OTHER_MENTION.search(before) is not None
        and _GOVERNMENT_MENTION.search(before) is None
    )


def _asked_by_others(lowered: str, start: int) -> bool:
    """Whether others are named in the clause before a request verb and the government."""
    before = re.split(r"[,;:(]", lowered[max(0, start - 80) : start])[-1]
    return _OTHER_MENTION.search(before) is not None


def _object_of_plural(lowered: str, match: re.Match[str]) -> bool:
    """Whether a singular mention follows a plural verb, so is its object, not its subject.

    "Deze leden … wijzen de minister erop": the members point, the minister is pointed at.
    A plural subject ("Nederland en Duitsland steunen") or "wij" is left alone.
    """
    if match[0] in ("wij", "we") or lowered.startswith(" en ", match.end()):
        return False
    before = _words_before(lowered, match.start())
    word = before[-1] if before else ""
    return word.endswith("en") and word not in _NOT_PLURAL_VERBS and len(before) > 1


_GREETING = r"\b(?:hierbij|bijgaand|graag)\b"
_OFFER = r"(?:bied|bieden|biedt|zend|zenden|stuur|sturen)"
NOT_A_POSITION_RULES = (
    rule(
        "letter business",
        None,
        "hierbij bijgaand brief geannoteerde bied bieden biedt informeer informeren "
        "schrijven verzoek stuur sturen zend zenden informeert heeft hebben had hadden "
        "toegezegd notitie antwoord verslag kamerbrief",
        (
            _GREETING + r"[^.]*\b" + _OFFER + r"\b|\b" + _OFFER + r"\b[^.]*" + _GREETING,
            r"\b(?:middels|met|in|via) (?:deze|dit) (?:brief|geannoteerde agenda|notitie)\b",
            r"\b" + _OFFER + r" (?:ik|wij|we) (?:u|uw kamer)\b",
            r"\b(?:informeer|informeren) (?:ik|wij|we) (?:u|uw kamer)\b",
            r"\b(?:ik|wij|we) (?:informeer|informeren) (?:u|uw kamer)\b",
            r"\bblij(?:f|ft|ven) (?:\w+ ){0,4}?(?:de|uw) kamer (?:[^ ,.;:]+ ){0,4}?informeren\b",
            r"\bop uw (?:schrijven|verzoek|brief|vragen|verzoeken)\b",
            r"\bhierbij\b[^.]*\binformeer\w*|\binformeer\w*\b[^.]*\bhierbij\b",
            # Told before: "Het kabinet heeft uw Kamer op 20 juni per brief geïnformeerd".
            r"\b(?:heeft|hebben|had|hadden) (?:\w+ ){0,2}?(?:u|uw kamer|de kamer) "
            r"(?:[^ ,.;:]+ ){0,8}?(?:geïnformeerd|bericht|toegezonden|gestuurd)\b",
            # A promise to write, and the letter's own making: "heb ik toegezegd uw Kamer te
            # informeren", "Ik heb deze brief opgesteld met …", "deze brief gaat ook in op …".
            r"\btoegezegd (?:\w+ ){0,3}?(?:u|uw kamer|de kamer) (?:[^ ,.;:]+ ){0,8}?te "
            r"(?:informeren|berichten|sturen|zenden|toe te zenden|toe te sturen)\b",
            r"\b(?:deze|dit) (?:brief|kamerbrief|notitie|antwoord|verslag)\b[^.;]*?"
            r"\b(?:opgesteld|geschreven|gaat (?:\w+ ){0,2}?in op|ga (?:ik )?(?:\w+ ){0,2}?in op)\b",
        ),
        examples=(
            "Hierbij bied ik u de geannoteerde agenda aan voor de Landbouw- en Visserijraad.",
            "Tijdens het wetgevingsoverleg heeft de minister toegezegd uw Kamer voor de zomer "
            "te informeren over de inzet bij de visserijonderhandelingen.",
            "Het kabinet heeft dit verslag samen met de betrokken uitvoeringsorganisaties "
            "geschreven.",
            "Graag bied ik u, mede namens de minister van Financiën, de kabinetsreactie aan.",
            "Met deze brief informeer ik uw Kamer over de inzet van het kabinet.",
            "Daarnaast informeren wij uw Kamer over de stand van zaken rond het Groeifonds.",
            "Wij blijven de Kamer via de geannoteerde agenda's informeren over de "
            "onderhandelingen.",
            "Het kabinet reageert hiermee op uw verzoek van 3 maart jl.",
            "Zoals toegezegd informeert het kabinet uw Kamer hierbij over de stand van zaken "
            "van de onderhandelingen.",
            "Het kabinet heeft uw Kamer op 2 mei per brief geïnformeerd over de steun aan "
            "Moldavië.",
        ),
        counter=(
            "Het kabinet zal uw Kamer informeren over de uitkomst van de stemming.",
            "Het kabinet steunt het voorstel van de Commissie.",
            "Het kabinet heeft in de Raad toegezegd de richtlijn snel om te zetten.",
        ),
    ),
    rule(
        "question",
        None,
        "",
        # A question to the minister (Kamervragen, a verslag): it asks, it states no view.
        (r"\?[\s\"')\u201d\u2019]*$",),
        examples=(
            "Is de staatssecretaris bereid om in de Raad te pleiten voor een verbod op "
            "bodemtrawlen in beschermde gebieden?",
            "Deelt de minister de opvatting dat de nieuwe mededingingsregels te ver gaan?",
        ),
        counter=("Het kabinet steunt het verbod op bodemtrawlen in beschermde gebieden.",),
    ),
    rule(
        "courtesy to parliament",
        None,
        "waardeert waarderen dank dankt danken bedankt",
        (
            r"\b(?:waardeert|waarderen)\b[^.;]*\b(?:de|uw) kamer\b",
            r"\b(?:dank|dankt|danken|bedankt)\b(?! zij\b)",
        ),
        examples=(
            "Het kabinet waardeert de betrokkenheid van uw Kamer bij de onderhandelingen.",
            "Ik dank de Kamer voor de vragen over de Ecofinraad.",
            "Het kabinet dankt de leden van de commissie voor Europese Zaken voor hun inbreng.",
        ),
        counter=("Het kabinet waardeert de inzet van de Commissie voor de kapitaalmarktunie.",),
    ),
    rule(
        "amount",
        None,
        "bedraagt bedroeg bedragen bedroegen beloopt beliep",
        (
            # The main clause states a sum or share, whatever the subject ("steun van Nederland").
            r"^(?:(?!\b(?:dat|die|welke|waarbij|waarmee|omdat|zodat|als|indien)\b)[^,;:])*?"
            r"\b(?:bedraagt|bedroeg|bedragen|bedroegen|beloopt|beliep)\b",
        ),
        examples=(
            "De steun van Nederland aan Oekraïne bedraagt in 2026 ruim 3,5 miljard euro.",
            "De Nederlandse inzet in de trainingsmissie bedraagt ruim tweehonderd militairen.",
        ),
        counter=(
            "Het kabinet steunt een plafond voor de begroting dat 1 procent van het bni bedraagt.",
        ),
    ),
)

# Checked when no stance rule decided for the government: participation and facts.
NO_STANCE_RULES = (
    rule(
        "letter to parliament",
        None,
        "stuurt stuurde sturen zendt zond zenden toesturen toezenden brief bespreekt bespreken "
        "besprak bespraken bespreking besproken",
        (
            r"\b(?:stuurt|stuurde|sturen|zendt|zond|zenden|toesturen|toezenden)\b[^.;]*?"
            r"\b(?:brief|kamerbrief|verslag|overzicht)\b",
            r"\b(?:brief|kamerbrief|verslag|overzicht)\b[^.;]*?\b(?:sturen|zenden|toesturen"
            r"|toezenden)\b",
            # Talking it over with parliament: "bespreekt het hoofdstuk met uw Kamer".
            r"\b(?:bespreekt|bespreken|besprak|bespraken|bespreking)\b[^.;]*?\bmet (?:uw|de) "
            r"kamer\b|\bmet (?:uw|de) kamer\b[^.;]*?\b(?:bespreekt|bespreken|besproken)\b",
        ),
        examples=(
            "Het kabinet stuurt uw Kamer voor het zomerreces een brief over de sancties.",
            "Het kabinet zal uw Kamer na de Raad een overzicht van de uitkomsten sturen.",
            "Na publicatie van de evaluatie bespreekt de minister de bevindingen met uw Kamer "
            "in het notaoverleg over de visserij.",
        ),
        counter=("Het kabinet zal uw Kamer de appreciatie van het voorstel toesturen.",),
    ),
    rule(
        "participation",
        None,
        "deel deelnemen deelname neemt vertegenwoordigd vertegenwoordigen vertegenwoordigt "
        "vertegenwoordiger verhinderd voorzitten voorzit voorzitter meedoet meedoen aanwezig "
        "spreekt spreken sprak spraken ontmoet ontmoeten bezoek bezoekt bezoeken brengt gesprek "
        "gesprekken bijwonen bijwoont woont organiseert organiseren gastland gastheer woord "
        "voorzitterschap bijgewoond schuift schuiven aanschuiven reist reizen afreizen",
        (
            r"\bdeel (?:te )?nemen\b|\bdeelnemen\b|\bdeelname\b|\bneemt\b[^,.;:]*? deel\b",
            r"\bvertegenwoordig(?:en|t|d)\b|\bverhinderd\b|\bvoorzit(?:ten|t|ter)\b|\bmeedo\w*",
            # Meeting someone: "zal tijdens de lunch spreken met de Noorse minister".
            r"\b(?:spreekt|spreken|sprak|spraken) (?:\w+ ){0,6}?met (?:de|het|zijn|haar|hun|een)\b"
            r"|\bontmoet\w*|\bbezoek(?:t|en|ht)? (?:\w+ ){0,4}?aan\b|\b(?:een )?bezoek brengen\b",
            r"\baanwezig (?:zijn|is|zal|zullen)\b",
            # Meetings, hosting, offices and speaking turns: "een gesprek voeren", "een
            # diner bijwonen", "organiseert een conferentie", "gastland", "het woord voeren".
            r"\bgesprek(?:ken)? (?:voeren|voert|hebben|heeft)\b|\bbijwon\w*"
            r"|\bwoont\b[^,.;:]*? bij\b|\borganise\w*|\bgast(?:land|heer|vrouw)\b"
            r"|\bhet woord (?:voeren|voert|nemen|neemt)\b",
            r"\b(?:neemt|nemen|nam|overnemen|bekleedt|draagt) (?:\w+ ){0,6}?voorzitterschap\b",
            # Joining, travelling, attending: "schuift aan bij de lunch", "reist af naar
            # Brussel", "wordt bijgewoond door de minister".
            r"\bschui(?:ft|ven) (?:[^ ,.;:]+ ){0,8}?aan\b|\baanschuiven\b|\bbijgewoond\b"
            r"|\b(?:reist|reizen|afreizen) (?:[^ ,.;:]+ ){0,8}?(?:af )?naar\b",
        ),
        examples=(
            "De minister van Landbouw is voornemens aan deze Raad deel te nemen.",
            "Nederland wordt tijdens de Ecofinraad vertegenwoordigd door de Permanent "
            "Vertegenwoordiger.",
            "De staatssecretaris is verhinderd; de plaatsvervangend Permanent Vertegenwoordiger "
            "zal Nederland vertegenwoordigen.",
            "Namens Nederland neemt de minister van Infrastructuur en Waterstaat deel aan het "
            "vervoersdeel van de Raad.",
            "De minister zal tijdens de lunch spreken met de Oekraïense minister van Energie.",
            "De minister zal in de marge van de Raad een gesprek voeren met zijn Franse "
            "ambtgenoot.",
            "De minister zal aan de vooravond van de Raad een diner bijwonen.",
            "Nederland organiseert in mei een conferentie over waterveiligheid.",
            "Nederland zal als eerste lidstaat het woord voeren bij dit agendapunt.",
            "Nederland neemt in juli het voorzitterschap van de Benelux over.",
            "Bij het werkdiner over de Westelijke Balkan schuift ook de minister-president aan.",
            "De staatssecretaris reist na de Raad door naar Kopenhagen voor de waterconferentie.",
            "Morgen reist de minister van Sociale Zaken en Werkgelegenheid af naar Tallinn.",
            "De informele bijeenkomst in Warschau wordt voor Nederland bijgewoond door de "
            "minister van Defensie.",
        ),
        counter=(
            "De minister zal de conclusies over de kapitaalmarktunie steunen.",
            "Het kabinet is blij met de aandacht van het voorzitterschap voor mediageletterdheid.",
        ),
    ),
    rule(
        "fact",
        None,
        "heeft hebben had hadden werd werden is wordt zijn worden ontvangt ontving krijgt kreeg "
        "kent beschikt voldoet behoort bracht brachten gaf gaven nam namen sprak spraken "
        "uitvoering",
        (
            r"(?<!te )\b(?:heeft|hebben|had|hadden|werd|werden)\b",
            r"\b(?:ontvangt|ontving|krijgt|kreeg|kent|beschikt|voldoet|behoort)\b",
            r"\b(?:bracht|brachten|gaf|gaven|nam|namen|sprak|spraken)\b",
            r"\b(?:is|wordt|zijn|worden) (?:\w+ ){0,6}?(?:aangemerkt|genoemd|aangewezen"
            r"|gevraagd|verzocht|uitgenodigd|geselecteerd|beoordeeld|geëvalueerd|aangesproken"
            r"|ingedeeld|gerekend|geconfronteerd|getroffen|geraakt|geïnformeerd|vastgelegd"
            r"|beschreven|uiteengezet|gezonden|toegezonden|verzonden)\b",
            # Carrying out what was decided: "geeft met de wet uitvoering aan de richtlijn".
            r"\b(?:geeft|geven) (?:[^ ,.;:]+ ){0,8}?uitvoering aan\b",
        ),
        examples=(
            "Met het nieuwe Besluit emissiearme huisvesting geeft Nederland uitvoering aan de "
            "herziene richtlijn industriële emissies.",
            "Nederland heeft het herstelplan in juli bij de Commissie ingediend.",
            "Nederland is in het verslag aangemerkt als lidstaat met een hoog tekort.",
            "Het kabinet bracht onder diversen de nieuwe watertop onder de aandacht.",
        ),
        counter=(
            "Nederland zal bijdragen aan het fonds voor de wederopbouw van Oekraïne.",
            "Nederland zal erop aandringen dat de lidstaten snel uitvoering geven aan het plan.",
        ),
    ),
    rule(
        "expectation",
        None,
        "verwacht verwachten voorziet voorzien",
        # What the government expects of the procedure is no view: "Het kabinet verwacht
        # dat de conclusies pas kort voor de Raad worden verspreid".
        (r"\b(?:verwacht|verwachten|voorziet|voorzien) (?:\w+ ){0,4}?dat\b",),
        examples=(
            "Het kabinet verwacht dat de triloog over de spoorcapaciteitsverordening in het "
            "najaar wordt afgerond.",
            "Wij verwachten dat het voorzitterschap de tekst in maart aan de lidstaten voorlegt.",
        ),
        counter=("Nederland verwacht van de Commissie een ambitieus voorstel.",),
    ),
    rule(
        "fact: figures and dates",
        None,
        "procent miljoen miljard euro sinds geweest bekleedt bekleden bekleedde",
        (
            r"\b\d[\d.,]*(?: \w+)? (?:procent|miljoen|miljard|euro)\b",
            r"\bsinds (?:\w+ )?(?:19|20)\d\d\b|\bgeweest\b|\bbekle(?:edt|den|edde)\b",
        ),
        examples=(
            "Nederland investeert jaarlijks ruim 2 procent van het bbp in defensie.",
            "Nederland levert sinds 2023 een bijdrage aan de missie met een mijnenjager.",
            "Nederland bekleedt in de eerste helft van 2029 het voorzitterschap van de Raad.",
        ),
        counter=("Nederland zal in 2026 extra militairen leveren aan de missie.",),
    ),
    rule(
        "fact: rank or dependence",
        None,
        "is zijn was waren staat stond",
        (
            # "is grotendeels afhankelijk van import", "is een van de lidstaten met de hoogste
            # instroom", "staat in de top vijf", "is de grootste exporteur van bloemen".
            r"\b(?:is|zijn|was|waren|staat|stond)\b(?=[^,.;:]*? (?:afhankelijk van|een van de"
            r"|één van de|koploper|in de top|hoogste|laagste|grootste|kleinste|(?:de|een) "
            r"(?:\w+ ){0,2}?[\w-]*(?:exporteur|importeur|producent|handelspartner|investeerder"
            r"|donor|nettobetaler)|gebaat bij)\b)",
        ),
        examples=(
            "Nederland is voor de aanvoer van kunstmest grotendeels afhankelijk van import.",
            "Nederland is de grootste exporteur van bloemen binnen de Unie.",
            "Nederland is een van de lidstaten met de hoogste instroom per hoofd van de bevolking.",
            "Nederland staat in de top vijf van meest innovatieve landen van Europa.",
            "Nederland is als doorvoerland sterk gebaat bij goede spoorverbindingen.",
        ),
        counter=("Nederland is een groot voorstander van de interne markt.",),
    ),
)

_OTHERS = (
    r"(?:commissie|voorzitterschap|raad|lidsta\w+|parlement|ep|hof|landen|partijen"
    r"|rapporteur|agentschap|kamer|motie|fractie\w*|leden|wrr|afdeling)"
)
_VIEW_VERBS = (
    r"(?:acht|achten|vindt|vinden|noemt|noemen|benadrukt|benadrukken|stelt|stellen|meent"
    r"|menen|wijst|wijzen|verwacht|verwachten|hecht|hechten|pleit|pleiten|geeft aan"
    r"|geven aan|vraagt|vragen|wil|willen|zal|zullen|heeft aangegeven|hebben aangegeven"
    r"|beoogt|beogen|is voornemens|zijn voornemens|staat|staan|concludeert|concluderen)"
)
# Someone else judges or plans: "de Commissie acht het van belang", "zullen de lidstaten".
OTHERS_VIEW = rule(
    "others' view",
    None,
    "commissie voorzitterschap raad lidstaat lidstaten parlement ep hof landen partijen "
    "rapporteur agentschap kamer motie fractie leden wrr afdeling volgens",
    (
        rf"\b{_OTHERS}\b{gap(3)}{_VIEW_VERBS}\b",
        rf"\b{_VIEW_VERBS} (?:\w+ ){{0,2}}?(?:de|het|andere|meerdere|enkele|veel|alle) "
        rf"(?:\w+ )?{_OTHERS}\b",
        rf"\bvolgens (?:de|het) (?:\w+ )?{_OTHERS}\b",
    ),
    examples=(
        "De Commissie stelt dat het van belang is dat de lidstaten de richtlijn tijdig omzetten.",
        "Volgens de rapporteur is het essentieel dat de termijnen worden verlengd.",
    ),
    counter=("Hierbij is het van belang dat de uitvoeringslasten beperkt blijven.",),
)
