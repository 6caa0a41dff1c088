"""Build the held-out corpus from the letter sources.

    /work/main/.venv/bin/python tests/data/unseen/src/build.py            # letters, gold, pairs
    /work/main/.venv/bin/python tests/data/unseen/src/build.py --only lvr-2025-01-27

Renders each `src/letters/*.lt` to the renditions its `%render` line names, writes them to `letters/`, writes
`gold/<file stem>.json` (text renditions) or `gold-bin/<file stem>.json` (.pdf, .docx) in the format of the real
corpus gold, and assembles `pairs/NN-name/` (old, new, truth.json) from `PAIRS` and `src/pairs/<name>.json`.
The structural parts of a truth (pairs, added, removed, changed, moved, retitled, meta) are derived from the
sources by the rules of shared/corpus/README.md "dev/: cases"; the stances, duplicates and notes come from the
hand-written file; --explain prints the sentences that differ per changed item, to check the stances against.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent  # the corpus's src/ (see `use_corpus`)
sys.path.insert(0, str(HERE))  # the renderers beside this file

from lt import HEADINGS, Letter, parse, plain, split_enum  # noqa: E402
from render_docx import docx_text, render_docx  # noqa: E402
from render_markup import render_html, render_xml  # noqa: E402
from render_pdf import pdftotext, print_pdf, render_pdf_html  # noqa: E402
from render_text import render_text  # noqa: E402

ROOT = HERE.parent
LETTERS = ROOT / "letters"

# Procedures that letters write as a title prefix ("Beleidsdebat: Title"); the part before the colon is the kind.
PROCEDURES = {
    "algemene oriëntatie", "gedeeltelijke algemene oriëntatie", "beleidsdebat", "gedachtewisseling",
    "raadsconclusies", "politiek akkoord", "voortgangsrapport", "informatie van het voorzitterschap",
    "informatie van de commissie", "presentatie door de commissie", "aanneming", "goedkeuring",
}

# name, (old stem, rendition), (new stem, rendition)
PAIRS = [
    ("01-lvr-diversen-in-and-out", ("lvr-2025-01-27", "pdf"), ("lvr-2025-02-24", "txt")),
    ("02-ecofin-renumbered", ("ecofin-2025-11-14", "html"), ("ecofin-2025-12-12", "xml")),
    ("03-energie-chain", ("tte-energie-2025-06-16", "docx"), ("tte-energie-2025-12-15", "pdf")),
    ("04-raz-noise-web-vs-pdf", ("raz-2025-06-24", "txt"), ("raz-2025-06-24", "pdf")),
    ("05-compet-tweede-vs-eerste-kamer", ("compet-2025-11-27", "xml"), ("compet-2025-11-27-ek", "html")),
    ("06-milieu-group-and-procedures", ("milieuraad-2025-03-17", "pdf.txt"), ("milieuraad-2025-06-17", "docx")),
]


# ---------------------------------------------------------------- renditions


def use_corpus(src: Path, pairs: list) -> None:
    """Build another held-out corpus with these renderers and rules: its `src/` folder
    (letters/*.lt, pairs/*.json) and its PAIRS; letters, gold and pairs go beside `src/`."""
    global HERE, ROOT, LETTERS, PAIRS
    HERE, ROOT, LETTERS, PAIRS = src, src.parent, src.parent / "letters", pairs


def rendition_files(L: Letter) -> list[tuple[str, str]]:
    """[(kind, style)] from %render, e.g. 'txt:berthub pdf:ministry'."""
    out = []
    for spec in (L.get("render") or "").split():
        kind, _, style = spec.partition(":")
        out.append((kind, style))
    return out


def build_letter(L: Letter) -> list[dict]:
    """Render the letter; return one record per file: name, check text, chrome phrases, binary flag."""
    recs = []
    for kind, style in rendition_files(L):
        if kind == "txt":
            text, chrome = render_text(L, style)
            name = f"{L.stem}.txt"
            (LETTERS / name).write_text(text, encoding="utf-8")
            recs.append(dict(name=name, text=text, chrome=chrome, binary=False, style=style, kind="txt"))
        elif kind == "html":
            text = render_html(L, style)
            name = f"{L.stem}.html"
            (LETTERS / name).write_text(text, encoding="utf-8")
            recs.append(dict(name=name, text=text, chrome=[], binary=False, style=style, kind="html"))
        elif kind == "xml":
            text = render_xml(L)
            name = f"{L.stem}.xml"
            (LETTERS / name).write_text(text, encoding="utf-8")
            recs.append(dict(name=name, text=text, chrome=[], binary=False, style=style, kind="xml"))
        elif kind == "pdf":
            pdf = LETTERS / f"{L.stem}.pdf"
            (HERE / "build").mkdir(exist_ok=True)
            html = render_pdf_html(L, style)
            (HERE / "build" / f"{L.stem}.pdf.html").write_text(html, encoding="utf-8")
            print_pdf(html, pdf)
            raw = pdftotext(pdf, layout=False)
            lay = pdftotext(pdf, layout=True)
            chrome = pdf_chrome(L, style)
            keep_pdf = L.get("pdf_files", "pdf txt layout").split()
            if "pdf" in keep_pdf:
                recs.append(dict(name=pdf.name, text=raw, chrome=chrome, binary=True, style=style, kind="pdf"))
            if "txt" in keep_pdf:
                (LETTERS / f"{L.stem}.pdf.txt").write_text(raw, encoding="utf-8")
                recs.append(dict(name=f"{L.stem}.pdf.txt", text=raw, chrome=chrome, binary=False, style=style,
                                 kind="pdf.txt"))
            if "layout" in keep_pdf:
                (LETTERS / f"{L.stem}.layout.pdf.txt").write_text(lay, encoding="utf-8")
                recs.append(dict(name=f"{L.stem}.layout.pdf.txt", text=lay, chrome=chrome, binary=False,
                                 style=style, kind="layout.pdf.txt"))
            if "pdf" not in keep_pdf:
                pdf.unlink()
        elif kind == "docx":
            out = LETTERS / f"{L.stem}.docx"
            render_docx(L, style, out)
            recs.append(dict(name=out.name, text=docx_text(out), chrome=[], binary=True, style=style, kind="docx"))
        else:
            raise ValueError(f"{L.stem}: unknown rendition {kind}")
    return recs


def pdf_chrome(L: Letter, style: str) -> list[str]:
    """Page furniture of the PDF: never reading text of the cover or agenda."""
    if style == "kamerstuk":
        short = (L.get("kamer") or "Tweede Kamer").split(" der ")[0]
        return [f"{short}, vergaderjaar {L.get('vergaderjaar')}, {L.get('dossier')}, nr. {L.get('nr')}",
                "ISSN 0921 - 7371"]
    return ["Pagina 2 van"]


# ---------------------------------------------------------------- gold


def canon(s: str) -> str:
    sys.path.insert(0, str(ROOT.parent / "real"))
    from score_real import canon as c  # the scorer's own

    return c(s)


def heading_title(b) -> str:
    return plain(split_enum(b.text)[1])


def gold_items(L: Letter) -> list[dict]:
    items = []
    for b in L.headings:
        parent = heading_title(L.blocks[b.parent]) if b.parent is not None else None
        items.append({"title": heading_title(b), "parent": parent, "kind": b.kind})
    return items


def not_item_candidates(L: Letter, rec: dict) -> list[str]:
    c = []
    for b in L.blocks:
        if b.tag in ("ATITLE", "SH", "SEC", "SEC2", "LH", "STUKTITEL"):
            c.append(plain(b.text))
    if L.get("nr"):
        st = next((plain(b.text) for b in L.blocks if b.tag == "STUKTITEL"), None)
        if st:
            c.append(f"Nr. {L.get('nr')} {st}")
    if L.get("dossier"):
        c.append(f"{L.get('dossier')} {L.get('dossiertitel')}")
    if rec["kind"] == "txt":
        c += {"berthub": ["Brief regering", L.get("pagetitle")], "bijlage": ["Bijlage", L.get("pagetitle")],
              "ob": ["Kamerstuk"], "tk": [f"Brief regering : {L.get('pagetitle')}"], "plain": []}[rec["style"]]
    c += L.multi.get("not_item", [])
    return [x for x in c if x]


def make_gold(L: Letter, rec: dict) -> dict:
    src = canon(rec["text"])
    items = gold_items(L)
    titles = {canon(i["title"]).casefold() for i in items}
    seen, not_items = set(), []
    for x in not_item_candidates(L, rec):
        k = canon(x).casefold()
        if k in seen or k in titles or k not in src.casefold():
            continue
        seen.add(k)
        not_items.append(x)
    meta = {}
    for f in ("date", "addressee", "formation", "start", "end", "place"):
        v = L.get(f)
        meta[f] = None if v in (None, "null") else v
    notes = (L.get("goldnotes") or "").strip()
    return {
        "file": f"letters/{rec['name']}",
        "agenda": True,
        "meta": meta,
        "items": items,
        "not_items": not_items,
        "keep": L.multi.get("keep", []),
        "chrome": [c for c in rec["chrome"] + L.multi.get("chrome", []) if canon(c) in src],
        "partial_items": [],
        "notes": notes,
    }


def gold_name(rec: dict) -> str:
    n = rec["name"]
    for ext in (".layout.pdf.txt", ".pdf.txt", ".txt", ".html", ".xml", ".pdf", ".docx"):
        if n.endswith(ext):
            stem = n[: -len(ext)]
            suffix = {".layout.pdf.txt": ".layout", ".pdf.txt": ".pdftxt", ".txt": "", ".html": ".html",
                      ".xml": ".xml", ".pdf": ".pdf", ".docx": ".docx"}[ext]
            return stem + suffix + ".json"
    raise ValueError(n)


# ---------------------------------------------------------------- diff truth


SENT_RE = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z“‘\"'(0-9À-Ý])")


def sentences(text: str) -> list[str]:
    t = canon(plain(text)).replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    return [s for s in SENT_RE.split(t) if s]


def split_kind(title: str, kind: str | None) -> tuple[str, str | None]:
    head, sep, rest = title.partition(": ")
    if sep and (head.casefold() in PROCEDURES or re.match(r"informatie van (de|het) ", head.casefold())):
        return rest, head
    return title, kind


def units(L: Letter) -> list[dict]:
    """The comparable units of a letter in reading order: agenda items (not containers) and cover sections."""
    out = []
    blocks = L.blocks
    sec_n = 0
    sub_n = 0
    cur = None
    for i, b in enumerate(blocks):
        if b.tag in ("SEC", "SEC2") and b.area == "cover":
            if b.tag == "SEC":
                sec_n += 1
                sub_n = 0
                ref = f"B{sec_n}"
            else:
                sub_n += 1
                ref = f"B{sec_n}.{sub_n}"
            cur = {"ref": ref, "id": f"sec:{plain(b.text)}" if b.tag == "SEC" else None, "title": plain(b.text),
                   "kind": None, "body": [], "tag": b.tag, "sec_parent": f"B{sec_n}"}
            out.append(cur)
        elif b.tag in HEADINGS:
            title, kind = split_kind(heading_title(b), b.kind)
            cur = {"ref": b.ref, "id": b.id, "title": title, "kind": kind, "body": [], "tag": b.tag,
                   "letter_idx": i}
            out.append(cur)
        elif b.tag == "KIND":
            pass
        elif b.tag in ("SIG", "ATITLE"):
            cur = None
        elif b.tag in ("P", "LI", "LI2") and cur is not None:
            cur["body"] += sentences(b.text)
    # ids of covering-letter sub-sections: parent title + own title
    for u in out:
        if u["tag"] == "SEC2":
            parent = next(p for p in out if p["ref"] == u["sec_parent"])
            u["id"] = f"{parent['id']}/{u['title']}"
    # containers: no body of their own and children
    refs = {u["ref"] for u in out}
    listed = []
    for u in out:
        has_children = any(r.startswith(u["ref"] + ".") for r in refs)
        if has_children and not u["body"]:
            continue
        listed.append(u)
    return listed


def letter_meta(L: Letter) -> dict:
    m = {}
    if L.get("date") not in (None, "null"):
        m["date"] = L.get("date")
    m["council"] = L.get("council") or L.get("formation")
    m["meeting"] = L.get("start")
    if L.get("place") not in (None, "null") and L.get("date") not in (None, "null"):
        m["place"] = L.get("place")
    if L.get("addressee") not in (None, "null"):
        m["addressee"] = L.get("addressee")
    return m


def word_sim(a: list[str], b: list[str]) -> float:
    import difflib

    return difflib.SequenceMatcher(None, " ".join(a).split(), " ".join(b).split(), autojunk=False).ratio()


def make_truth(name: str, old: Letter, old_file: str, new: Letter, new_file: str, explain: bool) -> dict:
    hand = json.loads((HERE / "pairs" / f"{name}.json").read_text(encoding="utf-8"))
    uo, un = units(old), units(new)
    by_id_old = {u["id"]: u for u in uo}
    ids_new = {u["id"] for u in un}
    pairs, added, changed, moved, retitled = [], [], [], [], []
    for u in un:
        o = by_id_old.get(u["id"])
        if o is None:
            added.append(u["ref"])
            continue
        pairs.append([o["ref"], u["ref"]])
        same = (canon(o["title"]) == canon(u["title"]) and (o["kind"] or "") == (u["kind"] or "")
                and Counter(o["body"]) == Counter(u["body"]))
        if not same:
            changed.append(u["ref"])
            if explain:
                print(f"  changed {o['ref']} -> {u['ref']} {u['title'][:60]}")
                if canon(o["title"]) != canon(u["title"]):
                    print(f"     title: {o['title']!r} -> {u['title']!r}")
                if (o["kind"] or "") != (u["kind"] or ""):
                    print(f"     kind: {o['kind']!r} -> {u['kind']!r}")
                for s in (Counter(o["body"]) - Counter(u["body"])).elements():
                    print(f"     - {s}")
                for s in (Counter(u["body"]) - Counter(o["body"])).elements():
                    print(f"     + {s}")
        if o["ref"] != u["ref"]:
            moved.append(u["ref"])
        if canon(o["title"]) != canon(u["title"]):
            retitled.append(u["ref"])
    removed = [u["ref"] for u in uo if u["id"] not in ids_new]
    for side, us in (("old", uo), ("new", un)):
        for a in range(len(us)):
            for b in range(a + 1, len(us)):
                if us[a]["body"] and us[b]["body"] and word_sim(us[a]["body"], us[b]["body"]) >= 0.7:
                    print(f"  NOTE near copy in {side}: {us[a]['ref']} {us[b]['ref']}")
    truth = {
        "old": old_file,
        "new": new_file,
        "pairs": pairs,
        "added": added,
        "removed": removed,
        "changed": changed,
        "position_changes": hand["position_changes"],
        "duplicates": hand.get("duplicates", {"old": [], "new": []}),
        "moved": moved,
        "retitled": retitled,
        "meta": {"old": letter_meta(old), "new": letter_meta(new)},
        "notes": hand["notes"],
        "noise_only": hand["noise_only"],
    }
    bad = set(hand["position_changes"]) - set(changed)
    if bad:
        print(f"  WARNING position changes on unchanged items: {sorted(bad)}")
    if truth["noise_only"] and (changed or added or removed):
        print("  WARNING noise_only with changes")
    return truth


# ---------------------------------------------------------------- main


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--explain", action="store_true")
    ap.add_argument("--no-render", action="store_true", help="only the pair truths (letters already built)")
    args = ap.parse_args(argv)
    LETTERS.mkdir(exist_ok=True)
    (ROOT / "gold").mkdir(exist_ok=True)
    (ROOT / "gold-bin").mkdir(exist_ok=True)
    sources = sorted((HERE / "letters").glob("*.lt"))
    letters = {p.stem: parse(p) for p in sources}
    records: dict[str, list[dict]] = {}
    for stem, L in letters.items():
        if args.only and stem not in args.only:
            continue
        if args.no_render:
            continue
        recs = build_letter(L)
        records[stem] = recs
        for rec in recs:
            if L.get("gold", "yes") == "no":
                continue
            gold = make_gold(L, rec)
            d = ROOT / ("gold-bin" if rec["binary"] else "gold")
            (d / gold_name(rec)).write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"{stem}: {', '.join(r['name'] for r in recs)}")
    for name, (os_, ok), (ns, nk) in PAIRS:
        if args.only and os_ not in args.only and ns not in args.only:
            continue
        if not (HERE / "pairs" / f"{name}.json").exists() or os_ not in letters or ns not in letters:
            print(f"pair {name}: skipped (sources missing)")
            continue
        d = ROOT / "pairs" / name
        d.mkdir(parents=True, exist_ok=True)
        for f in d.iterdir():
            f.unlink()
        of, nf = f"old.{ok}", f"new.{nk}"
        shutil.copy(LETTERS / f"{os_}.{ok}", d / of)
        shutil.copy(LETTERS / f"{ns}.{nk}", d / nf)
        print(f"pair {name}:")
        truth = make_truth(name, letters[os_], of, letters[ns], nf, args.explain)
        (d / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
