export * from './config';
export * from './constants';
export * from './meta';
export * from './queues';
export * from './schemas';
export * from './types';
export * from './utils';
