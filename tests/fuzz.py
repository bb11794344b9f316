"""How hard the property tests try: their usual number of examples in `make test`, that
many times GOVPLAN_FUZZ in `make fuzz`."""

from __future__ import annotations

import os


def examples(usual: int) -> int:
    return usual * max(1, int(os.environ.get("GOVPLAN_FUZZ", "1")))
