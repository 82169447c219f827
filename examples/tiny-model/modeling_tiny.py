"""tiny-model's architecture: a one-layer GPT-NeoX over UTF-8 bytes.

The network is transformers' GPT-NeoX (Apache-2.0), given its own classes here so that the release
names the code it is trained and run with: config.json's ``auto_map`` points at them, and
``train.py`` and ``evaluate.py`` build the model from them.  Load it with
``AutoModelForCausalLM.from_pretrained(path, trust_remote_code=True)``.
"""

from __future__ import annotations

from transformers import GPTNeoXConfig, GPTNeoXForCausalLM


class TinyConfig(GPTNeoXConfig):
    """GPT-NeoX's configuration; the sizes are in config.json (one layer, hidden size 4)."""


class TinyForCausalLM(GPTNeoXForCausalLM):
    """GPT-NeoX with a causal language-modelling head over the 256 byte values."""

    config_class = TinyConfig
