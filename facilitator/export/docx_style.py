"""The Word house style: the built-in document (A4, Calibri, Danish) or an organisation's
template with the styles the writer needs added, headings kept with the next paragraph, and
the document's language for spell-check and hyphenation."""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from facilitator.core.errors import ValidationError
from facilitator.core.i18n import current_locale
from facilitator.core.i18n import gettext as _

LANGUAGE_TAGS = {"da": "da-DK", "en": "en-GB"}  # the document's language, for spell-check
FONT = "Calibri"  # what Danish public-sector Word installations use; LibreOffice maps it
MAX_HEADING_LEVEL = 4
# Styles the writer uses; an organisation's template that lacks one gets the built-in one.
USED_STYLES = (
    "Title",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Heading 4",
    "List Bullet",
    "List Bullet 2",
    "Table Grid",
    "Header",
    "Footer",
)


def house_document() -> DocxDocument:
    """The built-in house style: python-docx's default made A4, Calibri and Danish."""
    doc = Document()
    _set_a4(doc)
    for name in ("Normal", *USED_STYLES):
        _set_font(doc.styles[name])
    dark_blue = RGBColor(0x1F, 0x38, 0x64)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        doc.styles[name].font.color.rgb = dark_blue
    doc.styles["Normal"].font.size = Pt(11)
    _compact(doc)
    return doc


def _compact(doc: DocxDocument) -> None:
    """Seed 004's density: 6 pt between paragraphs (not Word's 10), bullets 2 pt apart at
    either level (a nested list does not float away from its theme), headings closer."""
    doc.styles["Normal"].paragraph_format.space_after = Pt(6)
    doc.styles["Normal"].paragraph_format.line_spacing = 1.05
    for name in ("List Bullet", "List Bullet 2"):
        ppr = doc.styles[name].element.get_or_add_pPr()
        for contextual in ppr.findall(qn("w:contextualSpacing")):
            ppr.remove(contextual)
        doc.styles[name].paragraph_format.space_after = Pt(2)
    doc.styles["Heading 1"].paragraph_format.space_before = Pt(14)
    doc.styles["Heading 2"].paragraph_format.space_before = Pt(10)


def _set_font(style: Any) -> None:
    """An explicit font; theme references (asciiTheme...) would override it in Word."""
    rpr = child_element(style.element, "w:rPr")
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:  # schema order: rFonts comes first in rPr
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "cs"):
        rfonts.set(qn(f"w:{attribute}"), FONT)


def from_template(path: Path) -> DocxDocument:
    """The organisation's template with its body emptied: styles, page setup, headers stay."""
    try:
        doc = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ValidationError(
            _(
                "Husets skabelon %(name)s kan ikke læses som et Word-dokument (.docx).",
                name=path.name,
            )
        ) from error
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _add_missing_styles(doc)
    return doc


def _add_missing_styles(doc: DocxDocument) -> None:
    """Templates saved by Word hold only the styles they use; borrow the rest (and the
    bullet list's numbering) from the built-in style."""
    house = house_document()
    names = {style.name for style in doc.styles}
    for name in USED_STYLES:
        if name in names:
            continue
        element = copy.deepcopy(house.styles[name].element)
        for link in element.findall(qn("w:link")):  # its character twin stays behind
            element.remove(link)
        if name.startswith("List Bullet"):
            _copy_bullet_numbering(house, doc, element)
        doc.styles.element.append(element)


def _copy_bullet_numbering(house: DocxDocument, doc: DocxDocument, style: etree._Element) -> None:
    num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    if num_id is None:
        return
    source = house.part.numbering_part.element
    num = source.xpath(f"w:num[@w:numId='{num_id.get(qn('w:val'))}']")[0]
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = copy.deepcopy(source.xpath(f"w:abstractNum[@w:abstractNumId='{abstract_id}']")[0])
    target = doc.part.numbering_part.element
    new_abstract = 1 + max(
        (int(a.get(qn("w:abstractNumId"))) for a in target.xpath("w:abstractNum")), default=0
    )
    new_num = 1 + max((int(n.get(qn("w:numId"))) for n in target.xpath("w:num")), default=0)
    abstract.set(qn("w:abstractNumId"), str(new_abstract))
    for nsid in abstract.findall(qn("w:nsid")):  # a list identity apart from the template
        abstract.remove(nsid)
    num = copy.deepcopy(num)
    num.set(qn("w:numId"), str(new_num))
    num.find(qn("w:abstractNumId")).set(qn("w:val"), str(new_abstract))
    first_num = target.find(qn("w:num"))  # schema order: all abstractNum before num
    if first_num is None:
        target.append(abstract)
    else:
        first_num.addprevious(abstract)
    target.append(num)
    num_id.set(qn("w:val"), str(new_num))


def keep_headings_with_next(doc: DocxDocument) -> None:
    """A heading never ends a page: set on the styles, so the organisation's template too."""
    for name in ("Title", *(f"Heading {level}" for level in range(1, MAX_HEADING_LEVEL + 1))):
        style = doc.styles[name]
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.keep_together = True


def language_tag() -> str:
    """ "da-DK" or "en-GB": the language the document is written in (facilitator.core.i18n)."""
    return LANGUAGE_TAGS.get(current_locale(), LANGUAGE_TAGS["da"])


def set_language(doc: DocxDocument) -> None:
    """docDefaults and the Normal style carry the language so spell-check and hyphenation
    follow the document's (an organisation's template may set its own on Normal)."""
    styles = doc.styles.element
    doc_defaults = styles.find(qn("w:docDefaults"))
    if doc_defaults is None:
        doc_defaults = etree.SubElement(styles, qn("w:docDefaults"))
        styles.insert(0, doc_defaults)
    rprs = [child_element(child_element(doc_defaults, "w:rPrDefault"), "w:rPr")]
    normal = doc.styles["Normal"].element.find(qn("w:rPr"))
    if normal is not None and normal.find(qn("w:lang")) is not None:
        rprs.append(normal)  # only where the template set one: docDefaults cover the rest
    for rpr in rprs:
        lang = child_element(rpr, "w:lang")
        lang.set(qn("w:val"), language_tag())
        lang.set(qn("w:eastAsia"), language_tag())


def child_element(parent: etree._Element, tag: str) -> etree._Element:
    found = parent.find(qn(tag))
    return found if found is not None else etree.SubElement(parent, qn(tag))


def _set_a4(doc: DocxDocument) -> None:
    """The default template is US Letter; Danish public-sector paper is A4."""
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.header_distance = section.footer_distance = Cm(1.2)
