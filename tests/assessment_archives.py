"""Repository archives for `osai db update` tests, and a loopback server that serves them.

An archive is built the way GitHub's codeload builds one with `git archive`: a single top
directory `<repo>-<ref>/`, every member's time set to the commit's time, and the commit id in the
global pax header (`comment=`).  The server is a real HTTP server on 127.0.0.1 answering the
codeload path `/<owner>/<repo>/tar.gz/HEAD`.
"""

from __future__ import annotations

import io
import json
import tarfile
import threading
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from osai.assessments.model import EosaiEntry, MotEntry
from osai.assessments.snapshot import read_snapshot
from osai.assessments.store import bundled_path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "assessments"
MOT_PATH = "/lfai/model_openness_tool/tar.gz/HEAD"
EOSAI_PATH = "/Language-Technology-Assessment/main-database/tar.gz/HEAD"
COMMIT_TIME = 1_781_000_000  # 2026-06-09 (UTC)
# Where each repository states its licence, as it does (the MOT's LICENSE; the index's Zenodo
# record, whose description is left out here)
MOT_LICENCE = (
    "Copyright 2024 The Model Openness Tool Authors\n\nPermission is hereby granted, free of "
    "charge, to any person obtaining a copy of this software and associated documentation files "
    "(the \u201cSoftware\u201d), to deal in the Software without restriction, …\n"
).encode()
EOSAI_ZENODO = json.dumps(
    {
        "title": "European Open Source AI Index database",
        "access_right": "open",
        "license": {"id": "CC-BY-4.0"},
        "upload_type": "dataset",
    },
    indent=4,
).encode()


@dataclass
class Member:
    """One archive member: a file's bytes, a symbolic link to `target`, or a member of another
    tar type (`kind`: a device, a named pipe, a directory) with no data."""

    data: bytes = b""
    target: str = ""
    kind: bytes = b""


def mot_tree() -> dict[str, Member]:
    """The MOT repository's models/ as the bundled snapshot holds it (the files' original text)."""
    _, entries, _ = read_snapshot(bundled_path("mot"), "bundled")
    tree = {e.file: Member(e.text.encode()) for e in entries if isinstance(e, MotEntry)}
    tree["README.md"] = Member(b"# Model Openness Tool\n")
    tree["LICENSE"] = Member(MOT_LICENCE)
    tree["web/modules/mof/mof.info.yml"] = Member(b"name: not an entry\n")
    return tree


def eosai_tree() -> dict[str, Member]:
    """The EOSAI repository's top level: the fixture files as they are, the rest re-rendered."""
    _, entries, _ = read_snapshot(bundled_path("eosai"), "bundled")
    tree = {e.file: Member(render_eosai(e).encode()) for e in entries if isinstance(e, EosaiEntry)}
    for path in sorted((FIXTURES / "eosai").iterdir()):
        tree[path.name] = Member(path.read_bytes())
    tree["readme.md"] = Member(b"# European Open Source AI Index main database\n")
    tree[".zenodo.json"] = Member(EOSAI_ZENODO)
    return tree


def render_eosai(entry: EosaiEntry) -> str:
    """An EOSAI file holding what the bundled snapshot kept of an entry."""
    document: dict[str, object] = {
        "system": {
            "name": entry.name,
            "link": entry.link,
            "type": entry.types,
            "basemodelname": entry.base_model or None,
            "endmodelname": entry.end_model or None,
            "endmodellicense": entry.end_model_licence or None,
            "releasedate": entry.release_date,
        },
        "org": {"name": entry.organisation, "link": list(entry.organisation_links) or None},
    }
    for key, parameter in entry.parameters.items():
        document[key] = {
            "class": "" if parameter.grade.value == "n/a" else parameter.grade.value,
            "link": list(parameter.links) or None,
            "notes": parameter.notes or None,
        }
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)


def tar_gz(
    tree: Mapping[str, Member], top: str, commit: str = "", mtime: int = COMMIT_TIME
) -> bytes:
    """A tar.gz in `git archive`'s layout (see the module's docstring)."""
    buffer = io.BytesIO()
    headers = {"comment": commit} if commit else {}
    with tarfile.open(
        fileobj=buffer, mode="w:gz", format=tarfile.PAX_FORMAT, pax_headers=headers
    ) as archive:
        folder = tarfile.TarInfo(f"{top}/")
        folder.type, folder.mode, folder.mtime = tarfile.DIRTYPE, 0o775, mtime
        archive.addfile(folder)
        for path, member in sorted(tree.items()):
            info = tarfile.TarInfo(f"{top}/{path}" if not path.startswith(("/", "..")) else path)
            info.mtime, info.mode = mtime, 0o664
            if member.target:
                info.type, info.linkname = tarfile.SYMTYPE, member.target
                archive.addfile(info)
            elif member.kind:
                info.type = member.kind
                archive.addfile(info)
            else:
                info.size = len(member.data)
                archive.addfile(info, io.BytesIO(member.data))
    return buffer.getvalue()


@dataclass
class ArchiveServer:
    """What the loopback server serves (path → bytes), and what it was asked for."""

    url: str = ""
    routes: dict[str, bytes] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)


@contextmanager
def archive_server() -> Iterator[ArchiveServer]:
    state = ArchiveServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(self.path)
            body = state.routes.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/x-gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def loopback_download(url: str) -> bytes:
    """A bounded download over real HTTP (the tests' stand-in for osai's HTTP layer)."""
    if not url.startswith("http://127.0.0.1:"):
        raise AssertionError(f"a test tried to reach {url}")
    with urllib.request.urlopen(url, timeout=10) as response:
        data: bytes = response.read(80 * 1024 * 1024)
    return data
