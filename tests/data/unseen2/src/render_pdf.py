"""A4 PDFs printed by headless Chromium from HTML that a small script lays out page by page: footnotes at the foot
of the page that cites them, paragraphs split across pages, page numbers. Two house styles: a kamerstuk as
printed by the Staten-Generaal ('kamerstuk'), and a ministry letter with its letterhead and right-hand column
('ministry')."""

from __future__ import annotations

import subprocess
import tempfile
from html import escape
from pathlib import Path

from lt import NOTE_RE, Letter

CSS_COMMON = """
@page { size: A4; margin: 0 }
html, body { margin: 0; padding: 0; }
.page { width: 210mm; height: 296.5mm; position: relative; overflow: hidden; page-break-after: always; }
.page:last-child { page-break-after: auto; }
.content { position: absolute; }
.notes { position: absolute; bottom: 0; left: 0; right: 0; }
.notes:not(:empty) { border-top: 0.6pt solid #000; padding-top: 1.5mm; }
.fn { margin: 0 0 1mm 0; }
.fn sup { font-size: 70%; }
p { margin: 0 0 3.2mm 0; }
p.cont { text-indent: 0; }
sup { font-size: 65%; line-height: 0; }
ul { margin: 0 0 3.2mm 0; padding-left: 6mm; }
ul ul { margin: 1mm 0 0 0; list-style-type: circle; }
li { margin: 0 0 1mm 0; }
#src, #notes-src { display: none; }
"""

CSS_KAMERSTUK = """
body { font-family: 'DejaVu Serif', serif; font-size: 9.6pt; line-height: 1.38; }
.content { top: 22mm; bottom: 24mm; left: 30mm; right: 30mm; }
.page.first .content { top: 78mm; }
.kop { position: absolute; top: 22mm; left: 30mm; right: 30mm; }
.kop .kamer { font-size: 17pt; font-weight: bold; }
.kop .pnr { position: absolute; right: 0; top: 0; font-size: 17pt; font-weight: bold; }
.kop .vj { font-size: 10pt; margin-top: 1mm; }
.kop table { margin-top: 9mm; border-collapse: collapse; font-size: 9.6pt; width: 100%; }
.kop td { vertical-align: top; padding: 0 0 2.5mm 0; }
.kop td.l { width: 28mm; font-weight: bold; }
.kop td.r { font-weight: bold; }
.foot { position: absolute; bottom: 12mm; left: 30mm; right: 30mm; font-size: 7.6pt; }
.foot .pn { position: absolute; right: 0; top: 0; }
.notes { font-size: 7.6pt; line-height: 1.25; }
.h-part { font-weight: bold; margin: 4mm 0 2mm 0; }
.h-item, .h-sub { font-weight: bold; margin: 3mm 0 1.5mm 0; }
.h-sub { font-style: italic; }
.atitle { font-weight: bold; margin: 6mm 0 3mm 0; }
.sec { font-weight: bold; margin: 3mm 0 1.5mm 0; }
.sec2, .sh, .kind { font-style: italic; margin: 0 0 1.2mm 0; }
.sig { margin: 0 0 3mm 0; }
"""

CSS_MINISTRY = """
body { font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; line-height: 1.42; }
.content { top: 32mm; bottom: 26mm; left: 24mm; width: 126mm; }
.page.first .content { top: 108mm; }
.logo { position: absolute; top: 0; left: 97mm; width: 16mm; height: 30mm; background: #154273; }
.wordmark { position: absolute; top: 12mm; left: 115mm; font-size: 9.5pt; line-height: 1.2; }
.retour { position: absolute; top: 48mm; left: 24mm; font-size: 6.6pt; }
.adres { position: absolute; top: 54mm; left: 24mm; font-size: 9pt; line-height: 1.3; }
.lhmeta { position: absolute; top: 86mm; left: 24mm; width: 126mm; font-size: 9pt; }
.lhmeta td { vertical-align: top; padding: 0 4mm 0.8mm 0; }
.lhmeta td.k { font-size: 7pt; width: 18mm; padding-top: 0.6mm; }
.right { position: absolute; top: 48mm; left: 160mm; width: 38mm; font-size: 6.6pt; line-height: 1.35; }
.page.next .right { top: 32mm; }
.right .k { font-weight: bold; margin-top: 2.6mm; }
.foot { position: absolute; bottom: 12mm; left: 160mm; font-size: 6.6pt; }
.notes { font-size: 6.8pt; line-height: 1.3; }
.h-part { font-weight: bold; margin: 4mm 0 1.6mm 0; }
.h-item { font-weight: bold; margin: 3mm 0 1.2mm 0; }
.h-sub { font-weight: bold; font-style: italic; margin: 2.6mm 0 1.2mm 0; }
.atitle { font-weight: bold; font-size: 10pt; margin: 0 0 4mm 0; }
.sec { font-weight: bold; margin: 3mm 0 1.2mm 0; }
.sec2, .sh, .kind { font-style: italic; margin: 0 0 1mm 0; }
.sig { margin: 0 0 3mm 0; }
"""

SCRIPT = r"""
(function () {
  const src = document.getElementById('src');
  const notesSrc = {};
  document.querySelectorAll('#notes-src .fn').forEach(e => { notesSrc[e.dataset.n] = e; });
  const out = document.getElementById('out');
  let pageNo = 0, pg = null;
  function newPage() {
    pageNo++;
    const t = document.getElementById(pageNo === 1 ? 'tpl-first' : 'tpl-next');
    const p = t.content.firstElementChild.cloneNode(true);
    out.appendChild(p);
    pg = {el: p, content: p.querySelector('.content'), body: p.querySelector('.body'), notes: p.querySelector('.notes')};
  }
  function nums(el) { return Array.from(el.querySelectorAll('sup')).map(s => s.textContent.trim()); }
  function addNotes(el) {
    const added = [];
    for (const n of nums(el)) {
      if (!pg.notes.querySelector('[data-n="' + n + '"]')) {
        const c = notesSrc[n].cloneNode(true); pg.notes.appendChild(c); added.push(c);
      }
    }
    return added;
  }
  function fits(extra) {
    const nh = pg.notes.children.length ? pg.notes.offsetHeight + 10 : 0;
    return pg.body.offsetHeight + nh + (extra || 0) <= pg.content.clientHeight;
  }
  function test(el, extra) {
    pg.body.appendChild(el); const added = addNotes(el); const ok = fits(extra);
    el.remove(); added.forEach(a => a.remove()); return ok;
  }
  function place(el) { pg.body.appendChild(el); addNotes(el); }
  function part(el, words, a, b, cont) {
    const c = el.cloneNode(false); c.innerHTML = words.slice(a, b).join(' ');
    if (cont) c.classList.add('cont');
    return c;
  }
  newPage();
  for (const b of Array.from(src.children)) {
    if (b.classList.contains('break')) { if (pg.body.children.length) newPage(); continue; }
    const el = b.cloneNode(true);
    const keep = /(^| )(h-part|h-item|h-sub|atitle|sec|sec2|sh|kind)( |$)/.test(el.className) ? 48 : 0;
    if (test(el, keep)) { place(el); continue; }
    if (el.tagName === 'P' && !keep) {
      const words = el.innerHTML.split(' ');
      if (words.length > 20) {
        let lo = 6, hi = words.length - 6, best = 0;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          if (test(part(el, words, 0, mid, false), 0)) { best = mid; lo = mid + 1; } else { hi = mid - 1; }
        }
        if (best) {
          place(part(el, words, 0, best, false));
          newPage();
          place(part(el, words, best, words.length, true));
          continue;
        }
      }
    }
    newPage(); place(el);
  }
  const pages = out.querySelectorAll('.page');
  pages.forEach((p, i) => {
    p.querySelectorAll('.pno').forEach(e => { e.textContent = String(i + 1); });
    p.querySelectorAll('.pcount').forEach(e => { e.textContent = String(pages.length); });
  });
})();
"""


def inline(text: str) -> str:
    return NOTE_RE.sub(lambda m: f"<sup>{m.group(1)}</sup>", escape(text, quote=False))


def source_blocks(L: Letter) -> list[str]:
    """The letter's blocks as HTML elements for the paginator (the kamerstuk header and letterhead are in the
    page templates)."""
    kindstyle = L.get("kindstyle", "plain")
    out: list[str] = []
    blocks = L.blocks
    i = 0
    while i < len(blocks):
        b = blocks[i]
        t = inline(b.text)
        cls = {"AANHEF": "p", "DATUM": "p", "LH": "p lh", "P": "p", "SEC": "sec", "SEC2": "sec2", "ATITLE": "atitle",
               "PART": "h-part", "ITEM": "h-item", "SUB": "h-sub", "SH": "sh", "KIND": "kind"}.get(b.tag)
        if b.tag == "STUKTITEL":
            pass
        elif b.tag == "BREAK":
            out.append('<div class="break"></div>')
        elif b.tag == "KIND" and kindstyle == "eq":
            out.append(f'<p class="p">= {t}</p>')
        elif cls:
            out.append(f'<p class="{cls}">{t}</p>')
        elif b.tag == "SIG":
            func, _, name = b.text.partition("|")
            out.append(f'<p class="sig">{escape(func)}<br>{escape(name)}</p>')
        elif b.tag in ("LI", "LI2"):
            lis = []
            while i < len(blocks) and blocks[i].tag in ("LI", "LI2"):
                if blocks[i].tag == "LI":
                    lis.append(f"<li>{inline(blocks[i].text)}")
                    i += 1
                else:
                    sub = []
                    while i < len(blocks) and blocks[i].tag == "LI2":
                        sub.append(f"<li>{inline(blocks[i].text)}</li>")
                        i += 1
                    lis[-1] += "<ul>" + "".join(sub) + "</ul>"
            out.append('<ul class="list">' + "".join(x + "</li>" for x in lis) + "</ul>")
            continue
        i += 1
    return out


def templates(L: Letter, style: str) -> tuple[str, str]:
    stuktitel = next((b.text for b in L.blocks if b.tag == "STUKTITEL"), "")
    if style == "kamerstuk":
        kamer = L.get("kamer") or "Tweede Kamer der Staten-Generaal"
        short = kamer.split(" der ")[0]
        vj = L.get("vergaderjaar")
        run = f"{short}, vergaderjaar {vj}, {L.get('dossier')}, nr. {L.get('nr')}"
        kst = f"kst-{(L.get('dossier') or '').replace(' ', '')}-{L.get('nr')}"
        year = (L.get("date") or "2025")[:4]
        first = (
            '<div class="page first"><div class="kop">'
            f'<div class="kamer">{kamer}</div><div class="pnr">{"1" if short.startswith("Eerste") else "2"}</div>'
            f'<div class="vj">Vergaderjaar {vj}</div>'
            f'<table><tr><td class="l">{L.get("dossier")}</td><td class="r">{escape(L.get("dossiertitel") or "")}'
            f'</td></tr><tr><td class="l">Nr. {L.get("nr")}</td><td class="r">{escape(stuktitel)}</td></tr></table>'
            '</div><div class="content"><div class="body"></div><div class="notes"></div></div>'
            f'<div class="foot">{kst} ISSN 0921 - 7371 ’s-Gravenhage {year}</div></div>'
        )
        nxt = (
            '<div class="page next"><div class="content"><div class="body"></div><div class="notes"></div></div>'
            f'<div class="foot">{run}<span class="pn pno"></span></div></div>'
        )
        return first, nxt
    # ministry letter
    wordmark = escape(L.get("ministry") or "").replace(", ", ",<br>").replace(" en ", "<br>en ")
    right_first = "".join(f'<div class="{"k" if j % 2 == 0 else "v"}">{escape(x)}</div>'
                          for j, x in enumerate(_pairs(L.get("rightcol") or "")))
    adres = "<br>".join(escape(x) for x in (L.get("adres") or "").split(" | "))
    meta_rows = "".join(f'<tr><td class="k">{k}</td><td>{escape(v)}</td></tr>'
                        for k, v in (("Datum", L.get("lh_datum") or ""), ("Betreft", L.get("betreft") or "")))
    first = (
        '<div class="page first"><div class="logo"></div>'
        f'<div class="wordmark">{wordmark}</div>'
        f'<div class="retour">&gt; Retouradres {escape(L.get("retour") or "")}</div>'
        f'<div class="adres">{adres}</div>'
        f'<table class="lhmeta">{meta_rows}</table>'
        f'<div class="right">{right_first}</div>'
        '<div class="content"><div class="body"></div><div class="notes"></div></div>'
        '<div class="foot">Pagina <span class="pno"></span> van <span class="pcount"></span></div></div>'
    )
    right_next = (f'<div class="k">{escape(L.get("dienst") or "")}</div>'
                  f'<div class="k">Datum</div><div>{escape(L.get("lh_datum") or "")}</div>'
                  f'<div class="k">Kenmerk</div><div>{escape(L.get("kenmerk") or "")}</div>')
    nxt = (
        '<div class="page next"><div class="logo"></div>'
        f'<div class="wordmark">{wordmark}</div>'
        f'<div class="right">{right_next}</div>'
        '<div class="content"><div class="body"></div><div class="notes"></div></div>'
        '<div class="foot">Pagina <span class="pno"></span> van <span class="pcount"></span></div></div>'
    )
    return first, nxt


def _pairs(spec: str) -> list[str]:
    """'Key: value | Key: value' -> [key, value, key, value]; a part without ':' is a bold line of its own."""
    out = []
    for part in spec.split(" | "):
        k, sep, v = part.partition(": ")
        out += [k, v] if sep else [part, ""]
    return out


def render_pdf_html(L: Letter, style: str) -> str:
    first, nxt = templates(L, style)
    css = CSS_COMMON + (CSS_KAMERSTUK if style == "kamerstuk" else CSS_MINISTRY)
    notes = "".join(f'<div class="fn" data-n="{n}"><sup>{n}</sup> {escape(t, quote=False)}</div>'
                    for n, t in sorted(L.notes.items()))
    title = escape(L.get("pdftitle") or L.get("pagetitle") or "")
    return (
        f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{css}</style></head><body>"
        f'<template id="tpl-first">{first}</template><template id="tpl-next">{nxt}</template>'
        f'<div id="src">{"".join(source_blocks(L))}</div><div id="notes-src">{notes}</div><div id="out"></div>'
        f"<script>{SCRIPT}</script></body></html>"
    )


def print_pdf(html: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "letter.html"
        page.write_text(html, encoding="utf-8")
        profile = Path(tmp) / "profile"
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={out}", str(page)],
            check=True, capture_output=True, timeout=120,
        )


def pdftotext(pdf: Path, layout: bool) -> str:
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout
