/** The one notice line: success in green for a few seconds, errors in red until the view changes. */
import { $ } from './dom.mts';

let timer: ReturnType<typeof setTimeout> | undefined;
let flash: string | null = null;

function show(text: string, kind: 'ok' | 'err') {
  const n = $('#notice')!;
  clearTimeout(timer);
  n.className = `notice ${kind}`;
  n.setAttribute('role', kind === 'ok' ? 'status' : 'alert');
  n.textContent = text;
  if (kind === 'ok') timer = setTimeout(clear, 8000);
}

export const ok = (text: string) => show(text, 'ok');
export const err = (text: string) => show(text, 'err');

export function clear() {
  clearTimeout(timer);
  const n = $('#notice');
  if (n) { n.textContent = ''; n.className = 'notice'; }
}

/** A success to say once the next view has been drawn (the view change clears notices first). */
export const later = (text: string) => { flash = text; };
/** After a view is drawn: a new view clears what was said; a view re-read after a write keeps it (and says any later()). */
export function afterRender(sameView = false) {
  if (!sameView) clear();
  if (flash) ok(flash);
  flash = null;
}
