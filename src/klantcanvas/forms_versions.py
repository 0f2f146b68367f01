"""The "Versies" block of a canvas form: save a version, the list of versions, a comparison of
any two, and the dialog that shows one version read-only. Markup only; versions-panel.js fills
the list and answers the buttons, and the engine (``klantcanvas.compare``) does the comparing.
"""

from __future__ import annotations

from html import escape

from klantcanvas.i18n import t

__all__ = ["versions_block"]


def _button(action: str, label: str, extra: str = "md-button") -> str:
    return f'<button type="button" class="{extra}" data-action="{action}">{escape(label)}</button>'


def versions_block(prefix: str) -> str:
    """The block beside "Mijn canvassen"; ``prefix`` makes its ids unique on the page."""
    return (
        '<details class="kc-workspace kc-versions" data-versions>'
        f'<summary data-versions-summary>{escape(t("ui.versions_heading"))}</summary>'
        f'<p class="kc-hint">{escape(t("ui.versions_intro"))}</p>'
        f'<div class="kc-toolbar">{_button("version-save", t("ui.versions_save"))}</div>'
        '<p class="kc-hint" data-versions-count aria-live="polite"></p>'
        '<ul class="kc-docs" data-versions-list></ul>'
        f'<fieldset class="kc-compare" data-compare><legend>{escape(t("ui.versions_compare_heading"))}</legend>'
        f'<label>{escape(t("ui.versions_compare_from"))} <select data-compare-from></select></label>'
        f'<label>{escape(t("ui.versions_compare_to"))} <select data-compare-to></select></label>'
        f'{_button("version-compare", t("ui.versions_compare"))}</fieldset>'
        '<div class="kc-compare-result" data-compare-result hidden>'
        f'<p class="kc-compare-summary" data-compare-summary tabindex="-1"></p>'
        f'<ul class="kc-changes" data-compare-list aria-label="{escape(t("ui.versions_compare_changes"))}"></ul>'
        '<div class="kc-compare-preview" data-compare-preview></div>'
        f'{_button("compare-close", t("ui.versions_compare_close"), "kc-remove")}'
        "</div></details>"
        f'<dialog class="kc-viewer kc-version-view" data-version-view aria-labelledby="{prefix}version-title" aria-describedby="{prefix}version-help">'
        f'<div class="kc-viewer-bar"><h2 id="{prefix}version-title" data-version-title>{escape(t("ui.versions_heading"))}</h2>'  # named when opened
        f'<p class="kc-hint" id="{prefix}version-help" data-version-help></p>'
        f'<span class="kc-viewer-tools">{_button("version-view-restore", t("ui.versions_view_restore"), "kc-remove")}'
        f'{_button("version-view-close", t("ui.versions_view_back"), "kc-remove")}</span></div>'
        '<div class="kc-version-stage" data-version-stage tabindex="0" role="group" '
        f'aria-labelledby="{prefix}version-title"></div></dialog>'
    )
