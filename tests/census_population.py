"""A synthetic Hub population for the census: thousands of listing items built from the real
fixtures' shapes (tests/fixtures/hub/models/*.json), with the reference licence mix and planted
open-washing cases known in advance.

Where the figures come from (shared/reference/hub-census.md, section 5):

- 64.4 % of 1,873,342 public repos declare no licence; of the 20,060 repos with more than 1,000
  downloads (1.07 %), 25.1 % declare none.  Here a model is "popular" with probability 0.0107 and
  then declares no licence with probability 0.251; otherwise with 0.648, so that the whole comes
  to 64.4 %.
- The licences declared follow the LiScan dashboard's counts (Apache-2.0 249,075; MIT 92,116;
  OpenRAIL 35,295; CreativeML-OpenRAIL-M 26,738; CC-BY-NC-4.0 12,892; Llama3 9,898; Llama2 9,682;
  Llama3.1 6,858; CC-BY-4.0 5,841), in thousands, plus `other` (RedMonk's "Other", not counted by
  LiScan; 40 here), Gemma 5, CC-BY-SA-4.0 3, GPL-3.0 2, BSD-3-Clause 2, `unknown` 4, AFL-3.0 1.
- Downloads are extremely skewed: more than 70 % of models have none (Osborne et al.); the rest
  follow a power law (P(d > 1,000 | d > 0) ≈ 3.7 %).

Each item has what ``GET /api/models?expand=...`` returns for the census's expand list: the
template fixture's tags, card metadata, library and pipeline tag, with the licence replaced (in
``cardData.license`` and the ``license:`` tag the Hub mirrors it into), plus ids, dates, counts,
gating, a commit and, for a quarter of them, a base model taken from the population.  Derivatives
declare their base's licence, or none, so the only licence-lineage conflicts are the planted ones;
no generated name, tag or card field claims openness, so the only claims are the planted ones.

The 18 fixtures themselves, and two more repositories shaped like them, are the 20 most downloaded
models, served as full repositories (the loopback Hub answers ``model_info`` and their README for
them), so ``--deep 20`` can read them all.
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from loopback_hub import DEFAULT_FIXTURES_DIR, derived_sha

CREATION_FLOOR = "2022-03-02T23:29:04.000Z"  # the Hub's "created before dates were stored"
NO_LICENCE = "none"
# Hub licence id → thousands of models (see the module docstring).
LICENCE_MIX: tuple[tuple[str, int], ...] = (
    ("apache-2.0", 249), ("mit", 92), ("other", 40), ("openrail", 35),
    ("creativeml-openrail-m", 27), ("cc-by-nc-4.0", 13), ("llama3", 10), ("llama2", 10),
    ("llama3.1", 7), ("cc-by-4.0", 6), ("gemma", 5), ("unknown", 4), ("cc-by-sa-4.0", 3),
    ("gpl-3.0", 2), ("bsd-3-clause", 2), ("afl-3.0", 1),
)  # fmt: skip
RELATIONS = ("finetune", "quantized", "adapter", "merge")
# The family (rules/census.yaml) of each Hub licence id used here, written out by hand: the oracle
# the census's licence counts are checked against.
EXPECTED_FAMILY = {
    NO_LICENCE: "No licence", "apache-2.0": "Apache", "mit": "MIT", "other": "Other or custom",
    "openrail": "OpenRAIL", "creativeml-openrail-m": "OpenRAIL",
    "bigscience-bloom-rail-1.0": "OpenRAIL", "cc-by-nc-4.0": "Creative Commons BY-NC",
    "cc-by-nc-sa-4.0": "Creative Commons BY-NC", "llama3": "Llama", "llama2": "Llama",
    "llama3.1": "Llama", "cc-by-4.0": "Creative Commons BY", "gemma": "Gemma",
    "unknown": "Unknown", "cc-by-sa-4.0": "Creative Commons BY-SA", "gpl-3.0": "GPL family",
    "bsd-3-clause": "BSD", "afl-3.0": "Other known licences",
}  # fmt: skip
# Where a fixture's card says more than its licence id: Falcon's (`license: unknown`) names its
# licence in the gating prompt, which osai reads.
FIXTURE_FAMILY = {"tiiuae/falcon-180B": "Falcon (TII)"}
EXPAND_KEYS = frozenset(
    {
        "id", "author", "sha", "createdAt", "lastModified", "downloads", "likes", "gated",
        "tags", "cardData", "baseModels", "library_name", "pipeline_tag", "private", "disabled",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Planted:
    """An open-washing case the census must find: `kind` is "claim" or "lineage"."""

    repo_id: str
    kind: str
    evidence: str  # a substring the candidate's evidence must show
    base: str = ""


@dataclass
class Population:
    repos: list[dict[str, Any]] = field(default_factory=list)  # full repos (add_repo)
    listed: list[dict[str, Any]] = field(default_factory=list)  # listing only (add_listing)
    licence_of: dict[str, str] = field(default_factory=dict)  # repo id → Hub licence id | none
    planted: list[Planted] = field(default_factory=list)
    not_candidates: list[str] = field(default_factory=list)  # look like cases, are not
    outside_bases: list[str] = field(default_factory=list)  # bases not in the population

    @property
    def items(self) -> list[dict[str, Any]]:
        """Every model as the listing serves it (expand keys only)."""
        return [{k: v for k, v in item.items() if k in EXPAND_KEYS} for item in self.everything]

    @property
    def everything(self) -> list[dict[str, Any]]:
        return [*self.repos, *self.listed]

    def family(self, repo_id: str) -> str:
        """The licence family the census should report for this model."""
        return FIXTURE_FAMILY.get(repo_id) or EXPECTED_FAMILY[self.licence_of[repo_id]]


def fixtures() -> list[dict[str, Any]]:
    return [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(DEFAULT_FIXTURES_DIR.glob("*.json"))
    ]


def build_population(size: int = 6000, seed: int = 13) -> Population:
    """`size` models: the 18 fixtures, the planted cases, and generated ones up to `size`."""
    rng = random.Random(seed)
    population = Population()
    templates = fixtures()
    for rank, data in enumerate([*templates, *_more_repos(templates)]):
        population.repos.append(_fixture_repo(data, rank, rng))
        population.licence_of[data["id"]] = _fixture_licence(data)
    for item, licence in _planted(population):
        population.listed.append(item)
        population.licence_of[item["id"]] = licence
    generated = size - len(population.repos) - len(population.listed)
    for index in range(generated):
        template = templates[index % len(templates)]
        item, licence = _generated(template, index, rng, population)
        population.listed.append(item)
        population.licence_of[item["id"]] = licence
    return population


def _more_repos(templates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Two more full repositories (so that the 20 most downloaded can all be read in full),
    shaped like pythia-70m and OLMo-7B, under new names."""
    more = []
    for template, repo_id in ((templates[3], "census-lab/pythia-like-160m"),
                              (templates[7], "census-lab/olmo-like-1b")):  # fmt: skip
        repo = copy.deepcopy(template)
        repo["id"], repo["sha"] = repo_id, None
        more.append(repo)
    return more


def _fixture_repo(data: dict[str, Any], rank: int, rng: random.Random) -> dict[str, Any]:
    repo = copy.deepcopy(data)
    repo["sha"] = repo.get("sha") or derived_sha(repo["id"])
    repo["downloads"] = 9_000_000 - rank * 300_000
    repo["likes"] = 5000 - rank * 200
    repo.setdefault("createdAt", _date(rng, popular=True))
    repo["lastModified"] = repo["createdAt"]
    repo["author"] = repo["id"].split("/")[0]
    return repo


def _fixture_licence(data: dict[str, Any]) -> str:
    licence = (data.get("cardData") or {}).get("license")
    return licence if isinstance(licence, str) else NO_LICENCE


def _generated(
    template: dict[str, Any], index: int, rng: random.Random, population: Population
) -> tuple[dict[str, Any], str]:
    name = template["id"].split("/")[1].lower()
    repo_id = f"org{index % 97:02d}/{name}-v{index:05d}"
    popular = rng.random() < 0.0107
    downloads = rng.randint(1001, 1_500_000) if popular else _downloads(rng)
    base = _base(rng, population) if index % 4 == 3 else None
    # A derivative declares its base's licence (none when the base declares none).
    licence = population.licence_of[base["id"]] if base is not None else _licence(rng, popular)
    item = _item(template, repo_id, licence, downloads, rng)
    if base is not None:
        _derive(item, base["id"], rng.choice(RELATIONS))
    return item, licence


def _downloads(rng: random.Random) -> int:
    if rng.random() < 0.72:
        return 0
    return min(1000, int(1 / (1 - rng.random()) ** 2.1))  # the popular ones are drawn apart


def _licence(rng: random.Random, popular: bool) -> str:
    if rng.random() < (0.251 if popular else 0.648):
        return NO_LICENCE
    names, weights = zip(*LICENCE_MIX, strict=True)
    return rng.choices(names, weights)[0]


def _base(rng: random.Random, population: Population) -> dict[str, Any] | None:
    candidates = population.listed
    return candidates[rng.randrange(len(candidates))] if candidates else None


def _item(
    template: dict[str, Any], repo_id: str, licence: str, downloads: int, rng: random.Random
) -> dict[str, Any]:
    card = copy.deepcopy(template.get("cardData")) or {}
    card.pop("base_model", None)
    for key in [k for k in card if k.startswith("extra_gated_")]:
        del card[key]  # a gating prompt names the template's own licence (Falcon's does)
    tags = [t for t in template.get("tags") or () if not t.startswith(("license:", "base_model:"))]
    _set_licence(card, tags, licence, repo_id)
    created = _date(rng, popular=downloads > 1000)
    item: dict[str, Any] = {
        "id": repo_id,
        "author": repo_id.split("/")[0],
        "sha": hashlib.sha1(f"census:{repo_id}".encode()).hexdigest(),
        "createdAt": created,
        "lastModified": created,
        "downloads": downloads,
        "likes": downloads // 500 + rng.randint(0, 3),
        "gated": rng.choices(("auto", "manual", False), (3, 2, 95))[0],
        "tags": tags,
        "library_name": template.get("library_name"),
        "pipeline_tag": template.get("pipeline_tag"),
        "private": False,
        "disabled": False,
    }
    if card or rng.random() < 0.5:
        item["cardData"] = card
    return item


def _set_licence(card: dict[str, Any], tags: list[str], licence: str, repo_id: str) -> None:
    for key in ("license", "license_name", "license_link"):
        card.pop(key, None)
    if licence == NO_LICENCE:
        return
    card["license"] = licence
    if licence == "other":
        number = int(hashlib.sha1(repo_id.encode()).hexdigest(), 16) % 50
        card["license_name"] = f"custom-licence-{number}"
    tags.append(f"license:{licence}")


def _derive(item: dict[str, Any], base: str, relation: str) -> None:
    item["baseModels"] = {"relation": relation, "models": [{"id": base}]}
    item["tags"] += [f"base_model:{base}", f"base_model:{relation}:{base}"]
    item.setdefault("cardData", {})["base_model"] = base


def _date(rng: random.Random, *, popular: bool) -> str:
    """Creation dates from March 2022, growing over time; a tenth at the Hub's floor value."""
    if rng.random() < (0.3 if popular else 0.1):
        return CREATION_FLOOR
    start = datetime(2022, 3, 3, tzinfo=UTC)
    days = int((datetime(2026, 9, 30, tzinfo=UTC) - start).days * rng.random() ** 0.6)
    moment = start + timedelta(days=days, seconds=rng.randrange(86_400))
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


# --- the planted cases ---------------------------------------------------------------------------


def _planted(population: Population) -> Iterator[tuple[dict[str, Any], str]]:
    rng = random.Random(1313)
    template = fixtures()[3]  # EleutherAI/pythia-70m's shape
    downloads = iter(range(880_000, 0, -30_000))

    def model(repo_id: str, licence: str, **extra: Any) -> tuple[dict[str, Any], str]:
        item = _item(template, repo_id, licence, next(downloads), rng)
        item["gated"] = False
        for key, value in extra.items():
            if key == "card":
                item.setdefault("cardData", {}).update(value)
            elif key == "tags":
                item["tags"] += value
            elif key == "base":
                _derive(item, value, "finetune")
        return item, licence

    claims = [
        ("planted/OpenLlama-3-8B-chat", "llama3", {}, 'has the word "Open"'),
        ("planted/open-source-diffusion-xl", "creativeml-openrail-m", {}, 'name "open-source'),
        ("planted/coder-7b-nc", "cc-by-nc-4.0", {"tags": ["open-source"]}, 'tag "open-source"'),
        ("planted/free-chat-1b", NO_LICENCE, {"card": {"model_name": "Fully Open Chat"}},
         'card model_name: "Fully Open Chat"'),
        ("planted/vision-base-v2", "unknown", {"card": {"tags": ["opensource"]}},
         'tag "opensource"'),
        ("planted/research-lm-1b", "cc-by-nc-sa-4.0", {"tags": ["open-weights"]},
         'tag "open-weights"'),
    ]  # fmt: skip
    for repo_id, licence, extra, evidence in claims:
        population.planted.append(Planted(repo_id, "claim", evidence))
        yield model(repo_id, licence, **extra)
    # Open claims under an open licence, and "open" in the author's name: not candidates.
    population.not_candidates += ["planted/OpenHermes-apache", "openorg/whisper-tiny-ft"]
    yield model("planted/OpenHermes-apache", "apache-2.0")
    yield model("openorg/whisper-tiny-ft", "llama3")

    lineage = [
        ("planted/llama3-base-8b", "llama3", "planted/llama3-finetune-apache", "apache-2.0",
         "use restrictions"),
        ("planted/gemma-base-2b", "gemma", "planted/gemma-quant-mit", "mit", "use restrictions"),
        ("planted/nc-base-3b", "cc-by-nc-4.0", "planted/nc-derivative-apache", "apache-2.0",
         "non-commercial"),
        ("planted/llama31-base", "llama3.1", "planted/llama31-sd-merge", "creativeml-openrail-m",
         "user threshold"),
        ("planted/sharealike-base", "cc-by-sa-4.0", "planted/sharealike-mit", "mit",
         "share-alike"),
    ]  # fmt: skip
    for base, base_licence, derivative, licence, evidence in lineage:
        yield model(base, base_licence)
        population.planted.append(Planted(derivative, "lineage", evidence, base))
        yield model(derivative, licence, base=base)
    # Derivatives their bases allow, one declaring nothing, one whose base is not listed.
    allowed = [
        ("planted/mit-base", "mit", "planted/mit-to-apache", "apache-2.0"),
        ("planted/llama3-base-2", "llama3", "planted/llama3-keeps-llama3", "llama3"),
        ("planted/llama3-base-3", "llama3", "planted/llama3-declares-nothing", NO_LICENCE),
    ]
    for base, base_licence, derivative, licence in allowed:
        population.not_candidates.append(derivative)
        yield model(base, base_licence)
        yield model(derivative, licence, base=base)
    population.outside_bases.append("ghost-org/never-listed")
    population.not_candidates.append("planted/child-of-ghost")
    yield model("planted/child-of-ghost", "apache-2.0", base="ghost-org/never-listed")


def write_population(path: Path, population: Population) -> None:
    path.write_text(json.dumps({"repos": population.repos, "listed": population.listed}))
