"""Errors the core raises; the CLI maps each kind to one line and an exit code."""

from __future__ import annotations


class OsaiError(Exception):
    """Base class: a problem osai reports in one line, never as a traceback."""

    exit_code = 2


class BadInput(OsaiError):
    """The user gave something osai cannot use: a bad file, flag or value (exit 2)."""

    exit_code = 2


class RulesError(BadInput):
    """A rule file (framework, components, licences) is invalid."""


class EvidenceUnavailable(OsaiError):
    """Evidence could not be collected: network, rate limit, gating, offline cache (exit 3)."""

    exit_code = 3
