import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { ApiError, badRequest, fromZodIssues, notFound, problemResponse } from './errors';
import type { AppEnv } from './env';

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
};

const TARGET_PREFIX: Record<string, string | undefined> = { query: 'query', param: 'path', header: 'header' };

/** A router whose request validation failures become 400 problem documents naming each field. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const where = TARGET_PREFIX[result.target];
        throw badRequest('The request has invalid fields and nothing was written; each is listed in errors.', fromZodIssues(result.error.issues, where));
      }
    },
  });
}

export function createApp() {
  const app = createRouter();
  app.notFound((c) => problemResponse(notFound(`No route ${c.req.method} ${new URL(c.req.url).pathname}`)));
  app.onError((err, c) => {
    if (err instanceof ApiError) return problemResponse(err);
    if (err instanceof HTTPException) {
      // Hono's own refusals (malformed JSON, …) are the client's to fix.
      const status = err.status;
      return problemResponse(new ApiError(status, STATUS_TITLES[status] ?? 'Error', err.message || 'Request refused'));
    }
    console.error(`${c.req.method} ${c.req.url}`, err);
    return problemResponse(new ApiError(500, 'Internal Server Error', 'Something went wrong on our side; it has been logged.'));
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'ADMIN_TOKEN, or a unit token issued by POST /v1/tokens',
  });
  return app;
}
