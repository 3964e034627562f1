export * from './crypto';
export * from './message-preview';
