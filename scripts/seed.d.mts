export function call(base: string, token: string, method: string, path: string, body?: unknown, contentType?: string): Promise<any>;
export function demoReform(): { effective: string; units: { code: string; name: string; level: string; parent: string | null }[]; successions: { from: string; to: string; type: string }[] };
export function seedDemo(base: string, admin: string, options?: { tokensFile?: string }): Promise<{
  units: { total: number; created: number; updated: number };
  plans: { count: number; obligations: number; ids: Record<string, string> };
  live: { id: string; number: string };
  reform: { closed: number; created: number } | null;
  tokens: Record<'hcmManager' | 'hoaHungSubmitter' | 'q10Manager', string>;
}>;
