"""The release of a MOT user's review of what `osai check` prints (reproduced by the lead, not
taken from the corpus): six MOF components under `Apache 2.0`, which the default mode reads as
Apache-2.0 (MOF Class III) and the `mot` mode, matching licence ids verbatim as the Model
Openness Tool does, rejects (it takes `Apache-2.0`): opposite verdicts of one framework."""

from __future__ import annotations

RELEASE = """\
framework: {name: 'Model Openness Framework', version: '1.0', date: '2024-12-15'}
release:
  name: sp
  version: 1B
  date: '2026-01-01'
  type: language
  architecture: transformer
  producer: Acme
  license: {distribution: {name: 'Apache 2.0'}}
  components:
    - name: 'Model architecture'
    - name: 'Model parameters (Final)'
    - name: 'Model card'
    - name: 'Data card'
    - name: 'Technical report'
    - name: 'Evaluation results'
"""
