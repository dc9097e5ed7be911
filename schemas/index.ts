export * from './common';
export * from './units';
export * from './tokens';
export * from './plans';
export * from './reports';
export * from './webhooks';
