/** The API's prom-client registry (what `/metrics` answers). */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
/** The API's own metrics, created on that registry. */
export const API_METRICS = Symbol('API_METRICS');
