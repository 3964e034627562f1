// Node-only helpers of the workers, kept out of the package's main entry so the frontends never bundle them.
export * from './connection-tls';
export * from './redis-client';
export * from './redis-health';
export * from './number-pacing';
export * from './tenant-suspensions';
export * from './queues';
export * from './service-logger';
export * from './metrics';
