"""A face for the persona: a phone photo (EXIF rotation, GPS, a serial number) chosen, cropped with
the keyboard and kept without a byte of its metadata, in the preview and every download, after a
reload, in a version and a comparison, and through the backup of all canvases; bad files get a
message and change nothing."""

from __future__ import annotations

import base64
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from pagetools import _STORED, download, open_canvas, pdf_reader, stored_text, wait_for_async, wait_until_stored
from PIL import Image
from playwright.sync_api import expect
from test_accessibility import _use_scheme, _violations
from test_versions import Answers, backup_opened_elsewhere, open_versions, save_version

PERSONA = "persona"
SECRETS = (b"Exif", b"PhoneMaker", b"SERIAL-0042", b"52/1")
SHOTS = Path(__file__).resolve().parents[2] / "tmp"


def phone_photo() -> bytes:
    """What a phone writes: 800 × 600 pixels stored sideways with EXIF orientation 6 (turn 90°
    clockwise to show), GPS, maker and serial. Its stored top rows are green: upright, that green
    is the right-hand edge."""
    img = Image.new("RGB", (800, 600), (128, 128, 128))
    img.paste((0, 200, 0), (0, 0, 800, 100))
    img.paste((200, 40, 40), (300, 250, 500, 350))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PhoneMaker"
    exif[0xA431] = "SERIAL-0042"
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 1.0), 3: "E", 4: (5.0, 7.0, 2.0)}
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif.tobytes(), quality=90)
    data = out.getvalue()
    assert all(s in data for s in SECRETS[:3])
    return data


def no_metadata(jpeg: bytes) -> None:
    assert jpeg.startswith(b"\xff\xd8") and not any(s in jpeg for s in SECRETS)
    assert not Image.open(io.BytesIO(jpeg)).getexif()


def jpeg_in(uri: str) -> bytes:
    assert uri.startswith("data:image/jpeg;base64,")
    return base64.b64decode(uri.split(",", 1)[1])


def green(img: Image.Image) -> int:
    """How many pixels are the photo's green (nothing else on the persona canvas is)."""
    data = img.convert("RGB").tobytes()
    return sum(1 for i in range(0, len(data), 3) if data[i + 1] > 150 and data[i] < 70 and data[i + 2] < 70)


def stored(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator("[data-field=foto] [data-value]").input_value()


def choose(page, name: str, data: bytes, mime: str) -> None:  # type: ignore[no-untyped-def]
    page.locator("[data-photo-input]").set_input_files(files=[{"name": name, "mimeType": mime, "buffer": data}])


def test_a_phone_photo_cropped_with_the_keyboard_goes_everywhere_without_exif(page, context, browser, base_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    answers = Answers(page)
    open_canvas(page, base_url, PERSONA)
    page.get_by_role("textbox", name="Naam", exact=True).fill("Femke de Vries")
    expect(page.get_by_label("Kies een foto", exact=True)).to_have_attribute("type", "file")
    choose(page, "IMG_0042.jpg", phone_photo(), "image/jpeg")

    dialog = page.get_by_role("dialog", name="Foto bijsnijden")
    expect(dialog).to_be_visible()
    stage = dialog.get_by_role("application", name=re.compile("Uitsnede van de foto"))
    expect(stage).to_be_focused()
    for key in ["+", "+", "+"] + ["ArrowRight"] * 30:  # zoom in, then move the square to the right edge
        page.keyboard.press(key)
    crop = json.loads(dialog.get_attribute("data-crop") or "{}")
    # upright the photo is 600 wide (EXIF orientation applied): the square ends at its right edge
    assert crop["x"] + crop["size"] == 600 and crop["size"] < 600
    SHOTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        _use_scheme(page, scheme)
        assert _violations(page) == []
        dialog.screenshot(path=str(SHOTS / f"crop-dialog-{scheme}.png"))
    _use_scheme(page, "light")
    page.keyboard.press("Tab")  # the zoom slider
    expect(dialog.get_by_role("slider", name="Zoom")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Gebruik deze foto
    expect(dialog).to_be_hidden()
    expect(page.locator("[data-field=foto] [data-photo-state]")).to_contain_text("De foto is toegevoegd", timeout=30_000)
    expect(page.get_by_role("img", name="Foto", exact=True)).to_be_visible()

    photo = jpeg_in(stored(page))
    no_metadata(photo)
    picture = Image.open(io.BytesIO(photo))
    assert picture.size[0] == picture.size[1] <= 600 and len(photo) <= 80_000
    right, left = picture.crop((picture.width - 8, 0, picture.width, picture.height)), picture.crop((0, 0, 8, picture.height))
    assert green(right) > right.width * right.height * 0.8 and green(left) == 0  # upright, cropped at the right

    page.get_by_role("textbox", name="Foto: bron of licentie").fill("Foto: eigen archief")
    preview = page.locator(".kc-preview svg")
    expect(preview.locator("image")).to_have_count(1, timeout=30_000)
    expect(preview).to_contain_text("Foto: eigen archief")
    assert jpeg_in(preview.locator("image").get_attribute("href") or "") == photo

    _, svg = download(page, "Download SVG")
    found = re.findall(rb'<image [^>]*href="(data:image/jpeg;base64,[^"]+)"', svg)
    assert [jpeg_in(u.decode()) for u in found] == [photo]

    _, png = download(page, "Download PNG")
    assert green(Image.open(io.BytesIO(png)).resize((750, 530))) > 50
    assert b"eXIf" not in png and not any(s in png for s in SECRETS[1:])

    _, pdf = download(page, "Download PDF")
    xobjects = pdf_reader(pdf).pages[0]["/Resources"]["/XObject"]
    images = [x.get_object() for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image"]
    assert [i["/Filter"] for i in images] == ["/DCTDecode"] and images[0]._data == photo
    assert not any(s in pdf for s in SECRETS[1:])

    _, pptx = download(page, "Download PowerPoint")
    with zipfile.ZipFile(io.BytesIO(pptx)) as deck:
        media = [deck.read(n) for n in deck.namelist() if n.startswith("ppt/media/") and not n.endswith("/")]
        slide = deck.read("ppt/slides/slide1.xml")
    assert media == [photo] and b"<p:pic>" in slide

    # After a reload the photo is still there: thumbnail and drawing.
    page.reload()
    page.locator(".kc-app").scroll_into_view_if_needed()
    expect(page.get_by_role("img", name="Foto", exact=True)).to_be_visible()
    expect(page.locator(".kc-preview svg image")).to_have_count(1, timeout=60_000)
    assert jpeg_in(stored(page)) == photo

    # A version keeps it; removing it is a change the comparison names and outlines.
    open_versions(page)
    save_version(page, answers, "Met foto")
    # Stored once, however many places show it: the canvas and its version point at one copy.
    wait_until_stored(page, PERSONA, "Met foto")
    uri, raw = stored(page), stored_text(page, PERSONA) or ""
    record = json.loads(raw)
    [(key, kept)] = record["photos"].items()
    [doc] = record["docs"].values()
    assert kept == uri and raw.count(uri[40:200]) == 1
    [version] = doc["versions"].values()
    assert doc["data"]["foto"] == version["data"]["foto"] == f"kc-photo:{key}"
    page.get_by_role("button", name="Open versie Met foto").click()
    view = page.get_by_role("dialog", name="Versie ‘Met foto’ (alleen lezen)")
    expect(view.locator("svg image")).to_have_count(1, timeout=30_000)
    view.get_by_role("button", name="Terug naar je huidige werk").click()
    page.get_by_role("button", name="Verwijder foto").click()
    expect(page.locator("[data-field=foto] [data-photo-state]")).to_contain_text("De foto is verwijderd")
    expect(page.locator(".kc-preview svg image")).to_have_count(0, timeout=30_000)
    page.get_by_role("combobox", name="Van", exact=True).select_option(label=page.locator("[data-compare-from] option", has_text="Met foto").inner_text())
    page.get_by_role("combobox", name="Naar", exact=True).select_option(label="Huidige versie")
    page.get_by_role("button", name="Vergelijk", exact=True).click()
    changes = page.get_by_role("list", name="Wat er anders is")
    expect(changes).to_contain_text("Verwijderd Foto: een foto van", timeout=30_000)
    assert "base64" not in changes.inner_text()

    # The backup of all canvases carries the photo (in the version) and brings it back.
    page.get_by_text("Mijn canvassen:").click()
    name, backup = download(page, "Exporteer alle canvassen")
    [canvas] = json.loads(backup)["canvases"]
    [version] = canvas["versions"]
    assert jpeg_in(version["data"]["foto"]) == photo and not canvas["data"].get("foto")
    assert b"SERIAL" not in backup
    (tmp_path / name).write_bytes(backup)
    with backup_opened_elsewhere(browser, base_url, tmp_path / name, "Mijn canvas") as other:
        open_versions(other)
        other.get_by_role("button", name="Zet terug: versie Met foto").click()
        expect(other.get_by_role("img", name="Foto", exact=True)).to_be_visible()
        assert jpeg_in(other.locator("[data-field=foto] [data-value]").input_value()) == photo

    # Deleting the canvas deletes its photo from the browser's storage too.
    page.get_by_role("button", name="Verwijder: Mijn canvas").click()
    gone = f"async (key) => {{ const t = await ({_STORED})(key); return t && !t.includes('kc-photo') && !t.includes('base64') ? 'gone' : ''; }}"
    assert wait_for_async(page, gone, f"klantcanvas:v2:{PERSONA}", "gone") == "gone"


@pytest.mark.parametrize(("name", "mime", "data", "message"), [
    ("notities.txt", "text/plain", b"Dit is geen foto", "Dit bestand is geen afbeelding"),
    ("avatar.svg", "image/svg+xml", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'><script>alert(2)</script></svg>",
     "Een SVG-tekening kan geen foto"),
    ("kapot.jpg", "image/jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 20, "Deze browser kan deze afbeelding niet openen"),
    ("IMG_0001.heic", "image/heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(4000), "zoals HEIC"),
    ("panorama.jpg", "image/jpeg", None, "Dit bestand is te groot (40 MB"),  # 40 MB, written to a file below
], ids=["text", "svg-with-script", "corrupt-jpeg", "heic", "panorama-40mb"])
def test_bad_files_get_a_message_and_change_nothing(page, base_url, tmp_path, name: str, mime: str, data: bytes | None, message: str) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, PERSONA)
    page.get_by_role("textbox", name="Naam", exact=True).fill("Femke")
    field = page.locator("[data-field=foto]")
    if data is None:
        path = tmp_path / name
        with path.open("wb") as out:
            out.write(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
            out.truncate(40_000_000)
        page.locator("[data-photo-input]").set_input_files(str(path))
    else:
        choose(page, name, data, mime)
    expect(field.get_by_role("alert")).to_contain_text(message, timeout=30_000)
    expect(field.get_by_role("alert")).to_contain_text("Er is niets veranderd")
    expect(page.get_by_role("dialog", name="Foto bijsnijden")).to_have_count(0)
    assert stored(page) == "" and page.locator(".kc-preview svg image").count() == 0
    expect(page.get_by_role("textbox", name="Naam", exact=True)).to_have_value("Femke")


def test_a_pasted_picture_is_cropped_and_a_share_link_leaves_it_out(page, base_url) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, PERSONA)
    png = io.BytesIO()
    Image.effect_noise((300, 200), 90).convert("RGB").save(png, "PNG")  # noise: a photo far too large for a link
    page.get_by_role("textbox", name="Naam", exact=True).focus()
    page.evaluate(
        """b64 => { const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
                    const data = new DataTransfer(); data.items.add(new File([bytes], 'plak.png', {type: 'image/png'}));
                    document.activeElement.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true})); }""",
        base64.b64encode(png.getvalue()).decode(),
    )
    dialog = page.get_by_role("dialog", name="Foto bijsnijden")
    dialog.get_by_role("button", name="Gebruik deze foto").click()
    # the worker may still be warming up the PDF machinery on a busy machine: the photo waits for it
    expect(page.get_by_role("img", name="Foto", exact=True)).to_be_visible(timeout=120_000)
    photo = Image.open(io.BytesIO(jpeg_in(stored(page))))
    assert photo.size == (200, 200) and photo.format == "JPEG"
    expect(page.get_by_role("textbox", name="Naam", exact=True)).to_have_value("")  # the picture is no text
    page.get_by_role("button", name="Deel als link").click()
    expect(page.locator("[data-share-note]")).to_contain_text("De foto zit niet in deze link", timeout=60_000)
