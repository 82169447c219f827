"""Rule data: the component vocabulary, licence knowledge, detection patterns and frameworks.

Every file is validated against its published JSON Schema, then cross-checked (levels, components,
facts, policies and licence sets that a file names must exist).  An invalid file is reported with
file, line, path inside it and reason.
"""

from osai.rules.load import SCHEMA_KINDS, load_ruleset, validate_rule_file, validated_rule_file
from osai.rules.model import (
    DEFAULT_MODE,
    Check,
    Component,
    FactKind,
    Framework,
    Grade,
    GradeCondition,
    Level,
    Mode,
    ModelFile,
    Policy,
    Requirement,
    RuleSet,
    Scope,
)

__all__ = [
    "DEFAULT_MODE",
    "SCHEMA_KINDS",
    "Check",
    "Component",
    "FactKind",
    "Framework",
    "Grade",
    "GradeCondition",
    "Level",
    "Mode",
    "ModelFile",
    "Policy",
    "Requirement",
    "RuleSet",
    "Scope",
    "load_ruleset",
    "validate_rule_file",
    "validated_rule_file",
]
