"""Property tests over what osai reads from strangers (issue #14; properties in fuzz_cases.py).

For every generated licence string, card, front matter, manifest, Hub answer, hostile model
directory, AI BOM stating its base model's licence (or its lineage past it: ancestors of
ancestors, descendantOf chains and cycles, a fact's items, credits), base model's record read back
from the answer cache, and model directory holding a merge's recipe, an adapter's config or a
LICENSE of one licence id (its BOMs read back giving the weights the same verdicts): no
exception but osai's own, bounded time per input, exit codes in {0, 1, 2, 3}, and in every
output format no control character and no workflow command from input.

The CI profile runs EXAMPLES inputs per parser category (OSAI_FUZZ_EXAMPLES, default 250), a third
as many whole checks rendered in every format, a tenth as many Hub answers through the command:
the file takes about half a minute.  benchmarks/fuzz.py runs thousands and prints the figures.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from clirunner import run_osai
from faultserver import FaultServer
from fuzz_cases import (
    boms,
    cards,
    check_bom,
    check_card,
    check_front_matter,
    check_hub_answer,
    check_kept_base_record,
    check_licence,
    check_lineage_bom,
    check_manifest,
    check_model_files,
    check_outputs,
    fresh_caches,
    front_matters,
    hostile_models,
    hub_answers,
    hub_model_files,
    kept_base_records,
    licences,
    lineage_boms,
    manifests,
    model_directories,
    route_hub_model,
    warm_up,
)
from hostile_hub import hub_environment
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("OSAI_FUZZ_EXAMPLES", "250"))
CI = settings(
    max_examples=EXAMPLES,
    deadline=None,  # each property times its input itself, after warm_up (no first-import cost)
    database=None,  # nothing written into the working tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    warm_up()


@CI
@given(licences)
def test_any_licence_string_is_read(text: str) -> None:
    check_licence(text)


@CI
@given(cards())
def test_any_card_is_evidence_never_an_error(text: str) -> None:
    check_card(text)


@CI
@given(front_matters, st.booleans())
def test_any_front_matter_is_evidence_never_an_error(data: dict[str, Any], as_text: bool) -> None:
    check_front_matter(data, as_text)


@CI
@given(manifests())
def test_any_manifest_is_a_release_or_bad_input(text: str) -> None:
    check_manifest(text)


@CI
@given(hub_answers(), cards())
def test_any_hub_answer_is_a_release_or_malformed(answer: Any, card: str) -> None:
    check_hub_answer(answer, card)


@settings(CI, max_examples=max(10, EXAMPLES // 3))
@given(hostile_models())
def test_every_format_escapes_what_came_from_input(files: dict[str, str]) -> None:
    check_outputs(files)


@settings(CI, max_examples=max(10, EXAMPLES // 3))
@given(boms())
def test_any_base_licence_a_bom_states_is_read_or_bad_input(bom: tuple[str, str]) -> None:
    check_bom(*bom)


@settings(CI, max_examples=max(10, EXAMPLES // 3))
@given(model_directories())
def test_a_merge_recipe_adapter_config_or_bare_licence_id_is_read_and_round_trips(
    files: dict[str, str],
) -> None:
    check_model_files(files)


@settings(CI, max_examples=max(10, EXAMPLES // 3))
@given(lineage_boms())
def test_a_bom_lineage_past_the_base_is_read_or_bad_input_and_binds(
    case: tuple[str, str, bool],
) -> None:
    """Ancestors of ancestors, descendantOf chains and cycles, a fact's items, credits."""
    check_lineage_bom(*case)


@CI
@given(kept_base_records())
def test_a_base_record_read_back_from_the_cache_is_typed_or_none(
    case: tuple[bytes, dict[str, str]],
) -> None:
    check_kept_base_record(*case)


# --- the same answers through the command: exit codes ---------------------------------------------


@pytest.fixture(scope="module")
def hub() -> Iterator[FaultServer]:
    with FaultServer() as server:
        yield server


@settings(CI, max_examples=max(5, EXAMPLES // 10))
@given(answer=hub_answers(), card=cards(), files=hub_model_files)
def test_a_hub_answer_through_the_command_exits_0_to_3(
    answer: Any, card: str, files: dict[str, str], hub: FaultServer
) -> None:
    """With its card, any of a LICENSE, an adapter's config and a merge's recipe."""
    route_hub_model(hub, answer, card, files)
    environment = {
        key: value
        for key, value in hub_environment(hub).items()
        if key.startswith(("HF_", "OSAI_", "GITHUB_"))
    }
    with fresh_caches(environment) as fresh:
        result = run_osai("check", "org/model", "--deadline", "10", env=fresh)
    assert result.code in {0, 1, 2, 3}, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
