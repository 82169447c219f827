"""Where frameworks disagree: from their rules (compare) and on one release (check).

Everything here is computed from the rule files: which components each framework requires, at
which level, under which licence policy, and which declared facts it asks for.
"""

from __future__ import annotations

from osai.differences.between import differences_among, framework_differences
from osai.differences.demand import Demand, demands, fact_demands, fact_test, primary_demand
from osai.differences.release import release_differences

__all__ = [
    "Demand",
    "demands",
    "differences_among",
    "fact_demands",
    "fact_test",
    "framework_differences",
    "primary_demand",
    "release_differences",
]
