"""`osai init` on what a publisher may name by mistake, and where it may write: a stream (`-o
/dev/stdout`) overwrites nothing, so it is written as `osai check -o /dev/stdout` is."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from clirunner import run_osai_process


@pytest.fixture
def model_dir(tmp_path: Path) -> Path:
    model = tmp_path / "model"
    model.mkdir()
    (model / "README.md").write_text("---\nlicense: apache-2.0\n---\n# A model\n")
    (model / "config.json").write_text('{"architectures": ["GPTNeoXForCausalLM"]}\n')
    (model / "model.safetensors").write_bytes(b"\0\1\2")
    (model / "train.py").write_text("print('training')\n")
    return model


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
