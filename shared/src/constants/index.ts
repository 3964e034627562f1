export * from './limits';
export * from './messaging';
export * from './roles';
