export const DEFAULT_API_URL: string;
export function apiOrigin(url: string): string;
export function buildAddon(options?: { apiUrl?: string; outDir?: string }): Promise<{
  file: string;
  manifestFile: string;
  apiUrl: string;
  entryPoints: string[];
  bytes: number;
}>;
