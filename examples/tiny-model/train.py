"""Train tiny-model, a one-layer GPT-NeoX over UTF-8 bytes.

    python train.py --data data/train.jsonl --output-dir out

Reads the preprocessed corpus (one JSON object with a "text" field per line), builds the model from
modeling_tiny.py and config.json in this directory, and saves the trained weights as safetensors.
Text is tokenised as raw UTF-8 bytes (vocab_size 256), so no tokenizer files are needed.  Needs
torch and transformers.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path

import torch
from modeling_tiny import TinyConfig, TinyForCausalLM

HERE = Path(__file__).resolve().parent
BOS, EOS = 2, 3
IGNORED = -100


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="preprocessed JSONL corpus")
    parser.add_argument("--output-dir", type=Path, required=True)
    parser.add_argument("--steps", type=int, default=20_000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--learning-rate", type=float, default=3e-4)
    parser.add_argument("--weight-decay", type=float, default=0.01)
    parser.add_argument("--warmup-steps", type=int, default=200)
    parser.add_argument("--log-every", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1234)
    return parser.parse_args()


def encode(text: str, length: int) -> list[int]:
    """A story as byte ids between BOS and EOS, cut to the model's context length."""
    return [BOS, *text.encode("utf-8")[: length - 2], EOS]


def read_stories(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def batches(
    stories: list[str], batch_size: int, length: int, seed: int
) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """Shuffled batches for ever (one pass per epoch), padded with EOS and masked in the labels."""
    order = random.Random(seed)
    while True:
        order.shuffle(stories)
        for start in range(0, len(stories) - batch_size + 1, batch_size):
            yield pad([encode(text, length) for text in stories[start : start + batch_size]])


def pad(batch: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(ids) for ids in batch)
    input_ids = torch.full((len(batch), width), EOS, dtype=torch.long)
    labels = torch.full((len(batch), width), IGNORED, dtype=torch.long)
    for row, ids in enumerate(batch):
        input_ids[row, : len(ids)] = torch.tensor(ids)
        labels[row, : len(ids)] = torch.tensor(ids)
    return input_ids, labels


def train(args: argparse.Namespace) -> None:
    torch.manual_seed(args.seed)
    config = TinyConfig.from_pretrained(HERE)
    model = TinyForCausalLM(config)
    optimizer = torch.optim.AdamW(
        model.parameters(), lr=args.learning_rate, weight_decay=args.weight_decay
    )
    warmup = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / args.warmup_steps)
    )
    stories = read_stories(args.data)
    model.train()
    for step, (input_ids, labels) in enumerate(
        batches(stories, args.batch_size, config.max_position_embeddings, args.seed)
    ):
        if step == args.steps:
            break
        loss = model(input_ids=input_ids, labels=labels).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
        optimizer.step()
        warmup.step()
        optimizer.zero_grad()
        if step % args.log_every == 0:
            print(f"step {step:>6}  loss {loss.item():.4f}")
    model.save_pretrained(args.output_dir, safe_serialization=True)


if __name__ == "__main__":
    train(parse_args())
