"""How a BOM names the model: its Hub namespace and name, and its package URL."""

from __future__ import annotations

from urllib.parse import quote

from osai.evidence import Release
from osai.formatters.bomcard import HUB_URL
from osai.hubrefs import COMMIT, HUB_PURL, HUB_SOURCE, parse_hub_purl, parse_hub_target


def hub_name(release: Release) -> tuple[str, str]:
    """(group, name): the Hub namespace and repository for a model with a Hub id (a Hub model,
    a Hugging Face cache snapshot of one: Release.hub_id), or one a BOM's pkg:huggingface purl
    names, else ('', name)."""
    if release.hub_id.count("/") == 1:
        group, name = release.hub_id.split("/")
        return group, name
    # the one reading of a Hub purl (hubrefs): this one's kept a #subpath in the name
    named = parse_hub_purl(release.purl) or ""
    if named.count("/") == 1:
        group, name = named.split("/")
        return group, name
    return "", release.name


def huggingface_purl(release: Release) -> str:
    """pkg:huggingface/<ns>/<name>@<commit>, for a Hub model checked at a known commit (or a
    cache snapshot of one, which names its commit); the purl a BOM gave the model, for a model
    read from one."""
    if release.purl:
        return release.purl
    group, name = hub_name(release)
    # a commit in either case (written lower); `.match` with `$` took one ending in a newline
    if not group or not COMMIT.fullmatch(release.revision.lower()):
        return ""
    purl = f"{hub_model_purl(f'{group}/{name}')}@{release.revision.lower()}"
    # the Hub it was read from (a mirror's, by HF_ENDPOINT); a cache snapshot does not say.
    # Its address less the id it was asked by (Release.hub_id), never less the report's name
    # for it, which may be ID@REVISION (osai.run.named_apart) and left the address whole.
    read_from = release.source == HUB_SOURCE and release.document
    asked = release.hub_id or release.target
    hub = release.document.rsplit(f"/{asked}", 1)[0] if read_from else HUB_URL
    if hub and hub.rstrip("/") != HUB_URL:
        purl += f"?repository_url={quote(hub.rstrip('/'), safe=':')}"
    return purl


def hub_model_purl(model_id: str) -> str:
    """pkg:huggingface/<ns>/<name> of a model named by its Hub id (a base model), no commit."""
    return f"{HUB_PURL}{'/'.join(quote(part, safe='') for part in model_id.split('/'))}"


def hub_page(release: Release) -> str:
    """The Hub page a manifest says the release is published on (`huggingface`), as a URL:
    where its parameters are downloaded from; "" when it names none."""
    named = parse_hub_target(release.hub_page) if release.hub_page else None
    return f"{HUB_URL}/{named}" if named else ""
