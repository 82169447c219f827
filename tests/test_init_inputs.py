"""`osai init` on what a publisher may name by mistake, and to where it may write: a file of the
model directory that is no manifest is not called one; a stream (`-o /dev/stdout`) overwrites
nothing, so it is written as `osai check -o /dev/stdout` is."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from clirunner import EXAMPLES, run_osai, run_osai_process, run_osai_unprivileged


@pytest.fixture
def model_dir(tmp_path: Path) -> Path:
    model = tmp_path / "model"
    model.mkdir()
    (model / "README.md").write_text("---\nlicense: apache-2.0\n---\n# A model\n")
    (model / "config.json").write_text('{"architectures": ["GPTNeoXForCausalLM"]}\n')
    (model / "model.safetensors").write_bytes(b"\0\1\2")
    (model / "train.py").write_text("print('training')\n")
    return model


@pytest.mark.parametrize("name", ["config.json", "model.safetensors", "train.py"])
def test_a_file_that_is_no_manifest_is_not_called_one(model_dir: Path, name: str) -> None:
    """`osai init model/config.json` said "a manifest already declares the release (check it
    with `osai check`)": a model config, a weights file, a script declare nothing, and `osai
    check` refuses them as manifests.  The user named a file of the model: its directory is
    what to draft from."""
    target = str(model_dir / name)
    result = run_osai("init", target)
    assert result.code == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert "manifest already declares" not in result.stderr
    assert result.stderr.startswith(f"osai: error: {target}: not a model card, a manifest ")
    assert f"`osai init {model_dir}`" in result.stderr
    assert not (model_dir / "osai.yaml").exists()


def test_a_device_is_not_sent_to_its_directory() -> None:
    result = run_osai("init", "/dev/null")
    assert result.code == 2
    assert result.stderr == (
        "osai: error: /dev/null: not a model card, a manifest or an AI BOM; osai init drafts "
        "from a model directory, a model card or a Hub model id\n"
    )


def test_a_manifest_is_still_called_one(tmp_path: Path) -> None:
    named = tmp_path / "osai.yaml"  # osai's own name: meant as a manifest, whatever it holds
    named.write_text("not: [valid\n")
    for target in (EXAMPLES / "pythia-70m.yml", named):
        result = run_osai("init", str(target))
        assert result.code == 2
        assert "a manifest already declares the release (check it with `osai check`)" in (
            result.stderr
        )


@pytest.mark.parametrize("stream", ["/dev/stdout", "/dev/null"])
def test_a_draft_is_written_to_a_stream(model_dir: Path, stream: str) -> None:
    """`osai init DIR -o /dev/stdout` said "/dev/stdout: already exists (use --force to
    overwrite it)", and with --force "not a draft of `osai init`": a stream holds no file to
    lose, and `osai check -o /dev/stdout` writes there."""
    # a process of its own: /dev/stdout is then its standard output, a pipe
    result = run_osai_process("init", str(model_dir), "-o", stream)
    assert result.code == 0, result.stderr
    if stream == "/dev/stdout":
        assert yaml.safe_load(result.stdout)["release"]["name"] == "model"
    assert not (model_dir / "osai.yaml").exists()


@pytest.mark.parametrize("blank", [(), ("--blank",)])
@pytest.mark.parametrize("named", ["drafts/", "drafts", "."])
def test_an_output_that_names_a_directory_is_refused(
    model_dir: Path, tmp_path: Path, named: str, blank: tuple[str, ...]
) -> None:
    """`osai init DIR -o drafts/` wrote a file named `drafts` (the slash was dropped), where an
    existing `drafts/` was refused: a directory, there or not yet, is no file name."""
    if named == "drafts":
        (tmp_path / "drafts").mkdir()
    target = () if blank else (str(model_dir),)
    result = run_osai("init", *target, *blank, "-o", named, cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: --output {named}: names a directory; give a file name\n",
    )
    assert not (tmp_path / "drafts").is_file()
    assert not (model_dir / "osai.yaml").exists()


def test_a_draft_says_what_it_could_not_read(model_dir: Path) -> None:
    """A card whose metadata is not YAML was drafted from without a word; `osai check` warns of
    it, and so does the draft, in one line, the draft still written."""
    (model_dir / "README.md").write_text("---\nlicense: [apache-2.0\n---\n# A model\n")
    result = run_osai("init", str(model_dir))
    assert result.code == 0, result.stderr
    assert "osai: warning: README.md: invalid YAML front matter (did not find expected ',' or " in (
        result.stderr
    )
    assert (model_dir / "osai.yaml").exists()


def test_a_read_only_model_directory_says_where_else_to_write(model_dir: Path) -> None:
    """A publisher's model directory they may not write (a read-only mount, another user's):
    "cannot write (Permission denied)" was all `osai init` said.  The one line names the way
    on: the draft elsewhere with -o, and the check that reads it with --manifest.  (Run without
    root's override of modes; in process, root writes anywhere.)"""
    model_dir.chmod(0o555)
    try:
        result = run_osai_unprivileged("init", "model", cwd=model_dir.parent)
    finally:
        model_dir.chmod(0o755)
    assert result.code == 2, result.stderr
    assert result.stderr == (
        "osai: error: model/osai.yaml: cannot write (Permission denied): write it elsewhere "
        "with -o FILE, then: osai check model --manifest FILE\n"
    )
    assert not (model_dir / "osai.yaml").exists()
