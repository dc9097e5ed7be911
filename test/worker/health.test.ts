import { SELF } from 'cloudflare:test';
import { expect, it } from 'vitest';

it('answers health without a token', async () => {
  const res = await SELF.fetch('https://cascade.test/v1/health');
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true });
});
