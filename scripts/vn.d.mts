export type UnitRow = { code: string; name: string; level: string; parent: string | null };
export type Succession = { from: string; to: string; type: 'full' | 'partial' };
export function csvRows(text: string): Record<string, string>[];
export function unitsOf(text: string, options?: { root?: { code: string; name: string }; province?: string }): UnitRow[];
export function importCsv(units: UnitRow[]): string;
export function reformBody(input: {
  after: string; merged: string; before?: string; effective?: string;
  root?: { code: string; name: string }; province?: string;
}): { effective: string; units: UnitRow[]; successions: Succession[] };
