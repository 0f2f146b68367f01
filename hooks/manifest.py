"""MkDocs hook: each edition is an installable web app.

Every page links its edition's ``manifest.webmanifest`` (the site root for Dutch, ``en/`` for
English) and an Apple touch icon. A manifest's ``start_url`` and ``scope`` are ``./``, which the
browser resolves against the manifest's own URL, so they hold under any sub-path. The 192 and 512
px icons are drawn at build time with Pillow (a build dependency, never shipped to the browser)
from the logo's polygons in ``assets/klantcanvas/favicon.svg``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LOGO = ROOT / "docs" / "assets" / "klantcanvas" / "favicon.svg"
ICON_SIZES = (192, 512)
THEME = "#546e7a"  # Material's "blue grey", the palette's primary colour
BACKGROUND = "#ffffff"
_POLYGON = re.compile(r'<polygon points="([^"]+)" fill="(#[0-9A-Fa-f]{6})"')


def logo_polygons(svg: str) -> list[tuple[list[tuple[float, float]], str]]:
    """The logo's polygons: points in its 32-unit view box, and a fill colour."""
    found = [([tuple(float(v) for v in pair.split(",")) for pair in points.split()], fill) for points, fill in _POLYGON.findall(svg)]
    if not found:
        raise ValueError(f"{LOGO} has no <polygon points=... fill=...> to draw an icon from")
    return found  # type: ignore[return-value]


def draw_icon(size: int, svg: str) -> bytes:
    """A square PNG of the logo on white, inside the middle 80 % (the safe zone of a maskable icon)."""
    import io

    from PIL import Image, ImageDraw

    scale = 4  # drawn larger, then reduced: smooth edges
    image = Image.new("RGB", (size * scale, size * scale), BACKGROUND)
    draw = ImageDraw.Draw(image)
    unit = size * scale * 0.8 / 32
    offset = size * scale * 0.1
    for points, fill in logo_polygons(svg):
        draw.polygon([(offset + x * unit, offset + y * unit) for x, y in points], fill=fill)
    out = io.BytesIO()
    image.resize((size, size), Image.Resampling.LANCZOS).save(out, "PNG", optimize=True)
    return out.getvalue()


#: The default edition's language and description, as configured (mkdocs-static-i18n changes the
#: configuration while it builds the other editions).
_DEFAULT: dict[str, str] = {}


def on_config(config: Any) -> Any:
    _DEFAULT.update(lang=str(config.theme["language"] or "nl"), description=str(config.site_description or ""))
    return config


def _editions(config: Any) -> dict[str, dict[str, str]]:
    """Folder ("" for the default language) -> its language and description."""
    out = {"": dict(_DEFAULT)}
    plugin = config.plugins.get("i18n")
    for language in plugin.config.languages if plugin else []:
        if language.build and not language.default:
            out[language.locale] = {"lang": language.locale, "description": str(language.site_description or _DEFAULT["description"])}
    return out


def manifest(config: Any, folder: str) -> dict[str, Any]:
    edition = _editions(config)[folder]
    up = "../" if folder else ""
    return {
        "name": config.site_name, "short_name": config.site_name, "description": edition["description"],
        "lang": edition["lang"], "start_url": "./", "scope": "./", "display": "standalone",
        "theme_color": THEME, "background_color": BACKGROUND,
        "icons": [{"src": f"{up}assets/klantcanvas/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"}
                  for size in ICON_SIZES]
                 + [{"src": f"{up}assets/klantcanvas/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"}],
    }


def on_post_page(output: str, page: Any, config: Any) -> str:
    folder = next((e for e in _editions(config) if e and (page.url.startswith(f"{e}/") or page.url == e)), "")
    to_root = "../" * page.url.count("/")
    links = (f'<link rel="manifest" href="{to_root}{folder + "/" if folder else ""}manifest.webmanifest">'
             f'<meta name="theme-color" content="{THEME}">'
             f'<link rel="apple-touch-icon" href="{to_root}assets/klantcanvas/icon-192.png">')
    return output.replace("</head>", links + "</head>", 1)


def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    svg = LOGO.read_text("utf-8")
    for size in ICON_SIZES:
        (site / "assets" / "klantcanvas" / f"icon-{size}.png").write_bytes(draw_icon(size, svg))
    for folder in _editions(config):
        target = site / folder / "manifest.webmanifest"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(manifest(config, folder), ensure_ascii=False, indent=1), "utf-8")
