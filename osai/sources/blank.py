"""`osai init --blank`: a complete minimal manifest to fill in (README, "Write a manifest", shows
the same text; tests/test_init.py checks they are one and that, once filled in, it checks
cleanly).  Its values are examples ("My Lab", `none`), so the reader refuses it as it is
(osai.sources.manifest.unfilled_blank): read, they were the publisher's declared word."""

from __future__ import annotations

# The blank's example sentences: what to write there, not a description of any release.  A fact
# left as one in the user's own manifest is refused (osai.sources.manifest_checks): once the
# manifest was edited elsewhere, it was read as the release's declared description, and met
# OSAID's training-data description on the words "What the data is".
EXAMPLE_TEXTS = (
    "What the data is, where it comes from, how it was processed.",
    "What the model cannot do, and uses it is not meant for.",
)

# What it is until edited, as every line about it says it (the refusal to read it, the line
# saying where `osai init --blank -o` wrote it).
EXAMPLE_VALUES_SAID = "its values are examples (My Lab, none)"

BLANK_MANIFEST = """\
# A manifest: the Model Openness Framework model file, as the Model Openness
# Tool reads it, with osai's extensions.  Fill it in, then run:
#   osai check osai.yaml
framework:
  name: Model Openness Framework
  version: '1.0'
  date: '2024-12-15'
release:
  name: my-model
  version: '1.0'
  date: '2025-01-31'
  producer: My Lab
  license:
    distribution:          # inherited by a listed component with no license
      name: Apache-2.0
  data_information:        # osai extension: OSAID 1.0 data information
    training_data_description:
      'What the data is, where it comes from, how it was processed.'
    public_data_sources: none             # each public dataset, where to get it
    third_party_data_sources: none        # data others sell or license to you
    unshareable_data_description: none    # data you cannot share, described
  # declarations:  # osai extension, for the EU AI Act and EOSAI: uncomment
  #   weights_access: ungated             # or click-through, approval...
  #   monetisation: none                  # or price, dual-licensing...
  #   training_compute_flop: 3.1e+23      # training FLOP, a base model's too
  #   systemic_risk_designation: none     # or designated by the Commission
  #   usage_limitations:
  #     'What the model cannot do, and uses it is not meant for.'
  components:              # every component you release (a required one
                           # not listed is NOT released)
    - name: Model architecture
    - name: Training code
    - name: Inference code
    - name: Model parameters (Final)
    - name: Model card
      license: CC-BY-4.0
    - name: Technical report
      license: CC-BY-4.0
"""
