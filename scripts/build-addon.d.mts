export function buildAddon(): Promise<{ file: string; entryPoints: string[]; bytes: number }>;
