// The tidy step over pptxgenjs's package (pptx-tidy.js): run by tests/js/test_js.py with node --test.
// tests/site/test_office_files.py checks the whole files against the schemas; these pin each step.
import assert from "node:assert/strict";
import { test } from "node:test";
import JSZip from "jszip";
import PptxGenJS from "pptxgenjs";
import {
  contentTypesFor, tidyPackage, withBackgroundEffects, withTextBodies, withoutNotesCount, withoutNotesMasterList, withoutNotesRelationships,
} from "../../docs/assets/klantcanvas/pptx-tidy.js";

test("the notes master list leaves presentation.xml, so the slide list follows the master list", () => {
  const xml = '<p:sldMasterIdLst><p:sldMasterId id="1" r:id="rId1"/></p:sldMasterIdLst><p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst><p:notesMasterIdLst><p:notesMasterId r:id="rId3"/></p:notesMasterIdLst><p:sldSz cx="1" cy="1"/>';
  assert.equal(withoutNotesMasterList(xml),
    '<p:sldMasterIdLst><p:sldMasterId id="1" r:id="rId1"/></p:sldMasterIdLst><p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst><p:sldSz cx="1" cy="1"/>');
});

test("relationships to notes go, every other stays", () => {
  const rels = '<Relationships><Relationship Id="rId1" Type="http://x/relationships/slideLayout" Target="a.xml"/>\n'
    + '<Relationship Id="rId2" Type="http://x/relationships/notesSlide" Target="../notesSlides/notesSlide1.xml"/>'
    + '<Relationship Id="rId3" Type="http://x/relationships/notesMaster" Target="notesMasters/notesMaster1.xml"/></Relationships>';
  assert.equal(withoutNotesRelationships(rels), '<Relationships><Relationship Id="rId1" Type="http://x/relationships/slideLayout" Target="a.xml"/></Relationships>');
});

test("content types name only the extensions and parts the package has", () => {
  const types = '<Types><Default Extension="xml" ContentType="application/xml"/><Default Extension="jpg" ContentType="image/jpg"/>'
    + '<Default Extension="gif" ContentType="image/gif"/><Override PartName="/ppt/slides/slide1.xml" ContentType="s"/>'
    + ' <Override PartName="/ppt/slideMasters/slideMaster2.xml" ContentType="m"/></Types>';
  assert.equal(contentTypesFor(types, ["ppt/slides/slide1.xml", "ppt/media/photo.JPG"]),
    '<Types><Default Extension="xml" ContentType="application/xml"/><Default Extension="jpg" ContentType="image/jpeg"/>'
    + '<Override PartName="/ppt/slides/slide1.xml" ContentType="s"/></Types>');
});

test("a solid background gets its effect list once; other fills are left alone", () => {
  const bg = '<p:bg><p:bgPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></p:bgPr></p:bg>';
  const done = withBackgroundEffects(bg);
  assert.equal(done, '<p:bg><p:bgPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>');
  assert.equal(withBackgroundEffects(done), done);
  assert.equal(withBackgroundEffects('<p:spPr><a:solidFill/></p:spPr>'), '<p:spPr><a:solidFill/></p:spPr>');
  assert.equal(withoutNotesCount("<Slides>1</Slides><Notes>1</Notes>"), "<Slides>1</Slides><Notes>0</Notes>");
});

test("a shape without text gets an empty text body; a text box keeps its own", () => {
  const empty = "<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr/></a:p></p:txBody>";
  const slide = '<p:spTree><p:sp><p:spPr/></p:sp><p:sp><p:spPr/><p:txBody><a:p/></p:txBody></p:sp><p:sp><p:spPr/><p:extLst/></p:sp></p:spTree>';
  assert.equal(withTextBodies(slide),
    `<p:spTree><p:sp><p:spPr/>${empty}</p:sp><p:sp><p:spPr/><p:txBody><a:p/></p:txBody></p:sp><p:sp><p:spPr/>${empty}<p:extLst/></p:sp></p:spTree>`);
  assert.equal(withTextBodies('<p:sp><p:spPr/><p:extLst><p:ext/></p:extLst></p:sp>'),
    `<p:sp><p:spPr/>${empty}<p:extLst><p:ext/></p:extLst></p:sp>`);
});

test("a whole pptxgenjs package loses its notes parts and folder entries and keeps its slide", async () => {
  const pptx = new PptxGenJS();
  pptx.addSlide().addText("Hallo", { x: 1, y: 1, w: 2, h: 1 });
  const zip = await tidyPackage(await JSZip.loadAsync(await pptx.write({ outputType: "uint8array" })));
  const names = Object.keys(zip.files);
  assert.ok(names.includes("ppt/slides/slide1.xml"));
  assert.deepEqual(names.filter((n) => /notes|\/$/.test(n)), []);
  const types = await zip.file("[Content_Types].xml").async("string");
  assert.ok(!types.includes("notes") && !types.includes('Extension="png"'));
  assert.ok(!(await zip.file("ppt/presentation.xml").async("string")).includes("notesMaster"));
});
