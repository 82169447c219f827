"""Errors the core raises, and the exit codes they map to; the CLI prints one line per error."""

from __future__ import annotations

from enum import IntEnum

from osai.textsafe import line_breaks_escaped


class ExitCode(IntEnum):
    """What a run of osai exits with (README, "Exit codes")."""

    OK = 0  # every required policy met (without --require: the run worked)
    POLICY_UNMET = 1  # a required policy not met (FAIL or NOT PROVEN)
    BAD_INPUT = 2  # bad usage or bad input
    EVIDENCE_UNAVAILABLE = 3  # evidence could not be collected (network, rate limit, offline)
    INTERNAL_ERROR = 70  # a bug in osai (EX_SOFTWARE)
    INTERRUPTED = 130  # Ctrl-C
    TERMINATED = 143  # SIGTERM a census took as a Ctrl-C (128 + 15, as a shell reports it)


class OsaiError(Exception):
    """Base class: problems osai reports one a line, never as a traceback.  Each argument is one
    problem; `str()` gives them one a line."""

    exit_code = ExitCode.BAD_INPUT

    def __str__(self) -> str:
        # A line break inside one problem (a file name typed with a newline) is written as its
        # escape, never as a line of its own that reads as another error.
        return "\n".join(line_breaks_escaped(str(problem)) for problem in self.args)


class BadInput(OsaiError):
    """The user gave something osai cannot use: a bad file, flag or value (exit 2)."""

    exit_code = ExitCode.BAD_INPUT


class NotRead(BadInput):
    """A valid file holding a value osai declines to read (a number of more digits than it
    converts): said as not read, never as invalid YAML or JSON."""


class NoSuchRepository(BadInput):
    """The host answered that the repository asked for does not exist (or is private)."""


class RulesError(BadInput):
    """A rule file (framework, components, licences, detection) is invalid."""


class EvidenceUnavailable(OsaiError):
    """Evidence could not be collected: network, rate limit, gating, offline cache (exit 3)."""

    exit_code = ExitCode.EVIDENCE_UNAVAILABLE
