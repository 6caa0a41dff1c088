"""HTML in the style of officielebekendmakingen.nl and the official publication XML."""

from __future__ import annotations

import re
from html import escape

from lt import NOTE_RE, Letter, split_enum


def _iso(L: Letter) -> str:
    return L.get("date") or L.get("regdate") or ""


# ---------------------------------------------------------------- HTML


def html_inline(text: str) -> str:
    out = escape(text, quote=False)
    return NOTE_RE.sub(
        lambda m: f'<sup><a class="nootnum" href="#n{m.group(1)}" id="r{m.group(1)}">{m.group(1)}</a></sup>', out
    )


def render_html(L: Letter, style: str) -> str:
    """style: 'flat' (headings as p.tussenkop strong, as dev case 15) or 'headings' (h3.deel/h4/h5, as the seed)."""
    kst = f"kst-{(L.get('dossier') or '').replace(' ', '')}-{L.get('nr')}"
    kamer = L.get("kamer") or "Tweede Kamer der Staten-Generaal"
    kindstyle = L.get("kindstyle", "plain")
    o: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="nl">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>Kamerstuk {(L.get('dossier') or '').replace(' ', '')}, nr. {L.get('nr')} | Officiële bekendmakingen</title>",
        f'<meta name="DC.identifier" content="{kst}">',
        f'<meta name="DC.title" content="{escape(L.get("dossiertitel") or "")}; Brief regering; '
        f'{escape(L.get("pagetitle") or "")}">',
        f'<meta name="DCTERMS.issued" content="{_iso(L)}">',
        f'<meta name="DC.creator" content="{kamer}">',
        "</head>",
        "<body>",
        '<div id="content">',
        '  <div class="stuk" id="broodtekst">',
        f'    <p class="kamerstukkop">{kamer}</p>',
        f'    <p class="vergaderjaar">Vergaderjaar {L.get("vergaderjaar")}</p>',
        f'    <p class="dossiernummer">{L.get("dossier")}</p>',
        f'    <p class="dossiertitel">{escape(L.get("dossiertitel") or "")}</p>',
        f'    <p class="stuknummer">Nr. {L.get("nr")}</p>',
    ]
    ind = "      "
    in_agenda = False
    blocks = L.blocks
    i = 0
    stuktitel = next((b.text for b in blocks if b.tag == "STUKTITEL"), None)
    if stuktitel:
        o.append(f'    <h1 class="stuktitel">{escape(stuktitel, quote=False)}</h1>')
    if blocks and blocks[0].area == "cover":
        o.append('    <div class="brief">')
    while i < len(blocks):
        b = blocks[i]
        t = html_inline(b.text)
        if b.area == "agenda" and not in_agenda:
            if blocks[0].area == "cover":
                o.append("    </div>")
            o.append('    <div class="bijlage geannoteerde-agenda">')
            in_agenda = True
        if b.tag == "STUKTITEL":
            pass
        elif b.tag == "AANHEF":
            o.append(f'{ind}<p class="aanhef">{t}</p>')
        elif b.tag == "DATUM":
            o.append(f'{ind}<p class="dagtekening">{t}</p>')
        elif b.tag in ("P", "LH"):
            o.append(f"{ind}<p>{t}</p>")
        elif b.tag == "SEC":
            o.append(f'{ind}<h2 class="tussenkop">{t}</h2>')
        elif b.tag == "SEC2":
            o.append(f'{ind}<h3 class="tussenkop">{t}</h3>')
        elif b.tag == "SIG":
            o.append(f'{ind}<div class="ondertekening">')
            while i < len(blocks) and blocks[i].tag == "SIG":
                func, _, name = blocks[i].text.partition("|")
                o.append(f'{ind}  <p class="functie">{escape(func)}</p>')
                o.append(f'{ind}  <p class="naam">{escape(name)}</p>')
                i += 1
            o.append(f"{ind}</div>")
            continue
        elif b.tag == "ATITLE":
            o.append(f'{ind}<h2 class="agenda-titel">{t}</h2>')
        elif b.tag in ("PART", "ITEM", "SUB"):
            if style == "flat":
                o.append(f'{ind}<p class="tussenkop"><strong>{t}</strong></p>')
            else:
                tag, cls = {"PART": ("h3", "deel"), "ITEM": ("h4", "agendapunt-titel"),
                            "SUB": ("h5", "agendapunt-titel")}[b.tag]
                o.append(f'{ind}<{tag} class="{cls}">{t}</{tag}>')
        elif b.tag == "KIND":
            if kindstyle == "eq":
                o.append(f"{ind}<p>= {t}</p>")
            else:
                o.append(f'{ind}<p class="procedure"><em>{t}</em></p>')
        elif b.tag == "SH":
            o.append(f'{ind}<p class="tussenkop"><em>{t}</em></p>')
        elif b.tag in ("LI", "LI2"):
            o.append(f'{ind}<ul class="opsomming-bullet">')
            open_li = False
            while i < len(blocks) and blocks[i].tag in ("LI", "LI2"):
                if blocks[i].tag == "LI":
                    if open_li:
                        o.append(f"{ind}  </li>")
                    o.append(f"{ind}  <li>")
                    o.append(f"{ind}    <p>{html_inline(blocks[i].text)}</p>")
                    open_li = True
                else:
                    o.append(f'{ind}    <ul class="opsomming-o">')
                    while i < len(blocks) and blocks[i].tag == "LI2":
                        o.append(f"{ind}      <li><p>{html_inline(blocks[i].text)}</p></li>")
                        i += 1
                    o.append(f"{ind}    </ul>")
                    continue
                i += 1
            o.append(f"{ind}  </li>")
            o.append(f"{ind}</ul>")
            continue
        i += 1
    o.append("    </div>")
    if L.notes:
        o.append('    <div class="noten">')
        o.append("      <h2>Noten</h2>")
        for n, t in sorted(L.notes.items()):
            o.append(f'      <div class="noot" id="n{n}"><p><sup><a href="#r{n}">{n}</a></sup> '
                     f"{escape(t, quote=False)}</p></div>")
        o.append("    </div>")
    o += ["  </div>", "</div>", "</body>", "</html>"]
    return "\n".join(o) + "\n"


# ---------------------------------------------------------------- XML


def xml_inline(text: str, kst: str) -> str:
    out = escape(text, quote=False)
    notes = xml_inline.notes  # type: ignore[attr-defined]
    return NOTE_RE.sub(
        lambda m: f'<noot id="{kst}-n{m.group(1)}" type="voet"><noot.nr>{m.group(1)}</noot.nr>'
        f"<noot.al>{escape(notes[int(m.group(1))], quote=False)}</noot.al></noot>",
        out,
    )


def _kop(text: str, kst: str) -> str:
    nr, title = split_enum(text)
    nr_x = f"<nr>{nr}</nr>" if nr else ""
    return f"<kop>{nr_x}<titel>{xml_inline(title, kst)}</titel></kop>"


def render_xml(L: Letter) -> str:
    kst = f"kst-{(L.get('dossier') or '').replace(' ', '')}-{L.get('nr')}"
    xml_inline.notes = L.notes  # type: ignore[attr-defined]
    kamer = L.get("kamer") or "Tweede Kamer der Staten-Generaal"
    kamer_nr = "1" if kamer.startswith("Eerste") else "2"
    kindstyle = L.get("kindstyle", "plain")
    date = L.get("date") or ""
    o = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<officiele-publicatie xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:noNamespaceSchemaLocation="http://technische-documentatie.oep.overheid.nl/repository/schemas/'
        'op-consolidated/op-consolidated_2014-05-15/xsd/op-xsd-2014-05-15.xsd">',
        "  <metadata>",
        f'    <meta name="DC.identifier" scheme="OVERHEIDop.ParlID" content="{kst}"/>',
        f'    <meta name="OVERHEIDop.dossiernummer" scheme="" content="{(L.get("dossier") or "").replace(" ", "")}"/>',
        f'    <meta name="OVERHEIDop.ondernummer" scheme="" content="{L.get("nr")}"/>',
        '    <meta name="DC.type" scheme="OVERHEIDop.KamerstukTypen" content="Brief regering"/>',
        f'    <meta name="DC.title" scheme="" content="{escape(L.get("dossiertitel") or "")}; Brief regering; '
        f'{escape(L.get("pagetitle") or "")}"/>',
        f'    <meta name="DCTERMS.issued" scheme="OVERHEID.XSD_DATE" content="{date}"/>',
        f'    <meta name="DC.creator" scheme="OVERHEID.StatenGeneraal" content="{kamer.split(" der ")[0]}"/>',
        "  </metadata>",
        "  <kamerstuk>",
        "    <kamerstukkop>",
        f'      <tekstregel inhoud="kameraanduiding">{kamer}</tekstregel>',
        f'      <tekstregel inhoud="vergaderjaar">Vergaderjaar {L.get("vergaderjaar")}</tekstregel>',
        "    </kamerstukkop>",
        f"    <dossier><dossiernummer><dossiernr>{L.get('dossier')}</dossiernr></dossiernummer>"
        f"<titel>{escape(L.get('dossiertitel') or '')}</titel></dossier>",
        "    <stuk>",
        f'      <stuknr>Nr. <ondernummer kamer="{kamer_nr}">{L.get("nr")}</ondernummer></stuknr>',
    ]
    blocks = L.blocks
    stuktitel = next((b.text for b in blocks if b.tag == "STUKTITEL"), None)
    if stuktitel:
        o.append(f"      <titel>{escape(stuktitel)}</titel>")
    o.append('      <algemeen><vrije-tekst><tekst status="goed">')
    # open divisions: stack of levels (0 = agenda title, 1 = part, 2 = item, 3 = sub)
    stack: list[int] = []
    has_parts = any(b.tag == "PART" for b in blocks)
    level_of = {"ATITLE": 0, "PART": 1, "ITEM": 2 if has_parts else 1, "SUB": 3 if has_parts else 2}

    def ind() -> str:
        return "        " + "  " * len(stack)

    i = 0
    while i < len(blocks):
        b = blocks[i]
        t = xml_inline(b.text, kst)
        if b.tag == "STUKTITEL":
            pass
        elif b.tag == "AANHEF":
            o.append(f"{ind()}<aanhef><al>{t}</al></aanhef>")
        elif b.tag == "DATUM":
            m = re.match(r"(.*?)(\d{1,2} \w+ \d{4})$", b.text)
            if m and date:
                o.append(f'{ind()}<dagtekening>{escape(m.group(1))}<datum isodatum="{date}">{m.group(2)}</datum>'
                         "</dagtekening>")
            else:
                o.append(f"{ind()}<dagtekening>{t}</dagtekening>")
        elif b.tag in ("P", "LH"):
            o.append(f"{ind()}<al>{t}</al>")
        elif b.tag in ("SEC", "SEC2", "SH"):
            fmt = "vet" if b.tag == "SEC" else "cur"
            o.append(f'{ind()}<tussenkop kopopmaak="{fmt}">{t}</tussenkop>')
        elif b.tag == "SIG":
            func, _, name = b.text.partition("|")
            o.append(f"{ind()}<ondertekening><functie>{escape(func)}</functie><naam>{escape(name)}</naam>"
                     "</ondertekening>")
        elif b.tag in level_of:
            lvl = level_of[b.tag]
            while stack and stack[-1] >= lvl:
                stack.pop()
                o.append(f"{ind()}</divisie>")
            o.append(f"{ind()}<divisie>")
            stack.append(lvl)
            o.append(f"{ind()}{_kop(b.text, kst)}")
        elif b.tag == "KIND":
            if kindstyle == "eq":
                o.append(f"{ind()}<al>= {t}</al>")
            else:
                o.append(f'{ind()}<al><nadruk type="cur">{t}</nadruk></al>')
        elif b.tag in ("LI", "LI2"):
            o.append(f'{ind()}<lijst type="ongemarkeerd">')
            open_li = False
            while i < len(blocks) and blocks[i].tag in ("LI", "LI2"):
                bb = blocks[i]
                if bb.tag == "LI":
                    if open_li:
                        o.append(f"{ind()}  </li>")
                    o.append(f"{ind()}  <li><li.nr>•</li.nr>")
                    o.append(f"{ind()}    <al>{xml_inline(bb.text, kst)}</al>")
                    open_li = True
                    i += 1
                else:
                    o.append(f'{ind()}    <lijst type="ongemarkeerd">')
                    while i < len(blocks) and blocks[i].tag == "LI2":
                        o.append(f"{ind()}      <li><li.nr>o</li.nr><al>{xml_inline(blocks[i].text, kst)}</al></li>")
                        i += 1
                    o.append(f"{ind()}    </lijst>")
            o.append(f"{ind()}  </li>")
            o.append(f"{ind()}</lijst>")
            continue
        i += 1
    while stack:
        stack.pop()
        o.append(f"{ind()}</divisie>")
    o += ["      </tekst></vrije-tekst></algemeen>", "    </stuk>", "  </kamerstuk>", "</officiele-publicatie>"]
    return "\n".join(o) + "\n"
