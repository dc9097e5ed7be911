export const OUTPUT: string;
export function buildClient(): Promise<string>;
export function clientModule(js: string): string;
