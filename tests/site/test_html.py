"""Every built page is valid HTML by the Nu Html Checker (vnu, pinned in package.json, run on
Debian's Java). What the theme writes and a small override cannot fix is listed, with why."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors in Material's own markup, by the start of vnu's message, with why they stay.
THEME_ERRORS = {
    "Attribute “autocomplete” is only allowed when the input type is":
        "Material's base.html writes autocomplete=off on its drawer and search toggles (checkboxes, to "
        "stop Firefox restoring them); they sit in the body outside any block, so only a copy of "
        "base.html could drop it",
    "Bad value “” for attribute “tabindex” on element “label”":
        "Material's partials/nav-item.html gives section labels of navigation.sections an empty "
        "tabindex; the value is set deep inside a recursive macro, and overriding it means copying "
        "the whole partial",
}
# Warnings vnu gives for reasons that do not apply to a served page, with why.
IGNORED_WARNINGS = {
    "violates Content Security Policy (meta tag)":
        "vnu checks the policy against file: URLs, where 'self' matches nothing, and counts JSON data "
        "blocks as scripts; the browser applies it for real in every e2e test (tests/e2e/conftest.py)",
}


def test_every_page_is_valid_html(built_site: Path) -> None:
    java = shutil.which("java")
    assert java, "Java is missing: ./dev test installs Debian's default-jre-headless"
    assert VNU.exists(), f"{VNU} is missing: ./dev setup installs the npm packages"
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--skip-non-html", str(built_site)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr)["messages"]
    assert len({m["url"] for m in messages}) > 15 or not messages
    ours, theirs = [], []
    for m in messages:
        text = m["message"]
        if m["type"] == "error" or m.get("subType") == "warning":
            if any(text.startswith(e) for e in THEME_ERRORS):
                theirs.append(text)
            elif not any(w in text for w in IGNORED_WARNINGS):
                ours.append(f'{m["url"].rsplit("site/", 1)[-1]}:{m.get("lastLine")}: {m["type"]} {text} [{m.get("extract", "")[:80]}]')
    assert ours == [], "\n".join(ours)
    assert theirs, "the theme's errors are gone: remove them from THEME_ERRORS"
