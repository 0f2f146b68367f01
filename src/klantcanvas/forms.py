"""Canvas definition -> the HTML of its form, toolbar, preview and download controls.

Called by the mkdocs-macros adapter at build time. The markup is generic: data attributes say
which field each control is (``data-field``, ``data-kind``), and the page's small script reads
and writes any canvas through them. JSON blocks give the script what it must not decide itself:
the messages, the worked example and what counts as content (``fill.content_rule``). Every
string is escaped; every control has a visible label. Everything is in the active language
(``i18n.use_locale``): pass the canvas of that language (``get_canvas`` in the same block), and
the block's ``lang``, the page script's messages and its locale tag, and the blank templates it
lists follow.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from html import escape

from klantcanvas.catalog import all_canvases, suggestion_source
from klantcanvas.embedded import MAX_UPLOAD_BYTES
from klantcanvas.fill import content_rule, fill
from klantcanvas.forms_versions import versions_block
from klantcanvas.forms_workshop import workshop_block
from klantcanvas.i18n import locale_tag, messages, t
from klantcanvas.model import Canvas, Field
from klantcanvas.paper import PAPERS
from klantcanvas.share import PREFIX as SHARE_PREFIX

__all__ = ["EXPORT_FORMATS", "render_form"]

#: The formats the browser offers, in button order; each one's name is the message ``format.<id>``.
EXPORT_FORMATS = ("pdf", "png", "svg", "pptx", "xlsx", "md", "json")
#: The format "Kopieer als Markdown" puts on the clipboard (as text).
COPY_FORMAT = "md"
#: Paper sizes of the blank workshop templates made at build time (see hooks/pyodide_bundle.py).
TEMPLATE_PAPERS = ("A4", "A3", "A1", "A0")
#: What "Open een bewaard bestand" offers: every download, since each carries its canvas data.
IMPORT_ACCEPT = ".json,.pdf,.png,.svg,.pptx,.xlsx,.md,application/json,application/pdf,image/png,image/svg+xml"


def is_tabular(canvas: Canvas) -> bool:
    """Canvases with repeated records get an Excel download: a table per group."""
    return any(f.kind == "group" for f in canvas.fields)


def template_files(canvas: Canvas) -> list[tuple[str, str]]:
    """(label, file name under assets/templates/) for every blank template of ``canvas``."""
    blank = t("files.blank")
    files = [(t("ui.template_pdf", size=p), f"{canvas.id}-{blank}-{p.lower()}.pdf") for p in TEMPLATE_PAPERS]
    return files + [(t("ui.template_pptx"), f"{canvas.id}-{blank}.pptx")]


def _show_when(field: Field) -> str | None:
    return json.dumps(dict(field.show_when), ensure_ascii=False) if field.show_when else None


def _attrs(**values: object) -> str:
    out = []
    for key, value in values.items():
        if value is None or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        out.append(f" {name}" if value is True else f' {name}="{escape(str(value))}"')
    return "".join(out)


def _hint(field: Field, hint_id: str) -> str:
    text = field.hint
    if field.suggest:
        source, _ = suggestion_source(all_canvases(), field.suggest)
        text = f"{text} {t('ui.suggest_note', title=source.title)}".strip()
    return f'<p class="kc-hint" id="{hint_id}">{escape(text)}</p>' if text else ""


def _suggestion_lists(canvas: Canvas) -> str:
    """One (initially empty) datalist per source; the page fills it from this browser's canvases."""
    def walk(fields: tuple[Field, ...]) -> Iterator[Field]:
        for f in fields:
            yield f
            yield from walk(f.fields)

    paths = sorted({f.suggest for f in walk(canvas.fields) if f.suggest})
    return "".join(f'<datalist id="{_suggest_id(p)}" data-suggest-source="{escape(p)}"></datalist>' for p in paths)


def _suggest_id(path: str) -> str:
    return "kc-suggest-" + path.replace("/", "-")


def _control(field: Field, control_id: str, hint_id: str | None, prefix: str) -> str:
    common = dict(id=control_id, data_value=True, aria_describedby=hint_id, name=f"{prefix}{field.id}")
    if field.suggest:
        common["list"] = _suggest_id(field.suggest)
    placeholder = field.placeholder or None
    if field.kind == "textarea":
        return f"<textarea{_attrs(rows=3, maxlength=field.max_length, placeholder=placeholder, **common)}></textarea>"
    if field.kind == "choice":
        options = "".join(
            f'<option value="{escape(o.value)}">{escape(o.label)}</option>' for o in field.options
        )
        return f'<select{_attrs(**common)}><option value="">—</option>{options}</select>'
    if field.kind == "scale":
        labels = {o.value: o.label for o in field.options}
        options = "".join(
            f'<option value="{n}">{escape(labels.get(str(n), str(n)))}</option>'
            for n in range(field.minimum, field.maximum + 1)
        )
        return f'<select{_attrs(**common)}><option value="">—</option>{options}</select>'
    if field.kind == "flag":
        return f'<input{_attrs(type="checkbox", **common)}>'
    return f'<input{_attrs(type="text", maxlength=field.max_length, placeholder=placeholder, autocomplete="off", **common)}>'


def _photo(field: Field, control_id: str, hint_id: str | None) -> str:
    """A photo: the stored value in a hidden control, a thumbnail, "Kies een foto" (a file input
    that photo.js also feeds from drag-and-drop and paste) and a remove button. The picture is
    cropped, scaled and re-encoded in the page (crop.js) and checked by the engine before it is
    put into the hidden control."""
    drop_id = f"{control_id}-drop"
    described = " ".join(i for i in (hint_id, drop_id) if i)
    return (
        f'<div class="kc-field kc-photo"{_attrs(data_field=field.id, data_kind=field.kind, data_max_side=field.maximum, data_max_bytes=field.max_length, data_show_when=_show_when(field))}>'
        f'<span class="kc-photo-label" id="{control_id}-label">{escape(field.label)}</span>{_hint(field, hint_id or "")}'
        '<input type="hidden" data-value>'
        '<div class="kc-photo-row" data-photo-drop>'
        f'<img class="kc-photo-thumb" data-photo-thumb src="{EMPTY_IMAGE}" alt="{escape(field.label)}" hidden>'
        f'<p class="kc-photo-state" data-photo-state aria-live="polite">{escape(t("photo.none"))}</p>'
        f'<input{_attrs(type="file", id=control_id, accept="image/*", class_="kc-visually-hidden", data_photo_input=True, aria_describedby=described)}>'
        f'<label class="md-button kc-photo-choose" for="{control_id}">{escape(t("photo.choose"))}</label>'
        f'<button type="button" class="kc-remove" data-photo-remove hidden>{escape(t("photo.remove"))}</button>'
        f'</div><p class="kc-hint" id="{drop_id}">{escape(t("photo.drop_hint"))}</p>'
        '<p class="kc-photo-message" data-photo-message role="alert"></p></div>'
    )


def _single(field: Field, prefix: str) -> str:
    control_id = f"{prefix}{field.id}"
    if field.kind == "photo":
        return _photo(field, control_id, f"{control_id}-hint" if field.hint else None)
    hint_id = f"{control_id}-hint" if field.hint else None
    label = f'<label for="{control_id}">{escape(field.label)}</label>'
    control = _control(field, control_id, hint_id, prefix)
    if field.kind == "flag":
        return (f'<div class="kc-field kc-flag"{_attrs(data_field=field.id, data_kind=field.kind, data_show_when=_show_when(field))}>'
                f"{control}{label}{_hint(field, hint_id or '')}</div>")
    return (f'<div class="kc-field"{_attrs(data_field=field.id, data_kind=field.kind, data_show_when=_show_when(field))}>'
            f"{label}{_hint(field, hint_id or '')}{control}</div>")


def _item_buttons() -> str:
    return (
        '<span class="kc-item-tools">'
        f'<button type="button" class="kc-icon" data-action="up" title="{escape(t("ui.move_up"))}">↑</button>'
        f'<button type="button" class="kc-remove" data-action="remove">{escape(t("ui.remove"))}</button>'
        "</span>"
    )


def _repeated(field: Field, prefix: str) -> str:
    """A list or group: a fieldset with its entries, an entry template and an add button."""
    field_id = f"{prefix}{field.id}"
    hint_id = f"{field_id}-hint" if field.hint else None
    if field.kind == "list":
        item = (
            '<li class="kc-item" data-item>'
            '<label class="kc-item-label" data-item-label></label>'
            f'<span class="kc-item-row"><input{_attrs(type="text", data_value=True, maxlength=field.max_length, placeholder=field.placeholder or None, autocomplete="off", aria_describedby=hint_id)}>'
            f"{_item_buttons()}</span></li>"
        )
    else:
        inner = "".join(_field_html(sub, prefix=f"{field_id}-") for sub in field.fields)
        kinds = [sub.kind for sub in field.fields]
        paired = any(a == b == "scale" for a, b in zip(kinds, kinds[1:]))  # scales two to a row (canvas.css)
        item = (
            '<li class="kc-item kc-record" data-item data-scope>'
            f'<fieldset{" class=\"kc-scales\"" if paired else ""}><legend class="kc-item-label" data-item-label></legend>'
            f"{inner}{_item_buttons()}</fieldset></li>"
        )
    label = field.entry_label
    add = t("ui.add", item=label, item_lower=label[:1].lower() + label[1:])  # "Add phase", "Fase toevoegen"
    return (
        f'<fieldset class="kc-field kc-repeated"{_attrs(data_field=field.id, data_kind=field.kind, data_item_name=field.entry_label, data_max_items=field.max_items, aria_describedby=hint_id, data_show_when=_show_when(field))}>'
        f"<legend>{escape(field.label)}</legend>{_hint(field, hint_id or '')}"
        f'<ol class="kc-items"></ol><template data-template>{item}</template>'
        f'<button type="button" class="kc-add" data-action="add">{escape(add)}</button></fieldset>'
    )


def _field_html(field: Field, prefix: str) -> str:
    return _repeated(field, prefix) if field.kind in ("list", "group") else _single(field, prefix)


#: A transparent 1x1 GIF: the photo thumbnail's src until a photo is chosen (an <img> needs one).
EMPTY_IMAGE = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="


def _script_json(value: object) -> str:
    """JSON that is safe inside a <script> block (``</`` and ``<!--`` cannot end or confuse it)."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


def _client_messages() -> str:
    """The strings the page script shows, in the active language."""
    shown = {k.removeprefix("ui."): v for k, v in messages().items() if k.startswith("ui.")}
    shown.update({k.replace(".", "_"): v for k, v in messages().items() if k.startswith(("share.", "storage.", "canvas_edit.", "photo."))})
    return _script_json(shown)


def _button(action: str, label: str, extra: str = "md-button") -> str:
    return f'<button type="button" class="{extra}" data-action="{action}">{escape(label)}</button>'


def _workspace() -> str:
    return (
        '<details class="kc-workspace" data-workspace>'
        f'<summary>{escape(t("ui.workspace_heading"))}: <span data-workspace-current></span></summary>'
        f'<p class="kc-hint">{escape(t("ui.workspace_intro"))}</p>'
        '<ul class="kc-docs" data-workspace-list></ul>'
        '<div class="kc-toolbar">'
        f'{_button("new", t("ui.workspace_new"))}{_button("export-all", t("ui.workspace_export"))}'
        f'<label class="md-button kc-import">{escape(t("ui.workspace_import"))}'
        '<input type="file" accept=".json,application/json" data-action="import-all"></label>'
        "</div></details>"
    )


#: The canvas bar's buttons: action, catalogue key, keyboard shortcut.
_CANVAS_ACTIONS = (("undo", "undo", "Control+Z"), ("redo", "redo", "Control+Shift+Z"), ("earlier", "earlier", ""),
                   ("later", "later", ""), ("delete", "delete", "Delete"), ("show-in-form", "show_in_form", ""))


def _canvas_bar(in_form: bool) -> str:
    """Undo, redo and what can be done with the chosen item of the drawing (canvas-edit.js);
    beside the preview also "Toon op canvas" for the form field used last."""
    actions = _CANVAS_ACTIONS + ((("show-on-canvas", "show_on_canvas", ""),) if in_form else ())
    buttons = "".join(
        f'<button type="button" class="kc-canvas-button" data-canvas-action="{action}"{_attrs(aria_keyshortcuts=keys or None)}'
        f'{"" if action == "show-on-canvas" else " disabled"}>{escape(t("canvas_edit." + key))}</button>'
        for action, key, keys in actions
    )
    return f'<div class="kc-canvas-bar" role="toolbar" aria-label="{escape(t("canvas_edit.toolbar_label"))}">{buttons}</div>'


def _viewer(prefix: str) -> str:
    """'Groot bekijken': a button and the dialog that shows the canvas over the whole window (viewer.js)."""
    zoom = "".join(
        f'<button type="button" class="kc-icon" data-viewer-zoom="{action}" aria-label="{escape(t("ui.viewer_" + key))}" '
        f'title="{escape(t("ui.viewer_" + key))}">{symbol}</button>'
        for action, key, symbol in (("out", "zoom_out", "−"), ("in", "zoom_in", "+"), ("fit", "fit", "⤢"))
    )
    return (
        f'<div class="kc-preview-bar">{_button("viewer-open", t("ui.viewer_open"), "md-button")}{_canvas_bar(True)}</div>'
        f'<dialog class="kc-viewer" data-viewer aria-labelledby="{prefix}viewer-title" aria-describedby="{prefix}viewer-help">'
        f'<div class="kc-viewer-bar"><h2 id="{prefix}viewer-title">{escape(t("ui.viewer_title"))}</h2>'
        f'<p class="kc-hint" id="{prefix}viewer-help">{escape(t("ui.viewer_help"))}</p>'
        f'<span class="kc-viewer-tools">{zoom}<span class="kc-viewer-level" data-viewer-level aria-live="polite"></span>'
        f'<button type="button" class="kc-remove" data-viewer-close>{escape(t("ui.viewer_close"))}</button></span>{_canvas_bar(False)}</div>'
        f'<div class="kc-viewer-stage" data-viewer-stage tabindex="0" role="group" aria-label="{escape(t("ui.viewer_title"))}">'
        '<div class="kc-viewer-canvas" data-viewer-canvas></div></div></dialog>'
    )


def _text_version() -> str:
    """The canvas as text in reading order, shown on request (text-version.js fills it)."""
    return (
        '<details class="kc-text-version" data-text-version>'
        f'<summary>{escape(t("ui.text_version"))}</summary>'
        f'<p class="kc-hint">{escape(t("ui.text_version_intro"))}</p>'
        f'<div class="kc-text-body" data-text-version-body><p>{escape(t("ui.text_version_loading"))}</p></div></details>'
    )


def _templates(canvas: Canvas, assets_url: str) -> str:
    links = " · ".join(
        f'<a href="{escape(assets_url)}templates/{escape(name)}" download>{escape(label)}</a>'
        for label, name in template_files(canvas)
    )
    return f'<p class="kc-templates"><strong>{escape(t("ui.templates_heading"))}</strong> {escape(t("ui.templates_intro"))} {links}</p>'


def render_form(canvas: Canvas, assets_url: str = "../../assets/") -> str:
    """The complete interactive block for ``canvas``; works (and autosaves) before Python loads.

    ``assets_url`` is the relative path from the page to the site's assets folder.
    """
    prefix = f"kc-{canvas.id}-"
    fields = "".join(_field_html(f, prefix) for f in canvas.fields)
    papers = "".join(
        f'<option value="{p}"{" selected" if p == canvas.paper else ""}>{p}</option>' for p in PAPERS
    )
    orientations = "".join(
        f'<option value="{o}"{" selected" if o == canvas.orientation else ""}>{escape(t("ui." + o))}</option>'
        for o in ("landscape", "portrait")
    )
    downloads = "".join(
        f'<button type="button" class="md-button kc-download" data-export="{fmt}" data-format-label="{escape(t("format." + fmt))}" disabled>'
        f"{escape(t('ui.download', format=t('format.' + fmt)))}</button>"
        for fmt in EXPORT_FORMATS
        if fmt != "xlsx" or is_tabular(canvas)
    ) + (f'<button type="button" class="md-button kc-download" data-action="copy-markdown" data-copy-format="{COPY_FORMAT}">'
         f'{escape(t("ui.copy_markdown"))}</button>')
    # The block waits in a template until the visitor comes near it (listen.js): a reader's phone
    # never lays it out, and Material's restyles while the page loads stay those of the guide.
    return f"""<div class="kc-slot" data-kc-slot>
<noscript><p class="kc-hint">{escape(t("ui.needs_javascript"))}</p></noscript>
<template data-kc-block>
<div class="kc-app"{_attrs(lang=locale_tag(), data_canvas=canvas.id, data_version=canvas.version, data_max_bytes=MAX_UPLOAD_BYTES, data_share_prefix=SHARE_PREFIX, data_locale=locale_tag())}>
<script type="application/json" data-messages>{_client_messages()}</script>
<script type="application/json" data-example>{_script_json(fill(canvas, dict(canvas.example)).as_json_data())}</script>
<script type="application/json" data-content>{_script_json(content_rule(canvas))}</script>
{_workspace()}
{versions_block(prefix)}
{workshop_block(canvas, prefix)}
<div class="kc-toolbar">
{_button("example", t("ui.example"))}
<label class="md-button kc-import">{escape(t("ui.import_label"))}<input type="file" accept="{IMPORT_ACCEPT}" data-action="import"></label>
{_button("share", t("ui.share"))}{_button("print", t("ui.print"))}
{_button("clear", t("ui.clear"), "md-button kc-danger")}
</div>
<div class="kc-share" data-share hidden><label>{escape(t("ui.share_label"))} <input type="text" readonly data-share-url></label><p class="kc-hint" data-share-note></p></div>
<p class="kc-status" role="status" aria-live="polite" data-status>{escape(t("ui.status_loading"))}</p>
<div class="kc-alert" role="alert" data-alert hidden></div>
<div class="kc-columns">
<form class="kc-form" data-scope novalidate aria-label="{escape(canvas.title)}: {escape(t("ui.form_heading"))}">
{fields}
</form>
<section class="kc-output" aria-label="{escape(t("ui.preview_heading"))}">
<div class="kc-preview" data-preview><p class="kc-preview-empty">{escape(t("ui.preview_empty"))}</p></div>
{_viewer(prefix)}
{_text_version()}
<div class="kc-downloads" role="group" aria-label="{escape(t("ui.downloads_heading"))}">
<label>{escape(t("ui.paper_label"))} <select data-option="paper">{papers}</select></label>
<label>{escape(t("ui.orientation_label"))} <select data-option="orientation">{orientations}</select></label>
<div class="kc-download-buttons">{downloads}</div>
</div>
</section>
</div>
{_templates(canvas, assets_url)}
{_suggestion_lists(canvas)}
</div>
</template>
</div>
<script src="{escape(assets_url)}klantcanvas/listen.js"></script>"""
