/** HTML for the add-on's pages and dialogs, built from text that may come from the API or a sheet. Pure. */

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for an element or a quoted attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITY[c] ?? c);
}

/** A page with `{{name}}` placeholders filled, each value escaped (a page is a static file; only values vary). */
export function fillPage(html: string, values: Record<string, string>): string {
  return html.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const v = values[name];
    return v === undefined ? whole : escapeHtml(v);
  });
}
