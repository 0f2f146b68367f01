"""The guide page's workshop block: the agenda from the definition's steps, made at build time."""

from __future__ import annotations

import json
import re

from klantcanvas import get_canvas
from klantcanvas.forms import render_form
from klantcanvas.forms_workshop import workshop_block
from klantcanvas.i18n import use_locale


def test_the_agenda_lists_every_step_with_editable_minutes_and_the_total() -> None:
    canvas = get_canvas("customer-journey-canvas")
    html = workshop_block(canvas, "p-")
    minutes = re.findall(r'value="(\d+)" data-ws-minutes="([\w-]+)"', html)
    assert [(step, int(n)) for n, step in minutes] == [(s.id, s.minutes) for s in canvas.steps]
    assert "Totaal: 45 minuten" in html and "4. Fases en hun duur" in html
    assert "Touchpoints per fase <span class=\"kc-ws-badge\">eerst alleen</span>" in html
    data = json.loads(re.search(r"<script type=\"application/json\" data-ws-data>(.*?)</script>", html).group(1))  # type: ignore[union-attr]
    assert data == {"messages": data["messages"]} and data["messages"]["start"] == "Start workshop"
    assert workshop_block(canvas, f"kc-{canvas.id}-") in render_form(canvas)


def test_the_english_agenda_is_in_english() -> None:
    with use_locale("en"):
        html = workshop_block(get_canvas("customer-journey-canvas"), "p-")
    assert "Total: 45 minutes" in html and "1. Set the goal" in html and "Minutes for ‘Set the goal’" in html
