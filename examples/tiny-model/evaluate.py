"""Evaluate tiny-model: perplexity per byte on the TinyStories validation split.

    python evaluate.py [--model-dir .] [--limit 1000]

Prints the perplexity, the figure the model card reports.  Needs torch, transformers and datasets.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import torch
from datasets import load_dataset
from modeling_tiny import TinyForCausalLM

BOS, EOS = 2, 3


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--limit", type=int, default=None, help="evaluate the first N stories")
    return parser.parse_args()


@torch.no_grad()
def perplexity(model: TinyForCausalLM, stories: list[str], length: int) -> float:
    """exp(mean negative log-likelihood per predicted byte) over all stories."""
    total_loss, total_bytes = 0.0, 0
    for text in stories:
        ids = [BOS, *text.encode("utf-8")[: length - 2], EOS]
        input_ids = torch.tensor([ids])
        loss = model(input_ids=input_ids, labels=input_ids).loss
        predicted = len(ids) - 1
        total_loss += loss.item() * predicted
        total_bytes += predicted
    return math.exp(total_loss / total_bytes)


def main() -> None:
    args = parse_args()
    model = TinyForCausalLM.from_pretrained(args.model_dir, torch_dtype=torch.float32).eval()
    split = load_dataset("roneneldan/TinyStories", split="validation")
    stories = [row["text"] for row in split]
    if args.limit is not None:
        stories = stories[: args.limit]
    value = perplexity(model, stories, model.config.max_position_embeddings)
    print(f"TinyStories validation: perplexity (bytes) {value:.1f} over {len(stories)} stories")


if __name__ == "__main__":
    main()
