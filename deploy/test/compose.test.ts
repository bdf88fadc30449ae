import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

const ROOT = new URL('../../', import.meta.url).pathname;
const SERVICES = ['ingress', 'router', 'retrieval', 'resolver', 'gate', 'handoff', 'actions'];
const PORTS: Record<string, number> = {
  ingress: 8080,
  router: 8081,
  retrieval: 8082,
  resolver: 8083,
  gate: 8084,
  handoff: 8085,
  actions: 8086,
};

interface ComposeService {
  image?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  healthcheck?: { test?: string[]; disable?: boolean };
  profiles?: string[];
  command?: string[] | string;
}

async function compose(): Promise<{ services: Record<string, ComposeService> }> {
  // The YAML merge keys (<<) are what compose itself resolves.
  return parse(await readFile(`${ROOT}docker-compose.yml`, 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
}

describe('docker-compose.yml', () => {
  it('is valid against the compose specification (dclint)', async () => {
    // Exits non-zero (and so rejects) on any schema error or warning.
    const { stdout } = await promisify(execFile)(
      `${ROOT}deploy/node_modules/.bin/dclint`,
      ['-c', 'dclint.config.json', '--max-warnings', '0', '../docker-compose.yml'],
      { cwd: `${ROOT}deploy` },
    );
    expect(stdout.trim()).toBe('');
  });

  it('runs the seven services from the image after a one-shot migrate and seed, each restarted and health-checked', async () => {
    const { services } = await compose();
    expect(services.migrate!.command).toEqual(['sh', '-c', 'parley migrate && parley seed']);
    expect(services.migrate!.restart).toBe('on-failure');
    for (const name of SERVICES) {
      const s = services[name]!;
      expect({ name, service: s.environment?.SERVICE }).toEqual({ name, service: name });
      expect(s.restart).toBe('unless-stopped');
      expect(s.healthcheck?.test).toEqual(['CMD', 'node', '/app/deploy/healthcheck.mjs']);
      expect(s.depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
      expect(s.depends_on?.nats).toEqual({ condition: 'service_healthy' });
      expect(s.environment?.HOST).toBe('0.0.0.0');
      // Fixed inside the network (a port set in .env names the host port), so probes and scrapes find it.
      expect(s.environment?.[`${name.toUpperCase()}_PORT`]).toBe(String(PORTS[name]));
      expect(s.profiles).toBeUndefined();
    }
    // The line that tells where the API and the inbox are comes once all of them are healthy.
    expect(Object.keys(services.ready!.depends_on ?? {}).sort()).toEqual([...SERVICES].sort());
    expect(String(services.ready!.command)).toContain('/v1/tickets');
    expect(String(services.ready!.command)).toContain('/inbox');
  });

  it('adds Qdrant and the observability stack only under their profiles', async () => {
    const { services } = await compose();
    expect(services.qdrant!.profiles).toEqual(['scale']);
    for (const name of ['otel-collector', 'prometheus', 'grafana']) {
      expect(services[name]!.profiles).toEqual(['observability']);
    }
  });
});
