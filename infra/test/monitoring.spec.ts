import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  createApiMetrics,
  createMetricsRegistry,
  createSendMetrics,
  createWebhookMetrics,
} from '../../shared/src/node/metrics';
import { loadCompose, readRepoFile, repoPath } from './support/repo';

interface ComposeService {
  profiles?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
}

interface PrometheusConfig {
  rule_files: string[];
  scrape_configs: {
    job_name: string;
    authorization?: { credentials_file?: string };
    static_configs?: { targets: string[] }[];
    file_sd_configs?: { files: string[] }[];
    relabel_configs?: { replacement?: string; target_label?: string }[];
  }[];
}

interface Rule {
  alert: string;
  expr: string;
  annotations: { summary: string; runbook: string };
}

interface Dashboard {
  uid: string;
  panels: { title: string; targets: { expr: string }[] }[];
}

const PROFILE = 'monitoring';
const prod = loadCompose('docker-compose.prod.yml') as unknown as { services: Record<string, ComposeService> };
const prometheus = parse(readRepoFile('infra/monitoring/prometheus/prometheus.yml')) as PrometheusConfig;
const rules = (
  parse(readRepoFile('infra/monitoring/prometheus/alerts.yml')) as { groups: { rules: Rule[] }[] }
).groups.flatMap((group) => group.rules);
const entrypoint = readRepoFile('infra/monitoring/prometheus/entrypoint.sh');

/** Bind mounts of a compose service: container path → path in the repository. */
function bindMounts(service: string): [string, string][] {
  return (prod.services[service]?.volumes ?? [])
    .filter((volume) => volume.startsWith('./'))
    .map((volume) => {
      const [source, target] = volume.split(':') as [string, string];
      return [target, source.slice(2)];
    });
}

/** Where a file the container reads comes from in the repository, or undefined when no mount holds it. */
function repoFileOf(service: string, containerPath: string): string | undefined {
  for (const [target, source] of bindMounts(service)) {
    if (containerPath === target) return source;
    if (containerPath.startsWith(`${target}/`)) return path.join(source, containerPath.slice(target.length + 1));
  }
  return undefined;
}

/** Every series name our services export: counters and gauges as named, histograms with their three series. */
async function exportedSeries(): Promise<Set<string>> {
  const api = createMetricsRegistry('api');
  createApiMetrics(api, { queues: () => Promise.resolve([]), sockets: () => 0 });
  const webhooks = createMetricsRegistry('webhook-worker');
  createWebhookMetrics(webhooks);
  const sends = createMetricsRegistry('message-worker');
  createSendMetrics(sends);
  const names = new Set<string>();
  for (const registry of [api, webhooks, sends]) {
    for (const metric of await registry.getMetricsAsJSON()) {
      if (metric.type === 'histogram')
        for (const suffix of ['_bucket', '_sum', '_count']) names.add(metric.name + suffix);
      else names.add(metric.name);
    }
  }
  return names;
}

/**
 * The exporters' metrics the rules and the dashboard use, and Prometheus' own series. Their names come from
 * node-exporter's filesystem collector and blackbox-exporter's HTTP prober, pinned by the image versions.
 */
const EXTERNAL_SERIES = new Set([
  'up',
  'ALERTS',
  'node_filesystem_avail_bytes',
  'node_filesystem_size_bytes',
  'probe_success',
  'probe_ssl_earliest_cert_expiry',
]);

const PROMQL_WORDS = new Set([
  'sum',
  'max',
  'min',
  'avg',
  'by',
  'without',
  'rate',
  'increase',
  'delta',
  'and',
  'or',
  'unless',
  'time',
  'histogram_quantile',
  'le',
]);

/** The series an expression selects: identifiers outside label matchers and strings, less PromQL's own words. */
function seriesOf(expr: string): string[] {
  const bare = expr
    .replace(/"[^"]*"/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]')
    .replace(/\b(by|without)\s*\([^)]*\)/g, '');
  return [...bare.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)].map((m) => m[0]).filter((word) => !PROMQL_WORDS.has(word));
}

describe('infra/monitoring', () => {
  const monitoring = Object.entries(prod.services).filter(([, service]) => service.profiles?.includes(PROFILE));

  it('should run Prometheus, Grafana, node-exporter and blackbox-exporter only in the monitoring profile', () => {
    expect(monitoring.map(([name]) => name).sort()).toEqual(
      ['blackbox-exporter', 'grafana', 'node-exporter', 'prometheus'].sort(),
    );
  });

  it('should mount only files that exist in the repository when a service binds one', () => {
    // ./certs holds the managed databases' CA files, which the operator puts there (git-ignored; docs/adr/0177).
    const missing = Object.keys(prod.services)
      .flatMap((name) => bindMounts(name).map(([, source]) => source))
      .filter((source) => repoPath(source) !== repoPath('./certs') && !existsSync(repoPath(source)));

    expect(missing).toEqual([]);
  });

  it('should scrape only services of docker-compose.prod.yml, on the ports they listen on', () => {
    const ports: Record<string, string | undefined> = {
      api: prod.services.api?.environment?.API_PORT,
      'webhook-worker': prod.services['webhook-worker']?.environment?.WEBHOOK_WORKER_PORT,
      'message-worker': prod.services['message-worker']?.environment?.MESSAGE_WORKER_PORT,
    };
    const targets = prometheus.scrape_configs.flatMap((job) => [
      ...(job.static_configs ?? []).flatMap((config) => config.targets),
      ...(job.relabel_configs ?? []).filter((r) => r.target_label === '__address__').map((r) => r.replacement!),
    ]);

    const problems = targets.flatMap((target) => {
      const [host, port] = target.split(':') as [string, string];
      if (!prod.services[host]) return [`${target}: no service ${host}`];
      if (ports[host] !== undefined && ports[host] !== port) return [`${target}: ${host} listens on ${ports[host]}`];
      return [];
    });

    expect(targets.length).toBeGreaterThanOrEqual(5);
    expect(problems).toEqual([]);
  });

  it('should present the METRICS_TOKEN to every one of our services when Prometheus scrapes them', () => {
    const ours = prometheus.scrape_configs.filter((job) =>
      ['api', 'webhook-worker', 'message-worker'].includes(job.job_name),
    );

    expect(ours).toHaveLength(3);
    for (const job of ours) expect(job.authorization?.credentials_file).toBe('/tmp/aerostic/metrics-token');
    expect(entrypoint).toContain('> /tmp/aerostic/metrics-token');
  });

  it('should find every file prometheus.yml reads, mounted or written by its entrypoint', () => {
    const files = [
      ...prometheus.rule_files,
      ...prometheus.scrape_configs.flatMap((job) => [
        ...(job.authorization?.credentials_file ? [job.authorization.credentials_file] : []),
        ...(job.file_sd_configs ?? []).flatMap((config) => config.files),
      ]),
    ];

    const missing = files.filter((file) => {
      const source = repoFileOf('prometheus', file);
      return source === undefined ? !entrypoint.includes(`> ${file}`) : !existsSync(repoPath(source));
    });

    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(missing).toEqual([]);
  });

  it('should name only series the services or the exporters export when a rule or a panel queries', async () => {
    const exported = await exportedSeries();
    const dashboards = readdirSync(repoPath('infra/monitoring/grafana/dashboards')).map(
      (file) => JSON.parse(readRepoFile(`infra/monitoring/grafana/dashboards/${file}`)) as Dashboard,
    );
    const queries = [
      ...rules.map((rule) => [rule.alert, rule.expr] as const),
      ...dashboards.flatMap((d) => d.panels.flatMap((p) => p.targets.map((t) => [p.title, t.expr] as const))),
    ];

    const unknown = queries.flatMap(([where, expr]) =>
      seriesOf(expr)
        .filter((name) => !exported.has(name) && !EXTERNAL_SERIES.has(name))
        .map((name) => `${where}: ${name}`),
    );

    expect(queries.length).toBeGreaterThan(10);
    expect(unknown).toEqual([]);
  });

  it('should alert on queue lag, failing sends, webhook errors, certificate expiry and disk', () => {
    const alerts = rules.map((rule) => rule.alert);

    expect(alerts).toEqual(
      expect.arrayContaining([
        'QueueLagging',
        'SendsFailing',
        'WebhooksNotQueued',
        'WebhooksRefused',
        'CertificateExpiresSoon',
        'DiskAlmostFull',
      ]),
    );
  });

  it('should give every alert a runbook section of docs/operations.md when it fires', () => {
    const headings = new Set(
      [...readRepoFile('docs/operations.md').matchAll(/^#{2,4} (.+)$/gm)].map((m) => m[1]!.trim().toLowerCase()),
    );

    const missing = rules.filter(
      (rule) =>
        rule.annotations.runbook !== `docs/operations.md#${rule.alert.toLowerCase()}` ||
        !headings.has(rule.alert.toLowerCase()),
    );

    expect(missing.map((rule) => rule.alert)).toEqual([]);
  });

  it('should provision a dashboard that parses and a datasource that points at the Prometheus service', () => {
    const datasources = parse(readRepoFile('infra/monitoring/grafana/provisioning/datasources/prometheus.yml')) as {
      datasources: { uid: string; url: string }[];
    };
    const provider = parse(readRepoFile('infra/monitoring/grafana/provisioning/dashboards/aerostic.yml')) as {
      providers: { options: { path: string } }[];
    };
    const dashboardDir = repoFileOf('grafana', provider.providers[0]!.options.path);
    const dashboard = JSON.parse(readRepoFile('infra/monitoring/grafana/dashboards/aerostic.json')) as Dashboard;

    expect(datasources.datasources[0]).toMatchObject({ uid: 'prometheus', url: 'http://prometheus:9090' });
    expect(dashboardDir).toBe('infra/monitoring/grafana/dashboards');
    expect(dashboard.uid).toBe('aerostic-overview');
    expect(dashboard.panels.length).toBeGreaterThan(5);
  });
});
