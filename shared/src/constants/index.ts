export * from './limits';
export * from './messaging';
export * from './roles';
export * from './meta-pricing';
