// The D1 types worker/src/db/*.ts name as globals (the Worker's tsconfig has @cloudflare/workers-types); the bench
// runs in Node with Node's types, and reads the database through Miniflare's D1 binding, which has these types.
import type * as W from '@cloudflare/workers-types/experimental';

declare global {
  type D1Database = W.D1Database;
  type D1PreparedStatement = W.D1PreparedStatement;
  type D1Result<T = unknown> = W.D1Result<T>;
}
export {};
