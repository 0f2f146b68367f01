"""The session report at the end of a workshop: one PDF (and the same in Markdown).

It holds the canvas, the agenda with the time actually spent per step and how many participants
sent something, the vote results, the items that more than one person wrote, what was parked,
and a page for next actions. ``report_rows`` gathers that as data (tested without fpdf2);
``as_markdown`` and ``as_pdf`` write it. Both carry the canvas JSON with its session, so the
report opens again as the canvas and the session can be continued next week.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from klantcanvas.contributions import counted
from klantcanvas.fill import saved_file
from klantcanvas.i18n import t
from klantcanvas.model import Filled
from klantcanvas.session import agenda
from klantcanvas.voting import tally

__all__ = ["as_markdown", "as_pdf", "clock", "filename", "report_rows"]

#: Empty rows on the next-actions page, to write on when printed.
ACTION_ROWS = 8


def clock(seconds: int | None) -> str:
    """Seconds as minutes:seconds ("4:05"), or "not reached"."""
    if seconds is None:
        return t("workshop.report_not_reached")
    return f"{seconds // 60}:{seconds % 60:02d}"


def report_rows(filled: Filled, session: Mapping[str, Any]) -> dict[str, Any]:
    """What the report shows, as data: agenda rows, totals, votes, counted and parked items."""
    canvas = filled.canvas
    rows = agenda(canvas, session)
    votes = []
    for step in canvas.steps:
        vote = session.get("votes", {}).get(step.id)
        if isinstance(vote, dict):
            votes.append({"step": step.title, "budget": vote.get("budget", 0), "voters": len(vote.get("ballots", {})),
                          "results": tally(session, step.id)})
    spent = [r["spent"] for r in rows if r["spent"] is not None]
    return {
        "title": t("workshop.report_title", title=canvas.title), "session": str(session.get("name", "")),
        "agenda": rows, "planned": sum(r["minutes"] for r in rows), "spent": sum(spent) if spent else None,
        "votes": votes, "counted": counted(canvas, filled.as_json_data(), session),
        "parked": [p for p in session.get("parked", []) if isinstance(p, dict)],
    }


def filename(filled: Filled, extension: str) -> str:
    return f"{filled.canvas.id}-{t('workshop.report_file')}.{extension}"


def _item(row: Mapping[str, Any]) -> str:
    return f"{row['text']} ({row['in']})" if row.get("in") else str(row["text"])


def as_markdown(filled: Filled, session: Mapping[str, Any]) -> str:
    from klantcanvas.embedded import markdown_comment
    from klantcanvas.render.markdown import as_markdown as canvas_markdown, escape

    data = report_rows(filled, session)
    out = [f"# {escape(data['title'])}", ""]
    if data["session"]:
        out += [escape(t("workshop.report_session", name=data["session"])), ""]
    out += [f"## {t('workshop.report_agenda')}", "",
            f"| {t('workshop.report_step')} | {t('workshop.report_planned')} | {t('workshop.report_spent')} "
            f"| {t('workshop.report_participants')} |", "| --- | ---: | ---: | ---: |"]
    for row in data["agenda"]:
        people = str(row["participants"]) if row["alone"] else ""
        out.append(f"| {escape(row['title'])} | {t('workshop.report_minutes', minutes=row['minutes'])} "
                   f"| {clock(row['spent'])} | {people} |")
    out += [f"| **{t('workshop.report_total')}** | {t('workshop.report_minutes', minutes=data['planned'])} "
            f"| {clock(data['spent'])} | |", ""]
    for vote in data["votes"]:
        out += [f"## {escape(t('workshop.report_votes', step=vote['step']))}", "",
                t("workshop.report_budget", budget=vote["budget"], voters=vote["voters"]), "",
                f"| {t('workshop.report_dots')} | {t('workshop.report_item')} |", "| ---: | --- |"]
        out += [f"| {r['dots']} | {escape(_item(r))} |" for r in vote["results"]]
        out.append("")
    if data["counted"]:
        out += [f"## {t('workshop.report_counts')}", ""]
        out += [f"- {r['count']}× {escape(_item(r))}" for r in data["counted"]]
        out.append("")
    if data["parked"]:
        out += [f"## {t('workshop.report_parked')}", ""]
        out += [f"- {escape(_item(p))}" for p in data["parked"]]
        out.append("")
    columns = t("workshop.report_action_columns").split(" | ")
    out += [f"## {t('workshop.report_actions')}", "", "| " + " | ".join(columns) + " |",
            "| " + " | ".join("---" for _ in columns) + " |"]
    out += ["| " + " | ".join(" " for _ in columns) + " |" for _ in range(ACTION_ROWS)]
    out += ["", f"## {t('workshop.report_canvas')}", "", canvas_markdown(filled).replace("\n# ", "\n### "), ""]
    return "\n".join(out) + "\n" + markdown_comment(saved_file(filled, "", _without_history(session)))


def _without_history(session: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in session.items() if k != "history"}


def as_pdf(filled: Filled, session: Mapping[str, Any], paper: str | None = None, orientation: str | None = None) -> bytes:
    """The canvas on its own paper, then A4 pages with the agenda, the votes and next actions."""
    from klantcanvas.fonts import FAMILY
    from klantcanvas.layouts import build_scene
    from klantcanvas.paper import page
    from klantcanvas.render.pdf import as_pdf as scene_pdf
    from klantcanvas.vote_marks import with_votes

    data = report_rows(filled, session)
    scene = build_scene(filled, page(paper or filled.canvas.paper, orientation or filled.canvas.orientation))
    scene = with_votes(filled, scene, session)

    def pages(pdf: Any) -> None:
        pdf.set_margin(18)
        pdf.set_auto_page_break(True, 18)
        pdf.add_page(orientation="P", format="A4")
        pdf.set_text_color(23, 65, 95)
        pdf.set_draw_color(160, 174, 186)
        pdf.set_line_width(0.3)
        width = 210 - 36

        def heading(text: str, size: float = 14) -> None:
            pdf.set_font(FAMILY, "B", size)
            pdf.multi_cell(width, size * 0.55, text, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)

        def line(cells: list[str], widths: list[float], bold: bool = False) -> None:
            pdf.set_font(FAMILY, "B" if bold else "", 10)
            for cell, w in zip(cells, widths):
                pdf.cell(w, 7, cell, border="B")
            pdf.ln(7)

        heading(data["title"], 18)
        if data["session"]:
            pdf.set_font(FAMILY, "", 11)
            pdf.multi_cell(width, 6, t("workshop.report_session", name=data["session"]), align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        heading(t("workshop.report_agenda"))
        widths = [94.0, 27.0, 27.0, 26.0]
        line([t("workshop.report_step"), t("workshop.report_planned"), t("workshop.report_spent"),
              t("workshop.report_participants")], widths, bold=True)
        for row in data["agenda"]:
            title = row["title"] if len(row["title"]) <= 48 else row["title"][:47] + "…"
            line([title, t("workshop.report_minutes", minutes=row["minutes"]), clock(row["spent"]),
                  str(row["participants"]) if row["alone"] else ""], widths)
        line([t("workshop.report_total"), t("workshop.report_minutes", minutes=data["planned"]), clock(data["spent"]), ""],
             widths, bold=True)
        pdf.ln(5)
        for vote in data["votes"]:
            heading(t("workshop.report_votes", step=vote["step"]))
            pdf.set_font(FAMILY, "", 10)
            pdf.multi_cell(width, 6, t("workshop.report_budget", budget=vote["budget"], voters=vote["voters"]),
                           align="L", new_x="LMARGIN", new_y="NEXT")
            for r in vote["results"]:
                pdf.set_font(FAMILY, "B", 10)
                pdf.cell(16, 6, f"{r['dots']}")
                pdf.set_font(FAMILY, "", 10)
                pdf.multi_cell(width - 16, 6, _item(r), align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        if data["counted"]:
            heading(t("workshop.report_counts"))
            pdf.set_font(FAMILY, "", 10)
            for r in data["counted"]:
                pdf.multi_cell(width, 6, f"{r['count']}× {_item(r)}", align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        if data["parked"]:
            heading(t("workshop.report_parked"))
            pdf.set_font(FAMILY, "", 10)
            for p in data["parked"]:
                pdf.multi_cell(width, 6, _item(p), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.add_page(orientation="P", format="A4")
        heading(t("workshop.report_actions"), 18)
        columns = t("workshop.report_action_columns").split(" | ")
        widths = [width - 70, 40.0, 30.0][: len(columns)]
        line(columns, widths, bold=True)
        for _ in range(ACTION_ROWS * 2):
            pdf.cell(sum(widths), 11, "", border="B")
            pdf.ln(11)

    saved = saved_file(filled, "", _without_history(session))
    return scene_pdf(scene, attachment=(f"{filled.canvas.id}.json", saved), more=pages)
