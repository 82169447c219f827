"""An arXiv paper a card cites → a PaperRecord: its title and the licence arXiv records for it.

One OAI-PMH request, through osai.net with kept answers: ``GET {base}?verb=GetRecord&
identifier=oai:arXiv.org:{id}&metadataPrefix=arXiv``, whose ``arXiv`` metadata format carries
``<license>`` (a licence URL; arXiv's default is its non-exclusive distribution licence).  The base
URL is ``OSAI_ARXIV_URL`` (default https://oaipmh.arxiv.org/oai).

The XML is someone else's: a document with a DTD or an entity declaration, in whatever encoding
it is written, is refused before its tree is built, and every element is read by name, its
absence meaning "not said".  An OAI-PMH protocol error other than ``idDoesNotExist`` (no such
paper) is arXiv refusing the request (``Refused``), said with its code and message; a record
whose header says ``status="deleted"`` is a paper arXiv no longer has.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ElementTree
from collections.abc import Mapping

from osai.backends.api import ApiReader, Reply
from osai.net import Malformed
from osai.records import PaperRecord
from osai.textsafe import one_line

# The most of a paper's title a citation quotes: the title is arXiv's data, and a record
# kilobytes long was quoted whole wherever the paper was cited.
TITLE_CHARS = 300

DEFAULT_BASE = "https://oaipmh.arxiv.org/oai"
OAI = "{http://www.openarchives.org/OAI/2.0/}"
ARXIV = "{http://arxiv.org/OAI/arXiv/}"


def base_url(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    return (env.get("OSAI_ARXIV_URL") or DEFAULT_BASE).rstrip("/")


def paper(reader: ApiReader, base: str, arxiv_id: str) -> PaperRecord:
    params = {
        "verb": "GetRecord",
        "identifier": f"oai:arXiv.org:{arxiv_id}",
        "metadataPrefix": "arXiv",
    }
    reply = reader.get(base, params, accept=(), check=lambda r: _record(r, arxiv_id))
    return _record(reply, arxiv_id)


def _record(reply: Reply, arxiv_id: str) -> PaperRecord:
    root = _parse(reply.body, reply.url)
    url = f"https://arxiv.org/abs/{arxiv_id}"
    error = root.find(f"{OAI}error")
    if error is not None:
        if error.get("code") == "idDoesNotExist":
            return PaperRecord(arxiv_id, url, found=False, cached=reply.cached)
        raise Refused(error.get("code") or "no code", "".join(error.itertext()), reply.url)
    record = f"{OAI}GetRecord/{OAI}record"
    if root.find(f"{record}/{OAI}header[@status='deleted']") is not None:
        # arXiv keeps deleted records (Identify: deletedRecord persistent) as a header alone:
        # an answer, which was read as "malformed answer: the record carries no arXiv metadata"
        return PaperRecord(arxiv_id, url, found=False, deleted=True, cached=reply.cached)
    metadata = root.find(f"{record}/{OAI}metadata/{ARXIV}arXiv")
    if metadata is None:
        raise Malformed("the record carries no arXiv metadata", reply.url)
    if len(metadata.findall(f"{ARXIV}license")) > 1:
        # arXiv records one licence a paper: of two, the first was the paper's
        raise Malformed("the record names more than one licence", reply.url)
    return PaperRecord(
        arxiv_id,
        url,
        title=one_line(_text(metadata, "title"), TITLE_CHARS),
        licence_url=_text(metadata, "license").strip(),
        cached=reply.cached,
    )


class Refused(Malformed):
    """arXiv answered an OAI-PMH protocol error (badArgument, badVerb, cannotDisseminateFormat):
    it refused the request, which is not a malformed answer ("malformed answer ... arXiv
    answered an error (badArgument)" said neither).  Not kept, as a malformed answer is not;
    its code and message are someone else's text, on one line and bounded (Malformed.detail)."""

    def __init__(self, code: str, message: str, url: str) -> None:
        super().__init__(f"{code}: {message.strip()}" if message.strip() else code, url)

    def _explain(self, host: str) -> str:
        return f"arXiv at {host} refused the request ({self.detail})"


# A web page where OAI-PMH was asked for (a maintenance page, a proxy's): said as such.  It was
# "the answer declares a DTD or entities" (<!DOCTYPE html>) or "the record carries no arXiv
# metadata" (<html> alone), as if arXiv had answered OAI-PMH wrongly.
WEB_PAGE = "the answer is a web page (HTML), not OAI-PMH"


def _parse(body: bytes, url: str) -> ElementTree.Element:
    if _declares_a_dtd(body, url):
        raise Malformed("the answer declares a DTD or entities", url)
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        raise Malformed("the answer is not XML", url) from None
    if root.tag != f"{OAI}OAI-PMH":
        raise Malformed(WEB_PAGE if _is_html(root.tag) else "the answer is not OAI-PMH", url)
    return root


def _is_html(name: str | None) -> bool:
    """Whether a root element's or a document type's name is HTML's (any namespace)."""
    return (name or "").rpartition("}")[2].lower() == "html"


class _Declared(Exception):
    """A document type declaration met while scanning: the document is refused."""


def _declares_a_dtd(body: bytes, url: str) -> bool:
    """Whether the document declares a DTD (and so may declare entities), asked of the XML
    parser itself before anything is expanded: a byte search for ``<!DOCTYPE`` misses one
    written in UTF-16 (a BOM, then two bytes a character), and such a document's entities were
    expanded, a licence or a billion laughs taken from them."""
    from xml.parsers import expat

    def declared(*_args: object) -> None:
        raise _Declared

    def doctype(name: str | None, *_args: object) -> None:
        if _is_html(name):
            raise Malformed(WEB_PAGE, url)
        raise _Declared

    scanner = expat.ParserCreate()
    scanner.StartDoctypeDeclHandler = doctype
    scanner.EntityDeclHandler = declared
    try:
        scanner.Parse(body, True)
    except _Declared:
        return True
    except expat.ExpatError:
        raise Malformed("the answer is not XML", url) from None
    return False


def _text(element: ElementTree.Element, name: str) -> str:
    found = element.find(f"{ARXIV}{name}")
    return found.text or "" if found is not None else ""
