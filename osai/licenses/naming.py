"""How a report names a licence for a person: the one convention every report follows.

- A licence SPDX lists goes by its SPDX id (`Apache-2.0`, `CC-BY-NC-4.0`): the name licence
  files, the Hub and GitHub use for it, whatever the source's spelling (`apache-2.0`).
- A licence only osai knows goes by its name (`Llama 2 Community License Agreement`): its
  `LicenseRef-` id is osai's bookkeeping, and a card's `llama2` is the Hub's.  The id is shown
  beside the name where a reader can use it (a verdict's reason; `osai licenses show ID`), and
  JSON keeps it.
- Anything else (a licence osai does not know, free text, a state) as osai reads it.
- The source's own spelling only where evidence quotes it (`cardData.license = llama2`).

Pure.
"""

from __future__ import annotations

from osai.licenses.knowledge import LicenceKnowledge, LicenceState
from osai.licenses.parsing import Leaf, names_unread_id, parse_licence, rendered
from osai.textsafe import unseen_escaped


def unread_name(text: str) -> str:
    """A licence string osai does not read, as a report names it: as written, each character
    no one sees escaped (`mi\\u200bt`: shown raw, it read "under mit", MIT to the eye).  Only
    here, in a name osai matches on: in prose a zero-width joiner is an emoji's."""
    return unseen_escaped(text.strip())


def leaf_title(leaf: Leaf) -> str:
    """One licence of an expression as a person reads it: an id SPDX lists, else its name."""
    info = leaf.info
    if info is None:
        return unread_name(leaf.id)
    if info.in_spdx_list or not info.name:
        return leaf.id
    return info.name


def leaf_title_with_id(leaf: Leaf) -> str:
    """One licence with both its names, the one a person reads first: `Apache-2.0 (Apache
    License 2.0)`, `Llama 2 Community License Agreement (LicenseRef-llama2)`."""
    info = leaf.info
    if info is None or not info.name or info.name == leaf.id:
        return leaf_title(leaf)
    title = leaf_title(leaf)
    other = info.name if title == leaf.id else leaf.id
    return f"{title} ({other})"


def leaf_called(leaf: Leaf) -> str:
    """One licence as briefly as a person can tell it: an id SPDX lists alone (`Apache-2.0`), a
    licence only osai knows by its name with its id."""
    return leaf.id if leaf_title(leaf) == leaf.id else leaf_title_with_id(leaf)


def licence_title(text: str, knowledge: LicenceKnowledge) -> str:
    """A licence string as a person reads it (the module's convention): `llama2` and
    `LicenseRef-llama2` are `Llama 2 Community License Agreement`, `apache-2.0` is `Apache-2.0`;
    text that is not an expression of licences osai knows stays as it stands."""
    parsed = parse_licence(text, knowledge, exact=False)
    if parsed.state is not LicenceState.EXPRESSION or parsed.expression is None:
        return unread_name(text)
    if names_unread_id(parsed):
        return unread_name(text)  # a word osai does not know: its spelling is all there is
    return rendered(parsed.expression, leaf_title)
