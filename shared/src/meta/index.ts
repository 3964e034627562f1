export * from './graph-errors';
export * from './webhook-payload';
export * from './recipient';
export * from './account-webhooks';
