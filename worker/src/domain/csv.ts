/**
 * RFC 4180 CSV → rows of strings. Handles quoted fields with commas, quotes and newlines,
 * CRLF or LF line ends and a UTF-8 BOM (Excel writes one). Blank lines are skipped.
 * Returns each row with its 1-based line number so errors can point at the file.
 */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let sawContent = false;
  const endRow = () => {
    cells.push(cell);
    if (sawContent || cells.length > 1 || cell !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
    sawContent = false;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      sawContent = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      sawContent = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted) throw new SyntaxError(`line ${rowLine}: a quoted field is never closed`);
  if (cell !== '' || cells.length > 0 || sawContent) endRow();
  return rows;
}
