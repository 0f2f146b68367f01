// Tidies the package pptxgenjs 4.0.1 writes, so Microsoft PowerPoint opens it without a "repair"
// dialog: every .pptx of the site, the command line's templates and the tests goes through here,
// and the tests check each one against the ECMA-376 schemas with openxml-audit. Upstream defects
// (delete the matching step once a pinned pptxgenjs release fixes it):
// - presentation.xml lists <p:sldIdLst> before <p:notesMasterIdLst>; the schema wants the notes
//   master list first, so the file fails validation ("Unexpected element", gitbrent/PptxGenJS#1449);
// - the notes master carries placeholder shapes that PowerPoint strips on repair (#1443) and points
//   at the slides' own theme (#1449). Klantcanvas writes no speaker notes, so the notes master and
//   the empty notes slides are left out altogether, with their relationships and content types;
// - [Content_Types].xml declares Defaults for media the deck never holds (and image/jpg, which is
//   not a MIME type) and Overrides for parts that do not exist (#1444, #1449): only what is in the
//   package is kept;
// - a solid slide background lacks <a:effectLst/>, which PowerPoint expects there (#1442, PR #1457);
// - a shape without text has no <p:txBody>, which PowerPoint adds on repair (#1441, PR #1457): every
//   shape gets the empty text body PowerPoint writes itself, so each can also take text when edited;
// - empty folder entries (ppt/media/, ppt/charts/, ...) are not parts of a package: left out.
// The functions on XML text are pure (tests/js/pptx-tidy.test.mjs); tidyPackage applies them to a JSZip.

const NOTES = /^ppt\/(notesMasters|notesSlides)\//;
const EMPTY_TEXT = "<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr/></a:p></p:txBody>";
const NOTES_REL = /\s*<Relationship\b[^>]*Type="[^"]*\/(notesMaster|notesSlide)"[^>]*\/>/g;

/** Removes the notes master's id list from presentation.xml (and so restores the schema's order). */
export function withoutNotesMasterList(presentation) {
  return presentation.replace(/<p:notesMasterIdLst>[\s\S]*?<\/p:notesMasterIdLst>/, "");
}

/** Removes relationships to a notes master or notes slide from a .rels part. */
export function withoutNotesRelationships(rels) {
  return rels.replace(NOTES_REL, "");
}

/** Keeps only the Defaults whose extension some part has and the Overrides of parts that exist. */
export function contentTypesFor(types, paths) {
  const extensions = new Set(paths.map((p) => p.slice(p.lastIndexOf(".") + 1).toLowerCase()));
  const parts = new Set(paths.map((p) => "/" + p));
  return types
    .replace(/\s*<Default\s+Extension="([^"]+)"[^>]*\/>/g, (tag, ext) => (extensions.has(ext.toLowerCase()) ? tag : ""))
    .replace(/\s*<Override\s+PartName="([^"]+)"[^>]*\/>/g, (tag, part) => (parts.has(part) ? tag : ""))
    .replace(/ContentType="image\/jpg"/g, 'ContentType="image/jpeg"');
}

/** Gives a solid background fill the (empty) effect list PowerPoint writes itself. */
export function withBackgroundEffects(slide) {
  return slide.replace(/(<p:bgPr>(?:(?!<\/p:bgPr>)[\s\S])*?<\/a:solidFill>)(<\/p:bgPr>)/g, "$1<a:effectLst/>$2");
}

/** Gives every shape without a text body the empty one PowerPoint writes (before any extLst). */
export function withTextBodies(slide) {
  return slide.replace(/<p:sp>((?:(?!<\/p:sp>)[\s\S])*?)<\/p:sp>/g, (shape, inner) => {
    if (inner.includes("<p:txBody>")) return shape;
    const at = inner.search(/<p:extLst[\s/>]/) >= 0 ? inner.search(/<p:extLst[\s/>]/) : inner.length;
    return `<p:sp>${inner.slice(0, at)}${EMPTY_TEXT}${inner.slice(at)}</p:sp>`;
  });
}

/** The extended properties say how many notes pages there are: none, once they are left out. */
export function withoutNotesCount(app) {
  return app.replace(/<Notes>\d+<\/Notes>/, "<Notes>0</Notes>");
}

async function rewrite(zip, path, change) {
  const file = zip.file(path);
  if (file) zip.file(path, change(await file.async("string")));
}

/** Applies every step above to a JSZip holding a pptxgenjs package, in place. */
export async function tidyPackage(zip) {
  const names = Object.keys(zip.files).filter((name) => !zip.files[name].dir);
  for (const name of names.filter((n) => NOTES.test(n))) zip.remove(name);
  await rewrite(zip, "ppt/presentation.xml", withoutNotesMasterList);
  for (const name of names.filter((n) => /^ppt\/(slides\/_rels\/[^/]+|_rels\/presentation\.xml)\.rels$/.test(n))) {
    await rewrite(zip, name, withoutNotesRelationships);
  }
  for (const name of names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))) {
    await rewrite(zip, name, (slide) => withTextBodies(withBackgroundEffects(slide)));
  }
  await rewrite(zip, "docProps/app.xml", withoutNotesCount);
  const left = Object.keys(zip.files).filter((name) => !zip.files[name].dir);
  await rewrite(zip, "[Content_Types].xml", (types) => contentTypesFor(types, left));
  for (const name of Object.keys(zip.files)) if (zip.files[name].dir) delete zip.files[name];
  return zip;
}
