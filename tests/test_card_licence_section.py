"""A card's own words on its weights' licence, against the licence credited to them.

A LICENSE of MIT (or a card's `license: mit`, or on the Hub `license: apache-2.0`) made the
weights MIT, OSAID met, while the card's License section said "The model weights are released
under CC BY-NC 4.0": osai never read it.  Such a sentence's licence may now apply instead
(inferred): a verdict stands only where both give it, never more favourable than the credited
licence's, and a CONFLICT finding names both, with the card's line.  Prose credits no licence
where none was, and a sentence about the data, the code, or a negation, changes nothing.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from clirunner import EXAMPLES, run_osai
from loopback_hub import LoopbackHub

MIT_TEXT = (
    "MIT License\n\nCopyright (c) 2024 Acme\n\n"
    "Permission is hereby granted, free of charge, to any person obtaining a copy\n"
    'of this software and associated documentation files (the "Software"), to deal\n'
    "in the Software without restriction, including without limitation the rights\n"
    "to use, copy, modify, merge, publish, distribute, sublicense, and/or sell\n"
    "copies of the Software, and to permit persons to whom the Software is\n"
    "furnished to do so, subject to the following conditions:\n\n"
    "The above copyright notice and this permission notice shall be included in all\n"
    "copies or substantial portions of the Software.\n\n"
    'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\n'
    "IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\n"
    "FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\n"
    "AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\n"
    "LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\n"
    "OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE\n"
    "SOFTWARE.\n"
)
NON_COMMERCIAL = "The model weights are released under CC BY-NC 4.0."


def model_dir(tmp_path: Path, section: str, front: str = "", licence: bool = True) -> Path:
    """A model directory: weights, a LICENSE of MIT, and a card whose License section says
    `section` (after a front matter of `front`, when given)."""
    directory = tmp_path / "model"
    directory.mkdir(parents=True)
    (directory / "model.safetensors").write_bytes(
        (EXAMPLES / "tiny-model" / "model.safetensors").read_bytes()
    )
    if licence:
        (directory / "LICENSE").write_text(MIT_TEXT, encoding="utf-8")
    head = f"---\n{front}\n---\n" if front else ""
    card = f"{head}# Acme model\n\nA small model.\n\n## License\n\n{section}\n"
    (directory / "README.md").write_text(card, encoding="utf-8")
    return directory


def checked(target: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    result = run_osai("check", target, "-f", "osaid", "--format", "json", env=env)
    assert result.code in (0, 1), result.stderr
    (report,) = json.loads(result.stdout)["targets"]
    document: dict[str, Any] = report
    return document


def parameters(report: dict[str, Any]) -> str:
    (osaid,) = report["frameworks"]
    status: str = next(r["status"] for r in osaid["requirements"] if r["id"] == "OSAID-PARAMETERS")
    return status


def weights_licences(report: dict[str, Any]) -> list[str]:
    weights = next(c for c in report["components"] if c["id"] == "model-parameters-final")
    licence = weights.get("licence")
    if not licence:
        return []
    return [licence["text"], *(other["text"] for other in licence.get("alternatives", []))]


def conflicts(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["kind"] == "conflict" and "credited" in f["message"]]


def test_a_licence_section_naming_another_licence_makes_the_mit_weights_unknown(
    tmp_path: Path,
) -> None:
    """The audit's case: a LICENSE of MIT, a card with no licence field whose License section
    says the weights are CC BY-NC 4.0: the weights were MIT, OSAID met."""
    report = checked(str(model_dir(tmp_path, NON_COMMERCIAL)))
    assert weights_licences(report) == ["MIT", "CC-BY-NC-4.0"]
    assert parameters(report) == "unknown"
    (conflict,) = conflicts(report)
    assert "credited MIT (LICENSE:1)" in conflict["message"]
    assert f'README.md:7 says "{NON_COMMERCIAL}"' in conflict["message"]
    said = conflict["evidence"][1]
    assert (said["location"], said["line"], said["certainty"]) == ("README.md", 7, "inferred")


def test_a_card_licence_field_agreeing_with_the_licence_file_is_read_against_its_section(
    tmp_path: Path,
) -> None:
    """`license: mit` beside the LICENSE, and a section naming the Llama 2 Community License."""
    section = "The model weights are licensed under the Llama 2 Community License."
    report = checked(str(model_dir(tmp_path, section, front="license: mit")))
    assert weights_licences(report) == ["mit", "LicenseRef-llama2"]
    assert parameters(report) == "unknown"
    assert len(conflicts(report)) == 1


def test_what_is_not_said_of_the_weights_changes_nothing(tmp_path: Path) -> None:
    """The data's or the code's licence, a sentence that agrees, a negation or a contrast: the
    weights stay MIT, met, with no conflict (never another, wrong licence)."""
    for index, section in enumerate(
        (
            "The training dataset is licensed under CC BY-NC 4.0.",
            "The code is released under the Llama 2 Community License.",
            "The model weights are released under the MIT License.",
            "The model weights are not released under CC BY-NC 4.0.",
            "Unlike the code's MIT license, the weights are under CC BY-NC 4.0.",
            "Our model was trained on data licensed under CC BY-NC 4.0.",
            "```\nThe model weights are released under CC BY-NC 4.0.\n```",
        )
    ):
        report = checked(str(model_dir(tmp_path / str(index), section)))
        assert weights_licences(report) == ["MIT"], section
        assert parameters(report) == "met", section
        assert not conflicts(report), section


def test_the_same_sentence_outside_a_licence_section_changes_nothing(tmp_path: Path) -> None:
    directory = model_dir(tmp_path, "See LICENSE.")
    card = directory / "README.md"
    card.write_text(card.read_text() + f"\n## Usage\n\n{NON_COMMERCIAL}\n", encoding="utf-8")
    report = checked(str(directory))
    assert weights_licences(report) == ["MIT"] and parameters(report) == "met"


def test_prose_credits_no_licence_where_none_was(tmp_path: Path) -> None:
    """No licence field, no LICENSE: a sentence naming MIT is no licence for the weights."""
    report = checked(
        str(model_dir(tmp_path, "The model weights are released under MIT.", licence=False))
    )
    assert weights_licences(report) == []
    assert parameters(report) == "unknown"
    assert not conflicts(report)


def test_prose_disagreeing_with_a_failing_licence_leaves_it_unknown_and_never_passes_a_gate(
    tmp_path: Path,
) -> None:
    """`license: cc-by-nc-4.0` and a section saying MIT: the publisher's words disagree, so the
    weights are unknown (not unmet on the one, nor met on the other), and `--require osaid` is
    NOT PROVEN, never passed; an AI BOM osai writes of it is judged the same read back."""
    section = "The model weights are released under the MIT License."
    directory = model_dir(tmp_path, section, front="license: cc-by-nc-4.0", licence=False)
    report = checked(str(directory))
    assert weights_licences(report) == ["cc-by-nc-4.0", "MIT"]
    assert parameters(report) == "unknown"
    gated = run_osai("check", str(directory), "--require", "osaid")
    assert gated.code == 1, gated.stderr
    bom = tmp_path / "m.cdx.json"
    assert run_osai("check", str(directory), "-o", str(bom)).code in (0, 1)
    assert parameters(checked(str(bom))) == "unknown"


def test_a_hostile_licence_section_is_read_in_bounded_time(tmp_path: Path) -> None:
    """A License section of 1 MB of "the weights are released under" (and long sentences of
    it): read in bounded time, the weights as the LICENSE says."""
    directory = model_dir(tmp_path, "See LICENSE.")
    hostile = "the weights are released under the the the the the the the " * 16_000
    (directory / "README.md").write_text(
        f"# Acme\n\n## License\n\n{hostile[: 1024 * 1024]}\n", encoding="utf-8"
    )
    started = time.monotonic()
    report = checked(str(directory))
    assert time.monotonic() - started < 20
    assert weights_licences(report) == ["MIT"]


def hub_env(hub: LoopbackHub, home: Path) -> dict[str, str]:
    return {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(home)}


def hub_model(hub: LoopbackHub, repo_id: str, section: str) -> str:
    front = "---\nlicense: apache-2.0\n---\n"
    card = f"{front}# Acme model\n\n## License\n\n{section}\n"
    hub.add_repo(
        {
            "id": repo_id,
            "cardData": {"license": "apache-2.0"},
            "tags": ["license:apache-2.0"],
            "siblings": [{"rfilename": "README.md"}, {"rfilename": "model.safetensors"}],
        }
    )
    hub.add_file(repo_id, "README.md", card)
    hub.add_file(repo_id, "model.safetensors", b"\0" * 64, lfs=True)
    return repo_id


def test_on_the_hub_a_licence_section_is_read_against_the_card_licence(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`license: apache-2.0` and a License section saying the weights are non-commercial:
    unknown, with a conflict; a section that agrees changes nothing."""
    env = hub_env(hub, tmp_path / "home")
    said = hub_model(hub, "acme/non-commercial", NON_COMMERCIAL)
    report = checked(said, env)
    assert weights_licences(report) == ["apache-2.0", "CC-BY-NC-4.0"]
    assert parameters(report) == "unknown"
    (conflict,) = conflicts(report)
    assert "README.md:8" in conflict["message"]
    agreeing = hub_model(hub, "acme/agreeing", "The weights are released under Apache 2.0.")
    report = checked(agreeing, env)
    assert weights_licences(report) == ["apache-2.0"] and parameters(report) == "met"
    assert not conflicts(report)


def apache_weights_stay_met(tmp_path: Path, sections: tuple[str, ...]) -> None:
    for index, section in enumerate(sections):
        directory = model_dir(tmp_path / str(index), section, "license: apache-2.0", False)
        report = checked(str(directory))
        assert weights_licences(report) == ["apache-2.0"], section
        assert parameters(report) == "met", section
        assert not conflicts(report), section


def test_the_licence_of_the_model_card_or_tokenizer_is_not_the_weights(tmp_path: Path) -> None:
    """`license: apache-2.0` and a License section naming another licence for the model card
    or the tokenizer ("model card" read as "model"): the weights were unknown, with a conflict."""
    apache_weights_stay_met(
        tmp_path,
        (
            "The weights are released under Apache 2.0. This model card is licensed under "
            "CC BY-NC-SA 4.0.",
            "The model is released under Apache 2.0 and the tokenizer is under MIT.",
            "The base model is released under the Llama 2 Community License.",
            # the intermediate checkpoints' licence is not the final weights'
            "Intermediate checkpoints are released under CC BY-NC 4.0.",
        ),
    )


def test_a_relative_clause_a_past_licence_or_an_agent_is_not_the_weights_licence(
    tmp_path: Path,
) -> None:
    """The base model or data a relative clause speaks of, the licence the model had before,
    or a licence whose name is the agent's ("released by the MIT CSAIL lab under Apache 2.0"
    named MIT): each made `license: apache-2.0` weights unknown, with a conflict."""
    apache_weights_stay_met(
        tmp_path,
        (
            "This model is a fine-tune of meta-llama/Llama-2-7b-hf, which is licensed under "
            "the Llama 2 Community License.",
            "The model is trained on ShareGPT, which is released under CC BY-NC 4.0.",
            "The model was previously released under CC BY-NC 4.0 and is now under Apache 2.0.",
            "The model is released by the MIT CSAIL lab under Apache 2.0.",
        ),
    )


def test_a_purpose_between_released_and_under_is_read(tmp_path: Path) -> None:
    """ "The weights are released for non-commercial use under CC BY-NC 4.0" beside a LICENSE
    of MIT: the purpose stood between "released" and "under", so the weights stayed MIT, met."""
    section = "The weights are released for non-commercial use under CC BY-NC 4.0."
    report = checked(str(model_dir(tmp_path, section)))
    assert weights_licences(report) == ["MIT", "CC-BY-NC-4.0"]
    assert parameters(report) == "unknown"
    assert len(conflicts(report)) == 1


def test_a_fine_tune_or_adapter_speaking_of_itself_is_read(tmp_path: Path) -> None:
    """A fine-tune's card saying "This fine-tune is released under CC BY-NC 4.0" (or "This
    adapter") beside a LICENSE of MIT: no subject of the model's was found, the weights met."""
    for index, section in enumerate(
        (
            "This fine-tune is released under CC BY-NC 4.0.",
            "This adapter is licensed under CC BY-NC 4.0.",
        )
    ):
        report = checked(str(model_dir(tmp_path / str(index), section)))
        assert weights_licences(report) == ["MIT", "CC-BY-NC-4.0"], section
        assert parameters(report) == "unknown", section


def test_a_card_licence_of_unknown_is_left_to_a_declaration(tmp_path: Path) -> None:
    """`license: unknown` and a section naming the Falcon-180B TII License: the weights were
    "under unknown or Falcon ..., osai cannot tell which ... (a declaration does not settle
    it)", where the card credited no licence and a declaration is what settles it."""
    section = "The model is licensed under the Falcon-180B TII License."
    directory = model_dir(tmp_path, section, front="license: unknown", licence=False)
    report = checked(str(directory))
    assert weights_licences(report) == ["unknown"]
    assert not conflicts(report)
    assert "does not settle" not in run_osai("check", str(directory), "-f", "osaid").stdout
