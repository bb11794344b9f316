"""The process exit codes, documented in the README."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # every plan valid (and no --fail-on condition hit)
    FINDINGS = 1  # a --fail-on condition was hit (e.g. a missed target)
    INVALID = 2  # a plan file is invalid, or the command line is wrong
    INTERNAL = 3  # govplan itself failed: a bug to report
