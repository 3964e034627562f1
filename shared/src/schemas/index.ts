export * from './auth';
export * from './fields';
export * from './tenants';
export * from './users';
export * from './whatsapp';
export * from './conversations';
export * from './contacts';
export * from './outbound';
