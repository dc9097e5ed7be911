export function call(base: string, token: string, method: string, path: string, body?: unknown, contentType?: string): Promise<any>;
export function seedDemo(base: string, admin: string): Promise<unknown>;
