"""SVG downloads embed only the pieces of Inter their text uses, and a PNG drawn from them is the
same, pixel for pixel, as one drawn with the whole font embedded (as before)."""

from __future__ import annotations

import base64
import re

import pytest

from klantcanvas.catalog import all_canvases
from klantcanvas.export import export
from klantcanvas.fill import fill
from klantcanvas.fonts import font_bytes

COMPARE = """async ([a, b]) => {
  const draw = async (svg) => {
    const img = new Image();
    img.src = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
    await img.decode();
    const canvas = Object.assign(document.createElement("canvas"), { width: 1600, height: Math.round(1600 * img.naturalHeight / img.naturalWidth) });
    canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
    return canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  };
  const [x, y] = [await draw(a), await draw(b)];
  let differ = 0, ink = 0;
  for (let i = 0; i < x.length; i += 4) {
    if (x[i] !== y[i] || x[i + 1] !== y[i + 1] || x[i + 2] !== y[i + 2]) differ++;
    if (x[i] < 128) ink++;
  }
  return { differ, ink, pixels: x.length / 4 };
}"""


def whole_font_svg(svg: str) -> str:
    """The same SVG with both complete TTFs embedded, as downloads were made before."""
    faces = "".join(
        f"@font-face{{font-family:'Inter';font-weight:{number};"
        f"src:url(data:font/ttf;base64,{base64.b64encode(font_bytes(weight)).decode()}) format('truetype');}}"
        for weight, number in (("regular", 400), ("bold", 700))
    )
    return re.sub(r"<style>.*?</style>", lambda _: f"<style>{faces}</style>", svg, count=1, flags=re.S)


@pytest.mark.parametrize("canvas_id", ["klanttype-piramide", "customer-journey-canvas", "user-flow"])
def test_subset_fonts_draw_the_same_pixels_as_the_whole_font(browser, canvas_id) -> None:  # type: ignore[no-untyped-def]
    canvas = all_canvases()[canvas_id]
    data = dict(canvas.example)
    svg = export(fill(canvas, data), "svg").content.decode()
    assert len(svg.encode()) < 150_000
    page = browser.new_page()
    result = page.evaluate(COMPARE, [svg, whole_font_svg(svg)])
    page.close()
    assert result["ink"] > result["pixels"] * 0.005, "nothing was drawn"
    assert result["differ"] == 0, result
