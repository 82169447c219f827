"""Public assessments as evidence: the Model Openness Tool's listings and the European Open Source
AI Index's grades, bundled as snapshots, matched to a Hub repository, turned into Releases.

The interface other code calls:

    databases = load_databases(rules)                       # bundled or last good updated snapshot
    found = match(databases, "EleutherAI/pythia-70m", base_models=(...), renamed_from=(...))
    mot_release(found.mot, rules)        # Release, source "mot", certainty declared
    eosai_evidence(found.eosai, rules)   # EosaiAssessment: each parameter's grade, link, notes
    eosai_release(found.eosai, rules)    # Release, source "eosai", certainty assessed
    db_status(data_dir) / update_databases(rules, data_dir, download)
"""

from osai.assessments.eosai import (
    AssessedParameter,
    EosaiAssessment,
    describe_eosai_match,
    eosai_evidence,
    eosai_release,
)
from osai.assessments.matching import match
from osai.assessments.model import (
    Databases,
    EosaiEntry,
    EosaiMatch,
    Grade,
    Matches,
    MatchKind,
    MotEntry,
    MotMatch,
    Skipped,
    SnapshotInfo,
)
from osai.assessments.mot import describe_mot_match, listing_date, mot_release
from osai.assessments.store import load_databases, user_data_dir
from osai.assessments.update import (
    DatabaseStatus,
    UpdateOutcome,
    db_status,
    network_unavailable,
    update_databases,
)

__all__ = [
    "AssessedParameter",
    "DatabaseStatus",
    "Databases",
    "EosaiAssessment",
    "EosaiEntry",
    "EosaiMatch",
    "Grade",
    "MatchKind",
    "Matches",
    "MotEntry",
    "MotMatch",
    "Skipped",
    "SnapshotInfo",
    "UpdateOutcome",
    "db_status",
    "describe_eosai_match",
    "describe_mot_match",
    "eosai_evidence",
    "eosai_release",
    "listing_date",
    "load_databases",
    "match",
    "mot_release",
    "network_unavailable",
    "update_databases",
    "user_data_dir",
]
