import { SERVICE_ENV_SCHEMAS } from '@aerostic/shared';
import { readdirSync } from 'node:fs';
import type { z } from 'zod';
import {
  COMPOSE_FILES,
  composeVariables,
  envExampleNames,
  envExampleValues,
  environmentOf,
  interpolate,
  loadCompose,
  readRepoFile,
  repoPath,
  type ComposeService,
} from './support/repo';

type ServiceName = keyof typeof SERVICE_ENV_SCHEMAS;

/** One-shot or loop services with nothing to probe; each needs a reason here. */
const HEALTHCHECK_EXCEPTIONS: Record<string, Record<string, string>> = {
  'docker-compose.prod.yml': { certbot: 'a renewal loop (certbot renew, then sleep) with no server to probe' },
};

function isOurService(name: string): name is ServiceName {
  return Object.hasOwn(SERVICE_ENV_SCHEMAS, name);
}

function schemaShape(name: ServiceName): Record<string, z.ZodType> {
  return SERVICE_ENV_SCHEMAS[name].shape as Record<string, z.ZodType>;
}

/** A variable is required when the schema rejects its absence (no default, not optional). */
function requiredVariables(name: ServiceName): string[] {
  return Object.entries(schemaShape(name))
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([variable]) => variable);
}

function dependsOnConditions(service: ComposeService): Record<string, string | undefined> {
  const dependsOn = service.depends_on ?? {};
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(dependsOn).map(([name, spec]) => [name, spec?.condition]));
}

describe('docker compose files', () => {
  describe.each(COMPOSE_FILES)('%s', (file) => {
    const compose = loadCompose(file);
    const services = Object.entries(compose.services);

    it('should give every service an image or a build and a health check when it is listed', () => {
      const exceptions = HEALTHCHECK_EXCEPTIONS[file] ?? {};
      const problems = services.flatMap(([name, service]) => [
        ...(service.image || service.build ? [] : [`${name}: neither image nor build`]),
        ...(service.healthcheck || exceptions[name] ? [] : [`${name}: no healthcheck`]),
      ]);

      expect(problems).toEqual([]);
    });

    it('should wait for healthy dependencies when a service depends on another', () => {
      const problems = services.flatMap(([name, service]) =>
        Object.entries(dependsOnConditions(service))
          .filter(([, condition]) => condition !== 'service_healthy')
          .map(([dependency]) => `${name} -> ${dependency}: condition is not service_healthy`),
      );

      expect(problems).toEqual([]);
    });

    it('should set every required variable of a service schema when the service is one of ours', () => {
      const problems = services
        .filter(([name]) => isOurService(name))
        .flatMap(([name, service]) => {
          const environment = environmentOf(service);
          return requiredVariables(name as ServiceName)
            .filter((variable) => !environment[variable])
            .map((variable) => `${name}: ${variable} is required by its schema but not set`);
        });

      expect(problems).toEqual([]);
    });

    it('should document every ${VAR} it references in .env.example', () => {
      const documented = envExampleNames();

      const missing = [...composeVariables(readRepoFile(file))].filter((name) => !documented.has(name));

      expect(missing).toEqual([]);
    });
  });

  it('should run every one of our services in development when docker-compose.yml is read', () => {
    const services = Object.keys(loadCompose('docker-compose.yml').services);

    expect(services).toEqual(
      expect.arrayContaining([...Object.keys(SERVICE_ENV_SCHEMAS), 'postgres', 'redis', 'nginx']),
    );
  });

  it('should leave the meta-sandbox out and restart every service when docker-compose.prod.yml is read', () => {
    const services = loadCompose('docker-compose.prod.yml').services;

    expect(Object.keys(services)).not.toContain('meta-sandbox');
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['certbot', 'nginx']));
    expect(Object.entries(services).filter(([, s]) => s.restart !== 'unless-stopped')).toEqual([]);
  });

  it('should satisfy each service schema when docker-compose.yml is interpolated without a .env file', () => {
    const services = loadCompose('docker-compose.yml').services;

    const problems = Object.entries(services)
      .filter(([name]) => isOurService(name))
      .flatMap(([name, service]) => {
        const env = Object.fromEntries(
          Object.entries(environmentOf(service)).map(([variable, value]) => [variable, interpolate(value ?? '', {})]),
        );
        const result = SERVICE_ENV_SCHEMAS[name as ServiceName].safeParse(env);
        return result.success
          ? []
          : result.error.issues.map((issue) => `${name}: ${issue.path.join('.')} ${issue.message}`);
      });

    expect(problems).toEqual([]);
  });

  it('should satisfy each service schema when docker-compose.prod.yml is interpolated with .env.example', () => {
    const services = loadCompose('docker-compose.prod.yml').services;
    const dotenv = envExampleValues();

    const problems = Object.entries(services)
      .filter(([name]) => isOurService(name))
      .flatMap(([name, service]) => {
        const env = Object.fromEntries(
          Object.entries(environmentOf(service)).map(([variable, value]) => [
            variable,
            interpolate(value ?? '', dotenv),
          ]),
        );
        const result = SERVICE_ENV_SCHEMAS[name as ServiceName].safeParse(env);
        return result.success
          ? []
          : result.error.issues.map((issue) => `${name}: ${issue.path.join('.')} ${issue.message}`);
      });

    expect(problems).toEqual([]);
  });

  it('should refuse to interpolate docker-compose.prod.yml when a secret is not set', () => {
    const apiEnvironment = environmentOf(loadCompose('docker-compose.prod.yml').services.api);

    expect(() => interpolate(apiEnvironment.JWT_SECRET ?? '', {})).toThrow(/JWT_SECRET/);
    expect(() => interpolate(apiEnvironment.ENCRYPTION_KEY ?? '', {})).toThrow(/ENCRYPTION_KEY/);
  });
});

describe('.env.example', () => {
  it('should document every variable a service schema reads when the service is in a compose file', () => {
    const documented = envExampleNames();
    const composed = new Set(COMPOSE_FILES.flatMap((file) => Object.keys(loadCompose(file).services)));

    const missing = Object.keys(SERVICE_ENV_SCHEMAS)
      .filter((name) => composed.has(name))
      .flatMap((name) => Object.keys(schemaShape(name as ServiceName)).map((variable) => ({ name, variable })))
      .filter(({ variable }) => !documented.has(variable))
      .map(({ name, variable }) => `${name}: ${variable}`);

    expect(missing).toEqual([]);
  });

  it('should document every ${VAR} of the nginx templates when they are rendered', () => {
    const documented = envExampleNames();
    const templates = ['sites-enabled', 'prod'].flatMap((dir) =>
      readdirSync(repoPath('infra/nginx', dir))
        .filter((name) => name.endsWith('.template'))
        .map((name) => `infra/nginx/${dir}/${name}`),
    );

    const missing = templates.flatMap((template) =>
      [...composeVariables(readRepoFile(template))]
        .filter((name) => !documented.has(name))
        .map((name) => `${template}: ${name}`),
    );

    expect(templates.length).toBeGreaterThanOrEqual(8);
    expect(missing).toEqual([]);
  });
});
