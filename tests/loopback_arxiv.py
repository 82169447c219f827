"""A loopback arXiv OAI-PMH interface for tests: a real HTTP server on 127.0.0.1 (``.base_url``
is what ``OSAI_ARXIV_URL`` points at; the real one is ``https://oaipmh.arxiv.org/oai``, formerly
``http://export.arxiv.org/oai2``).

It answers OAI-PMH 2.0 as arXiv does (XML, HTTP 200 even for protocol errors):

- ``GET {base}?verb=GetRecord&identifier=oai:arXiv.org:{id}&metadataPrefix=arXiv``: the record,
  its metadata in the ``arXiv`` format (namespace ``http://arxiv.org/OAI/arXiv/``:
  ``<arXiv><id/><created/><title/><license/>...``);
- ``verb=Identify``: the repository description;
- errors: ``idDoesNotExist`` (no such record), ``badArgument`` (a missing, repeated or illegal
  argument), ``cannotDisseminateFormat`` (a metadata prefix other than ``arXiv``; the real service
  also offers ``oai_dc`` and ``arXivRaw``), ``badVerb``.

Flow control is arXiv's ``503`` with ``Retry-After``: ``inject_status(..., 503, retry_after=N)``.
Other faults come from tests/loopback_http.py (``inject_malformed`` sends broken XML).

Records come from ``tests/fixtures/links/arxiv/*.json``. The corpus established titles only: no
record there has a licence, authors, categories or abstract, so those elements are left out, never
invented (arXiv's own format requires ``authors``; a client must not rely on it here). A test adds
a record with a licence with ``add_record({"id": ..., "license": "http://..."})``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from loopback_http import Fault, LoopbackServer, RecordedRequest, Response

DEFAULT_ARXIV_DIR = Path(__file__).resolve().parent / "fixtures" / "links" / "arxiv"
OAI_PATH = "/oai"
OAI_NS = "http://www.openarchives.org/OAI/2.0/"
ARXIV_NS = "http://arxiv.org/OAI/arXiv/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
OAI_PREFIX = "oai:arXiv.org:"
FORMATS = ("arXiv",)
NONEXCLUSIVE = "http://arxiv.org/licenses/nonexclusive-distrib/1.0/"
VERBS: dict[str, tuple[set[str], set[str]]] = {
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "Identify": (set(), set()),
}
# New-style (2007+) and old-style (archive/YYMMNNN) arXiv identifiers, without version.
_ARXIV_ID = re.compile(r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})$")
# Elements of the arXiv format in the order of its schema (arXiv.xsd), as fixture keys.
_ELEMENTS = (
    "id", "created", "updated", "authors", "title", "msc-class", "acm-class", "report-no",
    "journal-ref", "comments", "proxy", "categories", "doi", "license", "abstract",
)  # fmt: skip


class LoopbackArxiv(LoopbackServer):
    """A fake arXiv OAI-PMH interface on 127.0.0.1, started on an ephemeral port.

    Use as a context manager::

        with LoopbackArxiv() as arxiv:
            urllib.request.urlopen(f"{arxiv.base_url}?verb=GetRecord&identifier="
                                   "oai:arXiv.org:2304.01373&metadataPrefix=arXiv")
    """

    kind = "LoopbackArxiv"

    def __init__(
        self, fixtures_dir: Path | str | None = DEFAULT_ARXIV_DIR, *, port: int = 0,
        latency: float = 0.0,
    ) -> None:  # fmt: skip
        super().__init__(port=port, latency=latency)
        self._records: dict[str, dict[str, Any]] = {}
        self._documents: dict[str, bytes] = {}  # arXiv id -> the raw answer to GetRecord
        if fixtures_dir is not None:
            self.load_fixtures(fixtures_dir)

    @property
    def base_url(self) -> str:
        """The OAI-PMH base URL: the value for ``OSAI_ARXIV_URL``."""
        return f"{self.endpoint}{OAI_PATH}"

    def load_fixtures(self, fixtures_dir: Path | str) -> list[str]:
        paths = sorted(Path(fixtures_dir).glob("*.json"))
        return [self.add_record(json.loads(p.read_text(encoding="utf-8"))) for p in paths]

    def add_record(self, data: Mapping[str, Any]) -> str:
        """Add or replace a record described like tests/fixtures/links/arxiv/*.json (needs
        ``id``); any arXiv-format element may be given by name (``license``, ``categories``,
        ``abstract``, ``authors`` as a list of ``{keyname, forenames}``...), plus ``datestamp``
        and ``setSpec`` for the OAI header; ``deleted: True`` serves it as a deleted record (the
        repository's ``deletedRecord`` is ``persistent``: a header with ``status="deleted"`` and
        no metadata, OAI-PMH 2.0 section 2.5.1). Return the id."""
        record = dict(data)
        arxiv_id = record.get("id")
        if not isinstance(arxiv_id, str) or not _ARXIV_ID.match(arxiv_id):
            raise ValueError(f"not an arXiv id without version: {arxiv_id!r}")
        with self._lock:
            self._records[arxiv_id] = record
        return arxiv_id

    def answer_with(self, arxiv_id: str, document: bytes) -> None:
        """Answer GetRecord for ``arxiv_id`` with ``document`` as it is (HTTP 200, text/xml):
        a hostile or broken answer in any encoding (a DTD, entities, UTF-16)."""
        with self._lock:
            self._documents[arxiv_id] = document

    def remove_record(self, arxiv_id: str) -> None:
        with self._lock:
            self._records.pop(arxiv_id, None)

    @property
    def record_ids(self) -> list[str]:
        with self._lock:
            return sorted(self._records)

    # ------------------------------------------------------------------ routing

    def _fault_response(self, fault: Fault) -> Response:
        message = fault.error_message or f"Injected fault: HTTP {fault.status}"
        body = f"<html><body><h1>{escape(message)}</h1></body></html>\n".encode()
        response = Response(fault.status, {"Content-Type": "text/html; charset=utf-8"}, body)
        return self._with_fault_headers(response, fault)

    def _malformed_response(self) -> Response:
        body = f'<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="{OAI_NS}"><GetRecord>'
        return Response(200, {"Content-Type": "text/xml; charset=utf-8"}, body.encode())

    def _route(self, request: RecordedRequest) -> Response:
        if request.path != OAI_PATH or request.method not in ("GET", "HEAD"):
            headers = {"Content-Type": "text/plain; charset=utf-8"}
            return Response(404, headers, b"Not Found\n")
        identifiers = request.query.get("identifier", [])
        arxiv_id = identifiers[0].removeprefix(OAI_PREFIX) if len(identifiers) == 1 else ""
        with self._lock:
            document = self._documents.get(arxiv_id)
        if document is not None:
            return Response(200, {"Content-Type": "text/xml; charset=utf-8"}, document)
        return _xml(self._answer(request.query))

    def _answer(self, query: Mapping[str, list[str]]) -> str:
        verb_values = query.get("verb", [])
        if len(verb_values) != 1 or verb_values[0] not in VERBS:
            text = "Illegal verb" if verb_values else "No verb given"
            return self._envelope(None, _error("badVerb", text))
        verb = verb_values[0]
        required, optional = VERBS[verb]
        args = {k: v for k, v in query.items() if k != "verb"}
        problem = _argument_problem(args, required, optional)
        if problem is not None:
            return self._envelope(None, _error("badArgument", problem))
        plain = {k: v[0] for k, v in args.items()}
        if verb == "Identify":
            return self._envelope({"verb": verb}, self._identify())
        return self._envelope({"verb": verb, **plain}, self._get_record(plain))

    def _get_record(self, args: Mapping[str, str]) -> str:
        identifier, prefix = args["identifier"], args["metadataPrefix"]
        if prefix not in FORMATS:
            return _error("cannotDisseminateFormat", f"Unknown metadataPrefix: {prefix}")
        arxiv_id = identifier.removeprefix(OAI_PREFIX) if identifier.startswith(OAI_PREFIX) else ""
        with self._lock:
            record = dict(self._records[arxiv_id]) if arxiv_id in self._records else None
        if record is None:
            return _error("idDoesNotExist", _unknown_id(identifier, known_form=bool(arxiv_id)))
        if record.get("deleted") is True:
            body = _header(identifier, record, status="deleted")
        else:
            body = _header(identifier, record) + _metadata(record)
        return f"<GetRecord><record>{body}</record></GetRecord>"

    def _identify(self) -> str:
        return (
            "<Identify><repositoryName>arXiv (loopback)</repositoryName>"
            f"<baseURL>{escape(self.base_url)}</baseURL><protocolVersion>2.0</protocolVersion>"
            "<adminEmail>help@arxiv.org</adminEmail>"
            "<earliestDatestamp>2007-05-23</earliestDatestamp><deletedRecord>persistent"
            "</deletedRecord><granularity>YYYY-MM-DD</granularity></Identify>"
        )

    def _envelope(self, attributes: Mapping[str, str] | None, content: str) -> str:
        """The OAI-PMH document; ``request`` carries the arguments unless they were bad."""
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        attrs = "".join(f" {k}={quoteattr(v)}" for k, v in (attributes or {}).items())
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<OAI-PMH xmlns="{OAI_NS}" xmlns:xsi="{XSI_NS}" xsi:schemaLocation="{OAI_NS} '
            f'http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">'
            f"<responseDate>{now}</responseDate>"
            f"<request{attrs}>{escape(self.base_url)}</request>{content}</OAI-PMH>\n"
        )


def _argument_problem(
    args: Mapping[str, list[str]], required: set[str], optional: set[str]
) -> str | None:
    if illegal := sorted(set(args) - required - optional):
        return f"Illegal argument(s): {', '.join(illegal)}"
    if missing := sorted(required - set(args)):
        return f"Missing required argument(s): {', '.join(missing)}"
    if repeated := sorted(k for k, v in args.items() if len(v) != 1):
        return f"Repeated argument(s): {', '.join(repeated)}"
    return None


def _unknown_id(identifier: str, *, known_form: bool) -> str:
    if known_form:
        return f"{identifier} has the structure of a valid identifier, but maps to no known item"
    return f"{identifier} is not a valid identifier for this repository"


def _error(code: str, message: str) -> str:
    return f"<error code={quoteattr(code)}>{escape(message)}</error>"


def _header(identifier: str, record: Mapping[str, Any], *, status: str | None = None) -> str:
    """The OAI header: identifier, and datestamp and setSpec only when the record has them."""
    parts = [f"<identifier>{escape(identifier)}</identifier>"]
    for key in ("datestamp", "setSpec"):
        if isinstance(record.get(key), str):
            parts.append(f"<{key}>{escape(record[key])}</{key}>")
    attribute = "" if status is None else f" status={quoteattr(status)}"
    return f"<header{attribute}>{''.join(parts)}</header>"


def _metadata(record: Mapping[str, Any]) -> str:
    """The arXiv-format metadata; ``created`` falls back to a dated v1 in ``versions_seen``."""
    values = dict(record)
    if values.get("created") is None:
        values["created"] = _first_version_date(record)
    parts = []
    for name in _ELEMENTS:
        value = values.get(name)
        if name == "authors" and isinstance(value, list):
            parts.append(_authors(value))
        elif isinstance(value, str):
            parts.append(f"<{name}>{escape(value)}</{name}>")
    schema = f"{ARXIV_NS} http://arxiv.org/OAI/arXiv.xsd"
    return (
        f'<metadata><arXiv xmlns="{ARXIV_NS}" xmlns:xsi="{XSI_NS}" '
        f'xsi:schemaLocation="{schema}">{"".join(parts)}</arXiv></metadata>'
    )


def _authors(authors: list[Any]) -> str:
    out = []
    for author in authors:
        if isinstance(author, Mapping):
            names = "".join(
                f"<{k}>{escape(str(author[k]))}</{k}>"
                for k in ("keyname", "forenames", "suffix")
                if author.get(k)
            )
            out.append(f"<author>{names}</author>")
    return f"<authors>{''.join(out)}</authors>"


def _first_version_date(record: Mapping[str, Any]) -> str | None:
    for version in record.get("versions_seen") or []:
        if isinstance(version, Mapping) and version.get("version") == "v1":
            date = version.get("date")
            return date if isinstance(date, str) else None
    return None


def _xml(document: str) -> Response:
    return Response(200, {"Content-Type": "text/xml; charset=utf-8"}, document.encode())
