"""The Hugging Face Hub backend (the only code that imports huggingface_hub, lazily).

target (ids and URLs), client (one check's transport: deadline, retries, token), cache
(huggingface_hub's cache layout), failures (why, in plain words), source (the backend).
"""

from osai.backends.hub.client import HubOptions
from osai.hubrefs import HUB_URL_HOSTS, parse_hub_revision, parse_hub_target

__all__ = ["HUB_URL_HOSTS", "HubOptions", "parse_hub_revision", "parse_hub_target"]
