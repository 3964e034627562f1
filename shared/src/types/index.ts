export * from './api';
export * from './whatsapp';
export * from './inbox';
export * from './contacts';
