"""What a Hub model's draft leaves out: its public listings (the MOT listing, the EOSAI entry).

`osai check ORG/NAME` merges them as evidence; a draft is what the publisher declares, so a third
party's listing is never copied into it as the publisher's word.  The draft then agrees with
`osai check ORG/NAME --no-public-assessments`, and the user is told which listing it left out.
"""

from __future__ import annotations

from shlex import quote

from osai.evidence import Release
from osai.rules import RuleSet


def listings_left_out(release: Release, rules: RuleSet) -> tuple[str, ...]:
    """One line for each listing `osai check` of this Hub model merges (found as check finds
    them, osai.assessments.public) and the draft does not copy; none for a model with no Hub id
    (Release.hub_id)."""
    if not release.hub_id:  # a Hub model, or a cache snapshot of one, as osai check reads it
        return ()
    from osai.assessments import load_databases
    from osai.assessments.public import listings

    found = listings(release, rules, load_databases(rules))
    return tuple(
        f"{listing.named} is not copied into the draft: it is a third party's word, not the "
        f"publisher's; `osai check {quote(release.target)}` still uses it"
        for listing in found
        if listing.is_evidence
    )
