import type { PlanExtract } from '../../../../schemas';
import { origin, type Doc, type Span } from './text';

type Finding = PlanExtract['findings'][number];
type Unresolved = PlanExtract['unresolved'][number];

/** What the extractor says about its draft: where each value came from, and what it could not fill. */
export class Notes {
  readonly findings: Finding[] = [];
  readonly unresolved: Unresolved[] = [];
  constructor(private readonly doc: Doc) {}

  private slice(sp: Span) {
    const start = origin(this.doc, sp.s);
    const end = origin(this.doc, sp.e);
    return { start, end, text: this.doc.input.slice(start, end) };
  }

  found(path: string, sp: Span): void {
    this.findings.push({ path, ...this.slice(sp) });
  }

  /** A gap: the text says something at `sp` (or nothing, when null) that the draft could not hold. */
  gap(path: string, sp: Span | null, message: string): void {
    this.unresolved.push({ path, text: sp ? this.slice(sp).text : '', message });
  }
}
