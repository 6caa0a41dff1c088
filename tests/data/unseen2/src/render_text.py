"""Plain-text renditions: the letter as public web pages show it (with their chrome) or as bare text."""

from __future__ import annotations

import textwrap

from lt import NOTE_RE, Letter

NAV = (
    "[overzicht] [activiteiten] [ongeplande activiteiten] [besluiten] [commissies] [geschenken] [kamerleden] "
    "[kamerstukdossiers] [open vragen]\n[toezeggingen] [stemmingen] [verslagen] [\U0001f50d uitgebreid zoeken] "
    "[wat is dit?]"
)


def glued(text: str) -> str:
    return NOTE_RE.sub(lambda m: m.group(1), text)


def dossier_compact(L: Letter) -> str:
    return (L.get("dossier") or "").replace(" ", "")


def chrome_berthub(L: Letter) -> tuple[list[str], list[str], list[str]]:
    title = L.get("pagetitle")
    docnr, reg = L.get("docnr"), L.get("regdate")
    d = dossier_compact(L)
    dpre, _, dsub = d.partition("-")
    head = [
        NAV,
        title,
        L.get("dossiertitel"),
        "Brief regering",
        f"Nummer: {docnr}, datum: {reg}, bijgewerkt: {reg} 16:02, versie: 2",
        f"Directe link naar document (.pdf), link naar pagina op de Tweede Kamer site, officiële HTML versie "
        f"(kst-{d}-{L.get('nr')}).",
        "Gerelateerde personen: Bijlagen:",
        f"Onderdeel van kamerstukdossier {dpre} {dsub}-{L.get('nr')} {L.get('dossiertitel')}.",
        f"Onderdeel van zaak {L.get('zaak')}:",
        "Onderdeel van activiteiten:",
        "Preview document (\U0001f517 origineel)",
    ]
    phrases = [
        "ongeplande activiteiten",
        "uitgebreid zoeken",
        "Directe link naar document",
        "Onderdeel van kamerstukdossier",
        "Preview document",
        f"Nummer: {docnr}, datum: {reg}",
    ]
    return head, [], phrases


def chrome_berthub_bijlage(L: Letter) -> tuple[list[str], list[str], list[str]]:
    title = L.get("pagetitle")
    docnr, reg = L.get("docnr"), L.get("regdate")
    head = [
        NAV,
        title,
        "Bijlage",
        f"Nummer: {docnr}, datum: {reg}, bijgewerkt: {reg} 11:40, versie: 1",
        "Directe link naar document (.docx), link naar pagina op de Tweede Kamer site.",
        f"Bijlage bij: {L.get('parenttitle')} ({L.get('parentdocnr')})",
        "Preview document (\U0001f517 origineel)",
    ]
    phrases = [
        "ongeplande activiteiten",
        "uitgebreid zoeken",
        "Bijlage bij:",
        "Directe link naar document",
        "Preview document",
        f"Nummer: {docnr}, datum: {reg}",
    ]
    return head, [], phrases


def chrome_ob(L: Letter) -> tuple[list[str], list[str], list[str]]:
    kamer = L.get("kamer")
    vj = (L.get("vergaderjaar") or "").replace("–", "-")
    table = (
        "Datum publicatie | Organisatie | Vergaderjaar | Dossier- en ondernummer |\n---|---|---|---|\n"
        f"{L.get('pubdate')} | {kamer} | {vj} | {dossier_compact(L)} nr. {L.get('nr')} |"
    )
    head = [
        "Kamerstuk",
        table,
        "Zoals vergunningen, bouwplannen en lokale regelgeving.",
        "Adressen en contactpersonen van overheidsorganisaties.",
        "U bent hier:",
        table,
    ]
    tail = [
        "Naar boven",
        "Deze website wordt beheerd door KOOP, het Kennis- en Exploitatiecentrum Officiële Overheidspublicaties.\n"
        "Over deze site | Contact | Toegankelijkheid | Privacy en cookies | Sitemap",
    ]
    phrases = [
        "Zoals vergunningen, bouwplannen en lokale regelgeving",
        "Adressen en contactpersonen van overheidsorganisaties",
        "U bent hier:",
        "Dossier- en ondernummer",
        "Kennis- en Exploitatiecentrum Officiële Overheidspublicaties",
        "Privacy en cookies",
    ]
    return head, tail, phrases


def chrome_tk(L: Letter) -> tuple[list[str], list[str], list[str]]:
    head = [f"Brief regering : {L.get('pagetitle')}"]
    tail = [
        f"Documentgegevens\nKamerstuk {dossier_compact(L)}-{L.get('nr')} | Brief regering | {L.get('pubdate')}\n"
        "Download (PDF, 214 kB)\nDeel deze pagina: Facebook | LinkedIn | E-mail"
    ]
    phrases = ["Brief regering", "Documentgegevens", "Deel deze pagina", "Download (PDF, 214 kB)"]
    return head, tail, phrases


def chrome_none(L: Letter) -> tuple[list[str], list[str], list[str]]:
    return [], [], []


CHROME = {
    "berthub": chrome_berthub,
    "bijlage": chrome_berthub_bijlage,
    "ob": chrome_ob,
    "tk": chrome_tk,
    "plain": chrome_none,
}


def kamerstuk_head(L: Letter, style: str) -> list[str]:
    """The kamerstuk header lines as the page shows them (none for ministry letters and attachments)."""
    if not L.get("dossier") or style in ("plain", "bijlage"):
        return []
    lines = []
    if style == "berthub":
        lines.append(f"{L.get('kamer')} 2\nVergaderjaar {L.get('vergaderjaar')}")
    lines.append(f"{L.get('dossier')} {L.get('dossiertitel')}")
    return lines


def render_text(L: Letter, style: str) -> tuple[str, list[str]]:
    """(text, chrome phrases)."""
    head, tail, phrases = CHROME[style](L)
    blank = L.get("blank", "yes") == "yes"
    width = int(L.get("wrap", "0"))
    kindstyle = L.get("kindstyle", "plain")
    bullet = L.get("bullet", "•")
    sig_oneline = L.get("sigstyle", "twolines") == "oneline"
    out: list[str] = list(head) + kamerstuk_head(L, style)
    blocks = L.blocks
    i = 0
    while i < len(blocks):
        b = blocks[i]
        t = glued(b.text)
        if b.tag == "STUKTITEL":
            out.append(f"Nr. {L.get('nr')} {t}" if L.get("nr") and style != "plain" else t)
        elif b.tag == "LH":
            lines = []
            while i < len(blocks) and blocks[i].tag == "LH":
                lines.append(glued(blocks[i].text))
                i += 1
            out.append("\n".join(lines))
            continue
        elif b.tag in ("AANHEF", "DATUM", "SEC", "SEC2", "ATITLE", "PART", "ITEM", "SUB", "SH"):
            out.append(t)
        elif b.tag == "KIND":
            out.append(f"= {t}" if kindstyle == "eq" else t)
        elif b.tag == "P":
            out.append(textwrap.fill(t, width) if width else t)
        elif b.tag in ("LI", "LI2"):
            items = []
            while i < len(blocks) and blocks[i].tag in ("LI", "LI2"):
                bb = blocks[i]
                mark = f"  {bullet} " if bb.tag == "LI" else "      o "
                if bullet == "none":
                    mark = "" if bb.tag == "LI" else "  "
                items.append(mark + glued(bb.text))
                i += 1
            out.append("\n".join(items) if not blank else "\n\n".join(items))
            continue
        elif b.tag == "SIG":
            sigs = []
            while i < len(blocks) and blocks[i].tag == "SIG":
                func, _, name = blocks[i].text.partition("|")
                sigs.append(f"{func} {name}" if sig_oneline else f"{func}\n{name}")
                i += 1
            out.append(("\n\n" if blank else "\n").join(sigs))
            continue
        i += 1
    if L.notes:
        out.append("\n".join(f"{n} {t}" for n, t in sorted(L.notes.items())))
    out += tail
    sep = "\n\n" if blank else "\n"
    return sep.join(x for x in out if x) + "\n", phrases
