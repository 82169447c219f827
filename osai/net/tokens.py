"""A token from the environment as a request sends it.

Cleaned as huggingface_hub cleans its own (line breaks dropped, blanks around it stripped): a CI
secret pasted with its trailing newline works with the `hf` command.  osai sent it as it was, httpx2
refused the header, and the refusal was retried four times as a connection broken off and said as
the network's fault, exit 3.  A character still in it that no HTTP header carries is bad input,
said without the token.
"""

from __future__ import annotations

from osai.errors import BadInput
from osai.redaction import clean_token

# What an HTTP header's value may hold of a token (RFC 9110 field-vchar, ASCII): visible characters
_VISIBLE = range(0x21, 0x7F)


def sendable_token(value: str, variable: str) -> str:
    """`value` cleaned ("" when nothing is left); BadInput naming `variable` (never the token)
    when it holds a character a header cannot carry."""
    cleaned = clean_token(value)
    at = next((i for i, char in enumerate(cleaned) if ord(char) not in _VISIBLE), None)
    if at is not None:
        raise BadInput(
            f"{variable} holds a character an HTTP header cannot carry (its character {at + 1}): "
            "set it again, as the token was issued"
        )
    return cleaned
