export * from './api';
export * from './whatsapp';
export * from './inbox';
export * from './contacts';
export * from './media';
export * from './overview';
export * from './templates';
export * from './admin';
