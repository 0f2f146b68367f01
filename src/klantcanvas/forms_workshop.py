"""The "Workshop" block of a canvas form: the session plan as an agenda (minutes editable before
starting, the total kept up to date by workshop.js), "Start workshop", the room screen dialog and
the participant's view that a workshop link opens on a phone. Markup only, made at build time from
the definition's ``[[steps]]``; room.js, room-inbox.js and participant.js bring it to life.
"""

from __future__ import annotations

import json
from html import escape

from klantcanvas.i18n import messages, t
from klantcanvas.model import Canvas

__all__ = ["workshop_block"]


def _button(action: str, label: str, extra: str = "md-button", key: str = "") -> str:
    shortcut = f' aria-keyshortcuts="{key}"' if key else ""
    return f'<button type="button" class="{extra}" data-ws="{action}"{shortcut}>{escape(label)}</button>'


def _agenda(canvas: Canvas, prefix: str) -> str:
    rows = []
    for number, step in enumerate(canvas.steps, 1):
        marks = "".join(f' <span class="kc-ws-badge">{escape(t("workshop." + k))}</span>'
                        for k, on in (("alone", step.alone), ("vote", step.vote)) if on)
        rows.append(
            f'<li data-ws-step="{escape(step.id)}"><span class="kc-ws-title">{number}. {escape(step.title)}{marks}</span>'
            f'<label class="kc-ws-minutes">{escape(t("workshop.minutes_label", step=step.title))}'
            f'<input type="number" inputmode="numeric" min="1" max="240" value="{step.minutes}" data-ws-minutes="{escape(step.id)}"'
            f' aria-describedby="{prefix}ws-total"></label><span class="kc-hint">{escape(step.instruction)}</span></li>')
    total = sum(s.minutes for s in canvas.steps)
    return (f'<ol class="kc-ws-agenda" data-ws-agenda>{"".join(rows)}</ol>'
            f'<p class="kc-ws-total" id="{prefix}ws-total" aria-live="polite" data-ws-total>'
            f'{escape(t("workshop.total", minutes=total))}</p>')


def _room(prefix: str, first: str) -> str:
    return (
        f'<dialog class="kc-viewer kc-room" data-ws-room aria-labelledby="{prefix}room-step" aria-describedby="{prefix}room-task">'
        '<div class="kc-room-bar">'
        f'<p class="kc-room-count" data-ws-count></p><h2 id="{prefix}room-step" data-ws-step-title tabindex="-1">{escape(first)}</h2>'
        f'<p class="kc-room-instruction" id="{prefix}room-task" data-ws-instruction></p>'
        '<div class="kc-room-timer" role="timer" aria-live="off" data-ws-clock></div>'
        '<p class="kc-room-timeup" role="status" data-ws-timeup></p>'
        '<div class="kc-toolbar">'
        f'{_button("previous", t("workshop.previous"), key="PageUp")}{_button("pause", t("workshop.pause"), key="Space")}'
        f'{_button("add_minute", t("workshop.add_minute"), key="+")}{_button("next", t("workshop.next"), key="PageDown")}'
        f'<label class="kc-room-sound"><input type="checkbox" data-ws-sound> {escape(t("workshop.sound"))}</label>'
        f'{_button("report-pdf", t("workshop.report_pdf"))}{_button("report-md", t("workshop.report_md"))}'
        f'{_button("close", t("workshop.close"), "kc-remove")}</div></div>'
        '<div class="kc-room-body"><div class="kc-room-canvas" data-ws-canvas></div>'
        '<aside class="kc-room-side" data-ws-side>'
        f'<section data-ws-invite hidden><h3>{escape(t("workshop.invite_heading"))}</h3>'
        '<div class="kc-room-qr" data-ws-qr></div><p data-ws-link-at></p></section>'
        f'<section data-ws-inbox><h3>{escape(t("workshop.inbox_heading"))}</h3>'
        f'<p class="kc-hint">{escape(t("workshop.inbox_help"))}</p>'
        f'<label>{escape(t("workshop.paste_label"))}<textarea rows="3" data-ws-paste></textarea></label>'
        f'{_button("reveal", t("workshop.reveal"))}'
        f'<label class="md-button kc-import">{escape(t("workshop.files_label"))}<input type="file" multiple accept=".json,application/json" data-ws-files></label>'
        '<p class="kc-room-note" role="status" data-ws-note></p>'
        f'{_button("undo", t("workshop.undo"), "md-button")}'
        '<ul class="kc-room-offers" data-ws-offers></ul><ul class="kc-room-counts" data-ws-counts></ul></section>'
        f'<section data-ws-vote hidden><h3>{escape(t("workshop.vote_heading"))}</h3>'
        f'<label>{escape(t("workshop.budget_label"))} <input type="number" min="1" max="20" value="3" data-ws-budget></label>'
        f'{_button("vote-start", t("workshop.vote_start"))}'
        '<div data-ws-ballot hidden><ol class="kc-room-ballot" data-ws-ballot-items></ol>'
        f'{_button("vote-cast", t("workshop.vote_cast"))}</div>'
        '<ol class="kc-room-tally" data-ws-tally></ol>'
        f'<label>{escape(t("workshop.accept_label"))} <input type="number" min="1" max="20" value="3" data-ws-top></label>'
        f'{_button("vote-accept", t("workshop.vote_accept"))}</section>'
        '</aside></div></dialog>'
    )


def _participant(first: str) -> str:
    return (
        '<section class="kc-join" data-ws-join hidden tabindex="-1">'
        f'<p class="kc-join-session" data-ws-join-session></p><h2 data-ws-join-title>{escape(first)}</h2>'
        '<p data-ws-join-instruction></p>'
        '<form data-ws-join-form novalidate>'
        '<label data-ws-join-parent hidden><span data-ws-join-parent-label></span><input type="text" data-ws-join-in></label>'
        '<ol class="kc-join-items" data-ws-join-items></ol>'
        f'<button type="button" class="md-button" data-ws="join-add">{escape(t("workshop.join_add"))}</button>'
        f'<label>{escape(t("workshop.join_name"))}<input type="text" maxlength="60" autocomplete="name" data-ws-join-name></label>'
        f'<button type="submit" class="md-button md-button--primary">{escape(t("workshop.join_send"))}</button></form>'
        '<div class="kc-join-result" data-ws-join-result hidden>'
        f'<p>{escape(t("workshop.join_result"))}</p><label>{escape(t("workshop.join_link"))}<input type="text" readonly data-ws-join-link></label>'
        f'<button type="button" class="md-button" data-ws="join-copy">{escape(t("workshop.join_copy"))}</button>'
        f'<button type="button" class="md-button" data-ws="join-file">{escape(t("workshop.join_file"))}</button>'
        f'<button type="button" class="md-button" data-ws="join-share">{escape(t("workshop.join_share"))}</button></div>'
        '<p class="kc-join-note" role="alert" data-ws-join-note></p></section>'
    )


def workshop_block(canvas: Canvas, prefix: str) -> str:
    """The block for ``canvas`` (empty when it has no plan); ``prefix`` makes its ids unique."""
    if not canvas.steps:
        return ""
    shown = {k.removeprefix("workshop."): v for k, v in messages().items() if k.startswith("workshop.")}
    # Only words: the steps' ids and fields come from the engine with the session's state.
    data = json.dumps({"messages": shown}, ensure_ascii=False).replace("<", "\\u003c")
    return (
        f'<details class="kc-workspace kc-workshop" data-ws-block><summary>{escape(t("workshop.heading"))}</summary>'
        f'<script type="application/json" data-ws-data>{data}</script>'
        f'<p class="kc-hint">{escape(t("workshop.intro"))}</p>'
        f'{_agenda(canvas, prefix)}'
        f'<label>{escape(t("workshop.name_label"))} <input type="text" maxlength="80" data-ws-name></label>'
        f'<div class="kc-toolbar">{_button("start", t("workshop.start"), "md-button md-button--primary")}</div>'
        f'</details>{_room(prefix, canvas.steps[0].title)}{_participant(canvas.steps[0].title)}'
    )
