"""The board layout: a grid of panels, each showing one or more fields, described in the TOML.

Used by Persona, Klantsegmenten and Klantrelaties. ``[layout]`` gives the grid (``cols`` and
``rows`` as counts or relative weights, optionally ``portrait_cols``/``portrait_rows``) and a list
of ``[[layout.panels]]``. Each panel has ``at = [col, row, colspan, rowspan]`` (and optionally
``portrait_at``) and a ``kind``:

* ``text``: a heading, optional badges (choice or flag fields) and the fields as paragraphs;
* ``cards``: one list field as a stack of cards;
* ``facts``: label/value rows (general information);
* ``profile``: a drawn avatar (colour, initials, hair, accessory) with a name and a motto;
* ``records``: a group field as one column per record, with a title, badges and aligned
  ``sections`` (coloured bands such as jobs/pains/gains or get/keep/grow).

Everything is fitted with ``klantcanvas.text.fit``: text shrinks between a maximum and a minimum
size and is cut with an ellipsis (flagged as overflow) only when even the minimum is too big.
This module places the panels on the grid; ``board_panels`` and ``board_records`` draw them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from klantcanvas.model import Filled
from klantcanvas.layouts.board_panels import PanelContext, cards_panel, facts_panel, profile_panel, text_panel
from klantcanvas.layouts.board_records import records_panel
from klantcanvas.layouts.frame import Area, frame
from klantcanvas.paper import Page
from klantcanvas.scene import Item, Scene

__all__ = ["build", "field_refs"]


# ----------------------------------------------------------------------------- definition side


def _panel_refs(panel: Mapping[str, Any]) -> list[str]:
    if panel.get("kind") == "records":  # title, badges and sections name the group's own fields
        return [panel["field"]]
    refs = list(panel.get("fields", ()))
    for key in ("field", "name", "motto"):
        if key in panel:
            refs.append(panel[key])
    refs += list(panel.get("badges", ()))
    refs += list(panel.get("avatar", {}).values())
    return refs


def field_refs(options: Mapping[str, Any]) -> list[str]:
    refs: list[str] = []
    for panel in options["panels"]:
        for ref in _panel_refs(panel):
            if ref not in refs:
                refs.append(ref)
    return refs


# ----------------------------------------------------------------------------- the grid


def _weights(spec: Any) -> list[float]:
    if isinstance(spec, int):
        return [1.0] * spec
    return [float(v) for v in spec]


def _cells(area: Area, cols: list[float], rows: list[float], gap: float) -> Callable[[Sequence[int]], Area]:
    free_w = area.w - gap * (len(cols) - 1)
    free_h = area.h - gap * (len(rows) - 1)
    xs = [area.x]
    for wgt in cols:
        xs.append(xs[-1] + free_w * wgt / sum(cols) + gap)
    ys = [area.y]
    for wgt in rows:
        ys.append(ys[-1] + free_h * wgt / sum(rows) + gap)

    def cell(at: Sequence[int]) -> Area:
        c, r, cs, rs = (list(at) + [1, 1])[:4]
        return Area(xs[c], ys[r], xs[c + cs] - gap - xs[c], ys[r + rs] - gap - ys[r])

    return cell


PANELS = {
    "text": text_panel,
    "cards": cards_panel,
    "facts": facts_panel,
    "profile": profile_panel,
    "records": records_panel,
}


def build(filled: Filled, page: Page) -> Scene:
    canvas = filled.canvas
    options = canvas.layout.options
    fr = frame(canvas.title, canvas.summary, page)
    k, area = fr.unit, fr.content
    portrait = not page.landscape
    cols = _weights(options.get("portrait_cols", options["cols"]) if portrait else options["cols"])
    rows = _weights(options.get("portrait_rows", options["rows"]) if portrait else options["rows"])
    cell = _cells(area, cols, rows, 3.5 * k)
    ctx = PanelContext(filled, k)
    items: list[Item] = list(fr.items)
    for panel in options["panels"]:
        at = panel.get("portrait_at", panel["at"]) if portrait else panel["at"]
        items += PANELS[panel.get("kind", "text")](ctx, panel, cell(at))
    return Scene(page.width, page.height, canvas.title, tuple(items))
