"""Hypothesis profiles for the property tests, and a count of examples per engine entry point.

``ci`` (the default) is small and deterministic, so the normal test run stays fast and never
flaky; ``fuzz`` (``./dev fuzz``, or KLANTCANVAS_HYPOTHESIS_PROFILE=fuzz) runs at least 1000
examples per entry point with fresh randomness. The count is printed at the end of the run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).parent))  # for kc_strategies (tests use --import-mode=importlib)

SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile("ci", max_examples=30, derandomize=True, database=None, deadline=None,
                          suppress_health_check=SLOW, print_blob=True)
settings.register_profile("fuzz", max_examples=1000, database=None, deadline=None,
                          suppress_health_check=SLOW, print_blob=True)
settings.load_profile(os.environ.get("KLANTCANVAS_HYPOTHESIS_PROFILE", "ci"))

def pytest_terminal_summary(terminalreporter):  # type: ignore[no-untyped-def]
    from kc_strategies import EXAMPLES

    if EXAMPLES:
        profile = settings().max_examples
        terminalreporter.write_sep("-", f"Hypothesis examples per entry point (profile max_examples={profile})")
        for name, number in sorted(EXAMPLES.items()):
            terminalreporter.write_line(f"{name:<28} {number:>6}")
