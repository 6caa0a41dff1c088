"""Word documents as ministries write them: Word heading styles ('styles') or bold Normal paragraphs separated by
empty paragraphs ('bold'); real Word footnotes; 'Pagina N van M' in the footer."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from lt import NOTE_RE, Letter

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _xml_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _footnotes_xml(notes: dict[int, str]) -> bytes:
    sep = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    )
    body = "".join(
        f'<w:footnote w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {_xml_text(t)}</w:t></w:r></w:p></w:footnote>'
        for n, t in sorted(notes.items())
    )
    return (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:footnotes xmlns:w=\"{W_NS}\">"
            f"{sep}{body}</w:footnotes>").encode("utf-8")


def _add_styles(doc: Document) -> None:
    styles = doc.styles.element
    for sid, name, kind, rpr in (
        ("FootnoteText", "footnote text", "paragraph", '<w:sz w:val="16"/>'),
        ("FootnoteReference", "footnote reference", "character", '<w:vertAlign w:val="superscript"/>'),
    ):
        st = OxmlElement("w:style")
        st.set(qn("w:type"), kind)
        st.set(qn("w:styleId"), sid)
        nm = OxmlElement("w:name")
        nm.set(qn("w:val"), name)
        st.append(nm)
        from lxml import etree

        st.append(etree.fromstring(f'<w:rPr xmlns:w="{W_NS}">{rpr}</w:rPr>'))
        styles.append(st)


def _footnote_ref(paragraph, n: int) -> None:
    run = paragraph.add_run()
    rpr = run._r.get_or_add_rPr()
    rs = OxmlElement("w:rStyle")
    rs.set(qn("w:val"), "FootnoteReference")
    rpr.append(rs)
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(n))
    run._r.append(ref)


def _fill(paragraph, text: str, bold: bool = False, italic: bool = False) -> None:
    pos = 0
    for m in NOTE_RE.finditer(text):
        if m.start() > pos:
            r = paragraph.add_run(text[pos:m.start()])
            r.bold, r.italic = bold or None, italic or None
        _footnote_ref(paragraph, int(m.group(1)))
        pos = m.end()
    if pos < len(text):
        r = paragraph.add_run(text[pos:])
        r.bold, r.italic = bold or None, italic or None


def _field(paragraph, instr: str) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)


def render_docx(L: Letter, style: str, out: Path) -> None:
    doc = Document()
    doc.styles["Normal"].font.name = "Verdana"
    doc.styles["Normal"].font.size = Pt(9)
    _add_styles(doc)
    footer = doc.sections[0].footer.paragraphs[0]
    footer.add_run("Pagina ")
    _field(footer, " PAGE ")
    footer.add_run(" van ")
    _field(footer, " NUMPAGES ")
    has_parts = any(b.tag == "PART" for b in L.blocks)
    kindstyle = L.get("kindstyle", "plain")
    bold = style == "bold"
    blocks = L.blocks
    pending_break = False

    def para(text: str, st: str = "Normal", b: bool = False, it: bool = False):
        nonlocal pending_break
        p = doc.add_paragraph(style=st)
        if pending_break:
            p.add_run().add_break(WD_BREAK.PAGE)
            pending_break = False
        _fill(p, text, b, it)
        return p

    def gap() -> None:
        if bold:
            doc.add_paragraph()

    i = 0
    while i < len(blocks):
        b = blocks[i]
        nxt = blocks[i + 1].tag if i + 1 < len(blocks) else None
        if b.tag == "BREAK":
            pending_break = True
        elif b.tag == "STUKTITEL":
            if bold:
                para(b.text, b=True)
            else:
                para(b.text, "Title")
            gap()
        elif b.tag in ("AANHEF", "DATUM", "LH", "P"):
            para(b.text)
            if not (b.tag == "LH" and nxt == "LH"):
                gap()
        elif b.tag == "SIG":
            func, _, name = b.text.partition("|")
            para(func)
            gap()
            para(name)
            gap()
        elif b.tag in ("SEC", "ATITLE", "PART", "ITEM", "SUB", "SEC2"):
            if bold:
                para(b.text, b=b.tag != "SEC2", it=b.tag in ("SEC2", "SUB"))
                if nxt in ("P", "LI", "AANHEF", None):
                    pass
            else:
                st = {"SEC": "Heading 1", "SEC2": "Heading 2", "ATITLE": "Title", "PART": "Heading 1",
                      "ITEM": "Heading 2" if has_parts or L.get("docx_item_level") != "1" else "Heading 1",
                      "SUB": "Heading 3" if has_parts or L.get("docx_item_level") != "1" else "Heading 2"}[b.tag]
                para(b.text, st)
            if bold and b.tag in ("ATITLE", "PART"):
                gap()
        elif b.tag == "KIND":
            para(f"= {b.text}" if kindstyle == "eq" else b.text, it=kindstyle != "eq")
        elif b.tag == "SH":
            para(b.text, it=True)
        elif b.tag in ("LI", "LI2"):
            while i < len(blocks) and blocks[i].tag in ("LI", "LI2"):
                para(blocks[i].text, "List Bullet" if blocks[i].tag == "LI" else "List Bullet 2")
                i += 1
            gap()
            continue
        i += 1
    if L.notes:
        part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, _footnotes_xml(L.notes), doc.part.package)
        doc.part.relate_to(part, RT.FOOTNOTES)
    doc.core_properties.author = "Rijksoverheid"
    doc.core_properties.title = L.get("pdftitle") or L.get("pagetitle") or ""
    doc.save(str(out))


def docx_text(path: Path) -> str:
    """The reading text of a .docx (paragraphs in order, then the footnotes), for the gold check."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = [z.read("word/document.xml").decode("utf-8")]
        if "word/footnotes.xml" in z.namelist():
            parts.append(z.read("word/footnotes.xml").decode("utf-8"))
    lines = []
    for xml in parts:
        for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
            p = re.sub(r"<w:footnoteReference [^>]*/>", "", p)
            lines.append("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)))
    import html

    return html.unescape("\n".join(lines))
