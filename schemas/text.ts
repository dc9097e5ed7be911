/**
 * Messages in the two languages the API speaks (DESIGN §9): English for developers, Vietnamese for people. Every
 * message is written where it is raised, in both languages at once; the error handler picks one per request
 * (`Accept-Language: vi`). No zod here, so the add-on bundles it.
 */
export type Text = { en: string; vi: string };

export const t = (en: string, vi: string): Text => ({ en, vi });

/** A bad field as the domain raises it: where ("units[3].parent") and what to fix; the wire form carries one language. */
export type FieldProblem = { path: string; message: Text };

const vietnameseOf = new Map<string, string>();

/**
 * A message a zod schema carries (zod takes one string): the English is the schema's message, and the Vietnamese is
 * looked up by it when a problem document is written in Vietnamese.
 */
export function said(en: string, vi: string): string {
  vietnameseOf.set(en, vi);
  return en;
}

/** The Vietnamese of a schema message registered with `said`, if any. */
export function vietnameseFor(en: string): string | undefined {
  return vietnameseOf.get(en);
}

export type Lang = 'en' | 'vi';

/** `Accept-Language: vi-VN,vi;q=0.9,en;q=0.8` → vi. The best-weighted of the two wins; English otherwise. */
export function preferredLang(header: string | undefined | null): Lang {
  if (!header) return 'en';
  let best: { lang: Lang; q: number } = { lang: 'en', q: 0 };
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? 1);
    const lang = tag === 'vi' || tag.startsWith('vi-') ? 'vi' : tag === 'en' || tag.startsWith('en-') || tag === '*' ? 'en' : null;
    if (lang && Number.isFinite(q) && q > best.q) best = { lang, q };
  }
  return best.lang;
}
