"""Read one sentence: does it state the Dutch government's position, and with what stance?

A sentence states a position when the government is its actor ("het kabinet", "de
regering", "Nederland", "ik"/"wij", "kabinetsinzet", "de Nederlandse inzet", "voor het
kabinet van belang", "volgens het kabinet", "steun van het kabinet", "in lijn met de
Nederlandse inzet"), or when it evaluates in the letter's own voice ("Hierbij is het van
belang …", "… moet uiteraard gewaarborgd blijven", "past niet binnen …", "ontbreken
echter"). It does not when "Nederland" is a place or an owner ("in/naar/uit Nederland",
"de gevolgen voor Nederland", "de kaders van Nederland"), when the government is asked
something ("de motie verzoekt de regering"), for the letter's own business ("Hierbij
bieden wij u … aan", "Middels deze brief …"), for a fact without a stance word ("Nederland
heeft het plan ingediend", "Nederland is aangemerkt als …") and for others' evaluations
("de Commissie acht het van belang …", "lidstaten zullen erop wijzen dat …", "de
Commissie verwacht dat Nederland …").

The stance is that of the first rule below that matches; ``cue`` is the words it matched:

1. oppose, negation: "niet (kunnen) steunen", "kan niet instemmen", "niet akkoord",
   "steunt … niet", "geen voorstander", "niet wenselijk", "ziet geen noodzaak", "past niet
   binnen"; not "niet alleen".
2. oppose, objection: "stemt tegen", "wijst … af", "verzet zich", "onaanvaardbaar",
   "blokkeren", "bezwaren" (not "geen bezwaar", "niet blokkeren").
3. conditional, condition: "mits", "tenzij", "onder voorwaarden", "op voorwaarde dat",
   "voorbehoud", "in zoverre", "kan alleen instemmen … als".
4. conditional, concern: "kritisch", "zorgen over", "terughoudend", "kanttekeningen",
   "vragen bij", "aandacht vragen voor" waarborgen or risks, "risico's ziet", "ontbreekt
   echter", "behoeft".
5. conditional, demand: "van belang", "belangrijk", "ziet graag", "erop gericht dat",
   "waarborgen", "vindt dat … moet", a normative modal outside a relative clause ("moet
   … blijven", "mogen … niet … worden"; not "…, die in juni gereed moet zijn").
6. neutral, no view yet: "nog geen standpunt", "onthoudt zich van stemming", "wacht … af",
   "bestudeert", "op hun merites beoordelen".
7. support: "geen bezwaar", "verzet zich niet", "niet blokkeren"; "steunt", "kan
   instemmen", "akkoord gaan", "verwelkomt", "onderschrijft", "staat positief", "kan leven
   met"; "zet in op", "pleit voor", "roept op", "sluit aan bij", "vraagt aandacht voor";
   "hecht belang", "van groot belang", "benadrukt", "past binnen".
8. neutral, taking note: "aanhoren", "kennisnemen", "informeren", "op de hoogte houden",
   "toelichten", "verkent", "brengt in kaart", "stelt vast".
9. support, conduct: the government acts and no rule matched ("Nederland zal
   bijdragen"); the cue is the actor. A fact without a rule is no position (see above).

So negation and opposition beat support, conditions and demands beat plain support, a
missing view beats support, and support beats taking note. A sentence without the
government as actor takes its stance from these rules too, or else from the evaluative
form that made it a position.

Rules match the sentence without note markers, fingerprinted (straight quotes and
dashes) and lowercased. Each rule names stems, word beginnings of which at least one
starts a word of every match; a rule is searched only when the sentence has such a
word, so most sentences cost a set look-up per rule instead of a search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract.base import NOTE_OPEN, strip_notes
from tracker.textnorm import fingerprint

SUPPORT = "support"
OPPOSE = "oppose"
CONDITIONAL = "conditional"
NEUTRAL = "neutral"
STANCES = (SUPPORT, OPPOSE, CONDITIONAL, NEUTRAL)
# How pages, feeds and stored titles say a stance in Dutch; "none": no position sentence.
STANCES_NL = {
    SUPPORT: "voor",
    OPPOSE: "tegen",
    CONDITIONAL: "onder voorwaarden",
    NEUTRAL: "neutraal",
    "none": "geen standpunt",
}

# Words are looked up by their first letters; a shorter stem must be the whole word.
STEM_LENGTH = 5


@dataclass(frozen=True)
class Reading:
    """What a sentence says of the government: a position or not, its stance and cue."""

    position: bool
    stance: str | None = None
    cue: str | None = None


NOT_A_POSITION = Reading(False)


@dataclass(frozen=True)
class _Rule:
    """A named pattern, searched only in sentences with a word that starts with a stem."""

    name: str
    stance: str
    stems: frozenset[str]
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None = None

    def find(self, lowered: str, words: set[str]) -> re.Match[str] | None:
        """The rule's match in ``lowered`` (whose word stems are ``words``), or None."""
        if self.stems.isdisjoint(words):
            return None
        if self.unless is not None and self.unless.search(lowered):
            return None
        return self.pattern.search(lowered)


def _rule(
    name: str, stance: str, stems: str, alternatives: tuple[str, ...], unless: str = ""
) -> _Rule:
    """A rule from space-separated stems and lowercase alternatives with literal spaces."""
    return _Rule(
        name,
        stance,
        frozenset(stem[:STEM_LENGTH] for stem in stems.split()),
        re.compile("|".join(alternatives)),
        re.compile(unless) if unless else None,
    )


def _gap(n: int) -> str:
    """A pattern for a space, then up to ``n`` words and a space, within one clause."""
    return rf" (?:[^ ,.;:]+ ){{0,{n}}}?"


_GAP3, _GAP4, _GAP6, _GAP10 = _gap(3), _gap(4), _gap(6), _gap(10)
# What a demand on a proposal's content names: safeguards, conditions, risks, burdens.
_DEMAND_OBJECT = (
    r"(?:waarborg\w*|voorwaarde\w*|garantie\w*|risico\w*|zorg\w*|bezwa\w*|knelpunt\w*"
    r"|gevolgen|uitvoerbaarheid|proportionaliteit|subsidiariteit|lasten\w*|kosten)\b"
)
_NEG = r"\b(?:niet|geen|nooit)\b(?!-| (?:alleen|enkel|slechts|zozeer|onmogelijk)\b)"
_SUPPORT_WORD = (
    r"(?:steun\w*|ondersteun\w*|instem\w*|in (?:\w+ ){0,2}?stemmen|akkoord\b(?! over| te\b)"
    r"|aanvaard\w*|accepte\w*|verwelkom\w*|onderschrij\w*|voorstander\w*|vinden in|positief"
    r"|eens (?:met|zijn)\b)"
)
_MODAL = r"\b(?:moet|moeten|mag|mogen|dient|dienen)\b"
_MODAL_STEMS = "moet moeten mag mogen dient dienen"
# A word that does not open a relative or adverbial clause ("die", "omdat", "waarbij", …):
# "…, die in juni gereed moet zijn" states a fact, "… dat X moet blijven" a demand.
_CLAUSE_WORD = (
    r"(?!(?:die|om|zodat|omdat|als|indien|wanneer|waarbij|waarin|waarmee|waaraan|waardoor"
    r"|waarvoor|welke|wat|nu)\b)[^ ,;:]+"
)

# The stance rules, in order of precedence.
_RULES = (
    _rule(
        "oppose: negation",
        OPPOSE,
        "niet geen nooit",
        (
            _NEG + _GAP3 + _SUPPORT_WORD,
            r"\b(?:steunt|steunen|ondersteunt|ondersteunen|verwelkomt|onderschrijft|aanvaardt"
            r"|accepteert)\b" + _GAP6 + r"niet\b(?!-| (?:alleen|enkel|slechts|langer)\b)",
            r"\bstem(?:t|men)\b" + _GAP4 + r"niet in\b",
            r"\bniet (?:aanvaardbaar|acceptabel|wenselijk|opportuun|nodig)\b",
            r"\bziet (?:\w+ ){0,3}?geen (?:noodzaak|meerwaarde|toegevoegde waarde|aanleiding)\b",
            r"\bpast niet (?:\w+ )?(?:binnen|bij)\b",
        ),
    ),
    _rule(
        "oppose: objection",
        OPPOSE,
        "tegen wijst afwijzen afwijst afgewezen verwerpt verwerpen verworpen verzet "
        "onaanvaardbaar onacceptabel onwenselijk bezwaar blokkeren blokkeert",
        (
            r"\b(?:stemt|stemmen|zal|zullen) tegen(?: stemmen)?\b",
            r"\btegen" + _GAP4 + r"stemmen\b",
            r"\btegenstem\w*|\btegenstander\w*|\b(?:is|blijft|zijn|blijven) (?:\w+ )?tegen\b",
            r"\bwijst\b" + _GAP10 + r"af\b|\bafwijz\w*|\bafgewezen\b",
            r"\bverwerp\w*|\bverworpen\b|\bverzet zich\b(?! niet)|\bzich (?:er )?tegen verzet",
            r"\bonaanvaardbaar\b|\bonacceptabel\b|\bonwenselijk\b",
            r"\bbezwa(?:ar|ren)\b|\bblokker\w*",
        ),
        unless=r"\bgeen (?:\w+ ){0,2}?bezwa|\bniet (?:\w+ )?(?:tegen|blokker)",
    ),
    _rule(
        "conditional: condition",
        CONDITIONAL,
        "mits tenzij voorwaarde voorbehoud zoverre zover alleen",
        (
            r"\bmits\b|\btenzij\b|\b(?:op|onder) (?:\w+ )?voorwaarden?\b|\bvoorwaarde\w*",
            r"\balleen\b" + _GAP4 + r"(?:instem\w*|steun\w*|akkoord\w*|aanvaard\w*)[^.;]*?"
            r"\b(?:als|indien|wanneer)\b",
            r"\bvoorbehoud\w*|\bin zoverre\b|\bvoor zover (?:het|dit|dat|deze|de|die|er)\b",
        ),
    ),
    _rule(
        "conditional: concern",
        CONDITIONAL,
        "kritisch zorg zorgen zorgpunt bezorgd kanttekening vraagteken vragen vraagt aandacht "
        "risico ontbreekt ontbreken helaas lastig onvoldoende behoeft behoeven twijfel "
        "terughoudend sceptisch",
        (
            r"\bkritisch\w*|\bterughoudend\w*|\bsceptisch\w*|\btwijfel\w*|\bbezorgd\w*",
            r"\bzorgen (?:over|bij|om|heeft|hebben|uit)\b|\bzorg (?:over|bij|om)\b|\bzorgpunt\w*",
            r"\b(?:heeft|hebben|maakt|maken|deelt|delen|uit|uiten|blijft|blijven)"
            + _GAP3
            + r"zorgen\b(?! (?:dat|voor|ervoor)\b)",
            r"\bkanttekening\w*|\bvraagteken\w*|\bvragen bij\b",
            # Attention asked for a safeguard or a risk is a demand on the text; for a
            # topic of one's own ("de aanpak van arbeidsuitbuiting") it is advocacy.
            r"\b(?:aandacht (?:\w+ ){0,2}?(?:vragen|vraagt|vraag)|vraagt (?:\w+ ){0,4}?aandacht)"
            r" (?:voor|bij) (?:\w+ ){0,3}?" + _DEMAND_OBJECT,
            r"\baandachtspunt\w*",
            r"\brisico'?s?\b" + _GAP3 + r"(?:gezien|ziet|zien)\b",
            r"\b(?:ziet|zien)\b" + _GAP3 + r"risico",
            r"\b(?:ontbreekt|ontbreken) (?:echter|helaas|nog)\b|\bhelaas\b|\blastig\b",
            r"\bonvoldoende\b|\bbehoeft\b|\bbehoeven\b",
        ),
    ),
    _rule(
        "conditional: demand",
        CONDITIONAL,
        "belang belangrijk graag erop waarborg gewaarborgd",
        (
            r"\bvan belang\b|\bbelangrijk\b",
            r"\bziet (?:\w+ ){0,3}?graag\b|\bgraag (?:\w+ )?zien\b",
            r"\berop gericht dat\b|\bwaarborg\w*|\bgewaarborgd\b",
        ),
    ),
    _rule(
        "conditional: normative modal",
        CONDITIONAL,
        _MODAL_STEMS,
        (
            rf"(?:^|[,;:] )(?:{_CLAUSE_WORD} ){{0,20}}?"
            rf"(?P<cue>{_MODAL}(?: {_CLAUSE_WORD}){{0,10}}? (?:zijn|worden|blijven)\b)",
            rf"\b(?:vindt|vinden|meent|menen|mening) (?:\w+ ){{0,3}}?dat\b[^.;]*?{_MODAL}",
        ),
    ),
    _rule(
        "neutral: no view yet",
        NEUTRAL,
        "nog onthoudt onthouden onthouding wacht afwachten beraadt bestudeert bestuderen merites",
        (
            r"\bnog geen (?:\w+ ){0,2}?(?:standpunt|positie|oordeel|appreciatie|besluit)\b",
            r"\bnog niet (?:\w+ )?(?:bepaald|ingenomen|gevormd|vastgesteld)\b",
            r"\bonthoudt\b|\bonthouden\b|\bonthouding\b",
            r"\bwacht\w*\b" + _gap(14) + r"af\b|\bafwacht\w*",
            r"\bop (?:hun|zijn|haar) merites\b",
            r"\bberaadt\b|\bbestudeert\b|\bbestuderen\b",
        ),
    ),
    _rule(
        "support: no objection",
        SUPPORT,
        "geen niet verzet",
        (
            r"\bgeen (?:\w+ ){0,2}?bezwa(?:ar|ren)\b",
            r"\bniet (?:onwelwillend|negatief|afwijzend|tegen)\b|\bniet (?:\w+ )?blokker\w*",
            r"\bverzet zich niet\b|\bzich niet (?:\w+ )?verzetten\b",
        ),
    ),
    _rule(
        "support: endorse",
        SUPPORT,
        "steun ondersteun gesteund instem stemmen stemt akkoord aanvaard accepte verwelkom "
        "onderschrijft voorstander positief welkom leven",
        (
            r"\bsteun\w*|\bondersteun\w*|\bgesteund\b",
            r"\binstem\w*|\bin (?:\w+ ){0,2}?stemmen\b|\bstemt (?:\w+ ){0,4}?in\b",
            r"\bakkoord (?:gaan|gaat|gegaan|met)\b",
            r"\b(?:gaat|gaan|is|zijn|kan|kunnen|zal|zullen) (?:\w+ ){0,3}?akkoord\b"
            r"(?! (?:over|te)\b)",
            r"\baanvaard\w*|\baccepte\w*|\bverwelkom\w*|\bonderschr\w*|\bwelkom\w*",
            r"\bvoorstander\w*|\bpositie(?:f|ve)\b|\b(?:kan|kunnen) (?:\w+ ){0,3}?leven met\b",
        ),
    ),
    _rule(
        "support: commit",
        SUPPORT,
        "zet inzetten ingezet pleit roep roept roepen oproep moedigt voortrekkersrol draagt "
        "bijdragen actief aangesloten aansluiten sluit deelt aandringen dringt aandacht",
        (
            r"\bzet (?:\w+ ){0,3}?in\b|\binzetten\b|\bingezet\b|\bvoortrekkersrol\b|\bactief\b",
            r"\bpleit\w*|\broep\w* (?:\w+ ){0,6}?op\b|\boproep\w*|\bmoedig\w*",
            r"\baandring\w*|\bdringt (?:\w+ ){0,4}?aan\b",
            r"\baandacht (?:\w+ ){0,2}?(?:vragen|vraagt|vraag)\b|\bvraagt (?:\w+ ){0,4}?aandacht\b",
            r"\bdraagt (?:\w+ ){0,4}?bij\b|\bbijdragen\b",
            r"\baangesloten bij\b|\baansluiten bij\b|\bsluit\w* (?:\w+ ){0,3}?aan bij\b",
            r"\bdeelt (?:\w+ ){0,3}?(?:de|het) (?:\w+ )?(?:focus|mening|opvatting|analyse|visie"
            r"|ambitie|doel\w*|prioriteit\w*|inzet|belang|conclusie\w*|standpunt|oproep|wens)\b",
        ),
    ),
    _rule(
        "support: value",
        SUPPORT,
        "hecht belang essentieel cruciaal noodzakelijk benadrukt terecht waardevol past vinden",
        (
            r"\bhecht\w*|\bvan (?:groot|bijzonder|essentieel|wezenlijk|cruciaal) belang\b",
            r"\bessentieel\b|\bcruciaal\b|\bnoodzakelijk\b|\bbenadruk\w*|\bterecht\b",
            r"\bwaardevol\w*",
            r"\bpast (?:\w+ )?(?:binnen|bij)\b|\bkan (?:zich )?(?:\w+ )?vinden in\b",
        ),
    ),
    _rule(
        "neutral: listen or take note",
        NEUTRAL,
        "aanhoren hoort kennis interesse belangstelling",
        (
            r"\baanhoren\b|\bhoort (?:\w+ ){0,5}?aan\b",
            r"\bkennis(?:genomen|nemen|neemt|name)\b|\bneemt (?:\w+ ){0,4}?kennis\b",
            r"\bmet (?:interesse|belangstelling)\b",
        ),
    ),
    _rule(
        "neutral: inform",
        NEUTRAL,
        "informeren informeert geïnformeerd informatie hoogte toelichten licht lichten",
        (
            r"\binformeren\b|\binformeert\b|\bte hebben geïnformeerd\b",
            r"\btoelichten\b|\blicht\w* (?:\w+ ){0,6}?toe\b",
            r"\binformatie(?:afspraken|voorziening)\b|\bop de hoogte (?:houden|stellen|brengen)\b",
        ),
    ),
    _rule(
        "neutral: explore",
        NEUTRAL,
        "verkent verkennen onderzoekt kaart stelt constateert kijkt",
        (
            r"\bverkent\b|\bverkennen\b|\bonderzoekt\b|\bbrengt (?:\S+ ){0,8}?in kaart\b",
            r"\bstelt (?:\w+ ){0,3}?vast\b|\bconstateert\b|\bkijkt (?:\w+ ){0,3}?naar\b",
        ),
    ),
)

_WEIGHTY = r"(?:van (?:\w+ )?belang|belangrijk|essentieel|cruciaal|noodzakelijk|wenselijk|zaak)"
# Evaluations in the letter's own voice: positions without a named actor.
_EVALUATIVE = (
    _rule(
        "evaluative: impersonal importance",
        CONDITIONAL,
        "belang belangrijk essentieel cruciaal noodzakelijk wenselijk zaak",
        (
            rf"\b(?:is|blijft|wordt|lijkt) het\b[^,;]{{0,40}}?\b{_WEIGHTY}\b",
            rf"\bhet is\b[^,;]{{0,40}}?\b{_WEIGHTY}\b",
            r"\b(?:van (?:\w+ )?belang|belangrijk) is (?:dat|om)\b",
        ),
    ),
    _rule(
        "evaluative: a norm, of course",
        CONDITIONAL,
        "uiteraard vanzelfsprekend",
        (
            r"\b(?:uiteraard|vanzelfsprekend)\b[^.;]*" + _MODAL,
            _MODAL + r"[^.;]*\b(?:uiteraard|vanzelfsprekend)\b",
        ),
    ),
    _rule(
        "evaluative: must not",
        CONDITIONAL,
        "mag mogen",
        (r"\b(?:mag|mogen)\b" + _gap(8) + r"niet\b", r"\bniet\b" + _GAP6 + r"(?:mag|mogen)\b"),
        unless=r"\b(?:volgens|op grond van|krachtens|bepaalt|bepalen)\b",
    ),
    _rule(
        "evaluative: the aim",
        CONDITIONAL,
        "inzet",
        (r"\bde inzet (?:moet|dient|is erop|blijft erop)\b",),
    ),
    _rule("evaluative: fit", SUPPORT, "past", (r"\bpast (?:niet |goed |ook )?(?:binnen|bij)\b",)),
    _rule(
        "evaluative: praise",
        SUPPORT,
        "goede welkome waardevolle nuttige",
        (
            r"\b(?:goede|welkome|waardevolle|nuttige) (?:eerste )?(?:stap|bijdrage|aanvulling"
            r"|basis)\b",
        ),
    ),
    _rule(
        "evaluative: critique",
        CONDITIONAL,
        "ontbreekt ontbreken helaas lastig onvoldoende",
        (
            r"\b(?:ontbreekt|ontbreken) (?:echter|helaas)\b|\bhelaas\b",
            r"\bonvoldoende (?:duidelijk|uitgewerkt|onderbouwd)\b",
        ),
    ),
)

# The government named; the word before a mention decides whether it acts (_is_actor).
_ACTOR = _rule(
    "actor",
    SUPPORT,
    "kabinet kabinets regering nederland mijn onze",
    (
        r"\bhet kabinet\b|\bde regering\b|\bnederland\b",
        r"\bkabinets(?:inzet|standpunt|positie|appreciatie|doelstelling\w*|doel|beleid|lijn"
        r"|prioriteit\w*|visie|voorkeur)\b",
        r"\b(?:de|het) nederlandse (?:inzet|positie|standpunt|appreciatie|visie|lijn|voorkeur)\b",
        r"\b(?:mijn|onze) (?:inzet|positie|standpunt|appreciatie|visie|voorkeur)\b",
    ),
)
# "ik" or "wij" of the minister.
_PRONOUN = _rule("pronoun", SUPPORT, "ik wij we", (r"\b(?:ik|wij|we)\b",))
_PLAIN_ACTORS = frozenset(("het kabinet", "de regering", "nederland", "ik", "wij", "we"))
# "in Nederland", "de positie van Nederland", "aan het kabinet": a place, owner or addressee.
_NOT_ACTOR_BEFORE = frozenset(
    "in naar uit binnen buiten van aan met tussen over bij richting tegen via vanuit dan "
    "voor tot".split()
)
# "in lijn met de Nederlandse inzet", "past binnen het kabinetsstandpunt": a yardstick.
_YARDSTICK_BEFORE = frozenset("met bij binnen".split())
# "steun van het kabinet", "de positie van Nederland": the government's stance after all.
_STANCE_NOUNS = frozenset(
    "steun inzet standpunt positie voorkeur visie oordeel opvatting mening zorgen zorg wens "
    "prioriteit prioriteiten lijn".split()
)
# "voor het kabinet is van belang …": the government's own evaluation.
_IMPORTANCE = re.compile(
    r"\b(?:van (?:\w+ )?belang|belangrijk\w*|essentieel|cruciaal|prioriteit\w*|voorwaarde\w*"
    r"|wenselijk|onwenselijk|aanvaardbaar|onaanvaardbaar|acceptabel|onacceptabel)\b"
)
# "de motie verzoekt de regering …": the government is the one asked.
_REQUEST_VERBS = frozenset("verzoekt verzoeken vraagt vragen roept roepen".split())
_REQUESTERS = frozenset(
    "motie moties kamer commissie raad parlement voorzitterschap lidstaten amendement".split()
)

_OTHERS = (
    r"(?:commissie|voorzitterschap|raad|lidsta\w+|parlement|ep|hof|landen|partijen"
    r"|rapporteur|agentschap|kamer|motie)"
)
_VIEW_VERBS = (
    r"(?:acht|achten|vindt|vinden|noemt|noemen|benadrukt|benadrukken|stelt|stellen|meent"
    r"|menen|wijst|wijzen|verwacht|verwachten|hecht|hechten|pleit|pleiten|geeft aan"
    r"|geven aan|vraagt|vragen|wil|willen|zal|zullen|heeft aangegeven|hebben aangegeven"
    r"|beoogt|beogen|is voornemens|zijn voornemens)"
)
# Someone else judges or plans: "de Commissie acht het van belang", "zullen de lidstaten".
_OTHER_VIEW = _rule(
    "others' view",
    NEUTRAL,
    "commissie voorzitterschap raad lidstaat lidstaten parlement ep hof landen partijen "
    "rapporteur agentschap kamer motie",
    (
        rf"\b{_OTHERS}\b{_GAP3}{_VIEW_VERBS}\b",
        rf"\b{_VIEW_VERBS} (?:\w+ ){{0,2}}?(?:de|het|andere|meerdere|enkele|veel|alle) "
        rf"(?:\w+ )?{_OTHERS}\b",
    ),
)
# The letter's own business: "Hierbij bieden wij u de geannoteerde agenda aan."
_LETTER_BUSINESS = _rule(
    "letter business",
    NEUTRAL,
    "hierbij bijgaand brief geannoteerde",
    (
        r"\b(?:hierbij|bijgaand)\b[^.]*\b(?:bied|bieden|zend|zenden|stuur|sturen|ontvangt)\b",
        r"\b(?:middels|met|in|via) (?:deze|dit) (?:brief|geannoteerde agenda)\b",
    ),
)
# A fact about the government rather than its stance: something it did ("heeft …
# ingediend"; "te hebben" is an infinitive), something done to it ("is aangemerkt als") or
# something it has or is ("ontvangt", "voldoet aan").
_FACT = _rule(
    "fact",
    NEUTRAL,
    "heeft hebben had hadden werd werden is wordt zijn worden ontvangt ontving krijgt kreeg "
    "kent beschikt voldoet behoort",
    (
        r"(?<!te )\b(?:heeft|hebben|had|hadden|werd|werden)\b",
        r"\b(?:ontvangt|ontving|krijgt|kreeg|kent|beschikt|voldoet|behoort)\b",
        r"\b(?:is|wordt|zijn|worden) (?:\w+ ){0,6}?(?:aangemerkt|genoemd|aangewezen|gevraagd"
        r"|verzocht|uitgenodigd|geselecteerd|beoordeeld|geëvalueerd|aangesproken|ingedeeld"
        r"|gerekend|geconfronteerd|getroffen|geraakt|geïnformeerd|vastgelegd|beschreven"
        r"|uiteengezet|gezonden|toegezonden|verzonden)\b",
    ),
)

# Characters that fingerprint keeps as they are (ASCII but "`", Latin letters), and the
# typographic quotes and dashes that it maps one to one; single spaces are checked apart.
_KEPT = "\x20-\x5f\x61-\x7e\u00c0-\u024f"
_TYPOGRAPHIC = "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2010-\u2015\u2212"
_PLAIN = re.compile(f"[{_KEPT}]*")
_FOLDABLE = re.compile(f"[{_KEPT}{_TYPOGRAPHIC}]*")
_TYPOGRAPHIC_RE = re.compile(f"[{_TYPOGRAPHIC}]")


def comparable(sentence: str) -> str:
    """``fingerprint(strip_notes(sentence))``, quick for the common, already clean text."""
    text = strip_notes(sentence) if NOTE_OPEN in sentence else sentence
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        return fingerprint(text)
    if _PLAIN.fullmatch(text):
        return text
    if _FOLDABLE.fullmatch(text):
        return _TYPOGRAPHIC_RE.sub(lambda m: fingerprint(m[0]), text)
    return fingerprint(text)


def read_position(sentence: str) -> Reading:
    """Whether ``sentence`` states the government's position, with its stance and cue."""
    text = comparable(sentence)
    lowered = text.lower()
    words = _word_stems(lowered)
    actor = _find_actor(lowered, words)
    if actor is None:
        return _read_evaluative(text, lowered, words)
    if _LETTER_BUSINESS.find(lowered, words):
        return NOT_A_POSITION
    rule, match = _first_match(_RULES, lowered, words)
    if match is not None:
        return Reading(True, rule.stance, _cue(text, lowered, match))
    if _FACT.find(lowered, words):
        return NOT_A_POSITION
    return Reading(True, SUPPORT, _cue(text, lowered, actor))


def _word_stems(lowered: str) -> set[str]:
    """The stems (first letters) of the words of ``lowered``, punctuation around them off."""
    spaced = lowered.replace(",", " ").replace(".", " ").replace("(", " ").replace('"', " ")
    return {word[:STEM_LENGTH] for word in spaced.split()}


def _read_evaluative(text: str, lowered: str, words: set[str]) -> Reading:
    """The reading of a sentence without the government as actor."""
    rule, match = _first_match(_EVALUATIVE, lowered, words)
    if match is None or _OTHER_VIEW.find(lowered, words):
        return NOT_A_POSITION
    stance_rule, stance_match = _first_match(_RULES, lowered, words)
    if stance_match is not None:
        rule, match = stance_rule, stance_match
    return Reading(True, rule.stance, _cue(text, lowered, match))


def _first_match(
    rules: tuple[_Rule, ...], lowered: str, words: set[str]
) -> tuple[_Rule, re.Match[str] | None]:
    """The first of ``rules`` that matches, with its match (None when none does)."""
    for rule in rules:
        match = rule.find(lowered, words)
        if match is not None:
            return rule, match
    return rules[-1], None


def _find_actor(lowered: str, words: set[str]) -> re.Match[str] | None:
    """The first mention of the government as the actor of ``lowered``, or None."""
    for rule in (_ACTOR, _PRONOUN):
        if not rule.stems.isdisjoint(words):
            for match in rule.pattern.finditer(lowered):
                if _is_actor(lowered, words, match):
                    return match
    return None


def _is_actor(lowered: str, words: set[str], match: re.Match[str]) -> bool:
    """Whether the mention in ``match`` is the government acting, not a place or object."""
    before = lowered[max(0, match.start() - 40) : match.start()].split()
    word = before[-1] if before else ""
    previous = before[-2] if len(before) > 1 else ""
    if word in _REQUEST_VERBS and previous in _REQUESTERS:
        return False
    if word == "dat":
        return not _reported(lowered, words, match.start())
    if word not in _NOT_ACTOR_BEFORE or (word in _YARDSTICK_BEFORE and _is_compound(match)):
        return True
    if word == "van":
        return previous in _STANCE_NOUNS
    return word == "voor" and _IMPORTANCE.search(lowered) is not None


def _reported(lowered: str, words: set[str], start: int) -> bool:
    """Whether others' view or plan, before ``start``, frames it: "de Commissie verwacht dat"."""
    view = _OTHER_VIEW.find(lowered, words)
    return view is not None and view.end() <= start


def _is_compound(match: re.Match[str]) -> bool:
    """Whether the mention names the government's stance ("kabinetsinzet"), not the actor."""
    return match[0] not in _PLAIN_ACTORS


def _cue(text: str, lowered: str, match: re.Match[str]) -> str:
    """The matched words (group ``cue`` when it took part) as they stand in ``text``."""
    start, end = match.span()
    if "cue" in match.re.groupindex and match["cue"] is not None:
        start, end = match.span("cue")
    if len(text) == len(lowered):
        return text[start:end]
    return lowered[start:end]
