import type { FieldProblem, Problem } from '../../schemas';

export type { FieldProblem };

/** A client mistake or refusal; the one error handler turns it into an RFC 9457 problem document. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail?: string,
    readonly errors?: FieldProblem[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
  }

  toProblem(): Problem {
    return {
      type: `https://cascade.example/problems/${this.title.toLowerCase().replace(/[^a-z]+/g, '-')}`,
      title: this.title,
      status: this.status,
      detail: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const badRequest = (detail: string, errors?: FieldProblem[]) =>
  new ApiError(400, 'Bad Request', detail, errors);
export const unauthorized = (detail: string) =>
  new ApiError(401, 'Unauthorized', detail, undefined, { 'WWW-Authenticate': 'Bearer realm="cascade"' });
export const forbidden = (detail: string) => new ApiError(403, 'Forbidden', detail);
export const notFound = (detail: string) => new ApiError(404, 'Not Found', detail);
export const conflict = (detail: string) => new ApiError(409, 'Conflict', detail);
export const unprocessable = (detail: string) => new ApiError(422, 'Unprocessable Content', detail);
export const tooLarge = (detail: string) => new ApiError(413, 'Content Too Large', detail);

/** zod issue path → "units[3].parent" */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(body)';
}

export function fromZodIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  prefix?: string,
): FieldProblem[] {
  return issues.map((i) => ({ path: formatPath(prefix ? [prefix, ...i.path] : i.path), message: i.message }));
}

export function problemResponse(err: ApiError): Response {
  return new Response(JSON.stringify(err.toProblem()), {
    status: err.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...err.headers },
  });
}
