/** The ADMIN_TOKEN the worker test pool binds; never used outside tests. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';
