import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { preferredLang } from '../../schemas/text';
import type { AppEnv } from './env';
import { ApiError, fromZodIssues, invalidFields, notFound, problemResponse, t, type Text } from './errors';

/** Hono's own refusals (malformed JSON, a body of the wrong type, …) in both languages. */
const HONO_REFUSALS: Record<number, { title: string; detail: Text }> = {
  400: { title: 'Bad Request', detail: t('The body is not valid JSON.', 'Dữ liệu gửi lên không phải JSON hợp lệ.') },
  401: { title: 'Unauthorized', detail: t('Send your token as "Authorization: Bearer <token>".', 'Hãy gửi mã truy cập trong tiêu đề "Authorization: Bearer <mã>".') },
  405: { title: 'Method Not Allowed', detail: t('This method is not allowed here.', 'Không dùng được phương thức này ở đây.') },
  413: { title: 'Content Too Large', detail: t('The request body is too large.', 'Dữ liệu gửi lên quá lớn.') },
  415: { title: 'Unsupported Media Type', detail: t('Send the body as application/json.', 'Hãy gửi dữ liệu dạng application/json.') },
};

const TARGET_PREFIX: Record<string, string | undefined> = { query: 'query', param: 'path', header: 'header' };

/** A router whose request validation failures become 400 problem documents naming each field. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalidFields(fromZodIssues(result.error.issues, TARGET_PREFIX[result.target]));
    },
  });
}

/** The language of the problem documents for this request (DESIGN §9). */
const langOf = (c: Context) => preferredLang(c.req.header('accept-language'));

export function createApp() {
  const app = createRouter();
  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    return problemResponse(notFound(t(`No route ${c.req.method} ${path}`, `Không có đường dẫn ${c.req.method} ${path}`)), langOf(c));
  });
  app.onError((err, c) => {
    if (err instanceof ApiError) return problemResponse(err, langOf(c));
    if (err instanceof HTTPException) {
      const known = HONO_REFUSALS[err.status];
      const detail = known?.detail ?? t(err.message || 'Request refused', 'Yêu cầu bị từ chối.');
      return problemResponse(new ApiError(err.status, known?.title ?? 'Error', detail), langOf(c));
    }
    console.error(`${c.req.method} ${c.req.url}`, err);
    return problemResponse(new ApiError(500, 'Internal Server Error',
      t('Something went wrong on our side; it has been logged.', 'Máy chủ gặp lỗi ngoài dự kiến; lỗi đã được ghi lại.')), langOf(c));
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'ADMIN_TOKEN, or a unit token issued by POST /v1/tokens',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'documentLink', {
    type: 'apiKey',
    in: 'query',
    name: 'signature',
    description: 'A short-lived signed link to one document (POST …/document-link), with its `by` and `expires` parameters',
  });
  return app;
}
