// The text of a .docx: the paragraphs of word/document.xml in document order (table cells included, one
// paragraph per line), read with fflate and a small tag scanner, so it runs in workerd as in Node.
import { unzipSync } from 'fflate';

/** The bytes are not a .docx the reader can open; the caller answers 400. */
export class DocxError extends Error {
  constructor(readonly reason: 'not_zip' | 'no_document' | 'too_large', message: string) {
    super(message);
    this.name = 'DocxError';
  }
}

const DOCUMENT = 'word/document.xml';
/** Larger than any plan; a zip bomb stops here. */
const MAX_XML_BYTES = 32 * 1024 * 1024;

const ENTITIES = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"]]);

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES.get(name) ?? whole;
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code >= 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

function documentXml(bytes: Uint8Array): string {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name !== DOCUMENT) return false;
        if (f.originalSize > MAX_XML_BYTES) throw new DocxError('too_large', 'word/document.xml is too large');
        return true;
      },
    });
  } catch (e) {
    if (e instanceof DocxError) throw e;
    throw new DocxError('not_zip', 'not a .docx file (not a zip archive)');
  }
  const xml = files[DOCUMENT];
  if (!xml) throw new DocxError('no_document', 'not a .docx file (no word/document.xml)');
  if (xml.length > MAX_XML_BYTES) throw new DocxError('too_large', 'word/document.xml is too large');
  return new TextDecoder().decode(xml);
}

/**
 * Paragraph text: runs' w:t, w:tab as a tab, w:br/w:cr as a line break. Deleted text (w:delText), field codes
 * (w:instrText) and the fallback copy of alternate content (mc:Fallback) are not text a reader sees.
 */
export function docxText(bytes: Uint8Array): string {
  const xml = documentXml(bytes);
  const lines: string[] = [];
  let line = '';
  let inText = false;
  let inTabStops = false;
  let skip = 0;
  for (const m of xml.matchAll(/<(\/?)([A-Za-z][\w.:-]*)[^<>]*?(\/?)>|([^<]+)/g)) {
    const [, close, tag, selfClosing, chars] = m;
    if (chars !== undefined) {
      if (inText && !skip) line += decodeEntities(chars);
      continue;
    }
    if (tag === 'mc:Fallback') {
      if (!selfClosing) skip += close ? -1 : 1;
      continue;
    }
    if (skip) continue;
    if (tag === 'w:t') inText = !close && !selfClosing;
    else if (tag === 'w:tabs') inTabStops = !close && !selfClosing;
    else if (tag === 'w:tab' && !close && !inTabStops) line += '\t';
    else if ((tag === 'w:br' || tag === 'w:cr') && !close) line += '\n';
    else if (tag === 'w:p' && (close || selfClosing)) {
      lines.push(line);
      line = '';
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
