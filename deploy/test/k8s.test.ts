import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import type { Catalog } from '@parley/bus';
import { durableName } from '@parley/bus';
import { actionsCatalog } from '@parley/actions-service/consumers';
import { gateCatalog } from '@parley/gate-service/consumers';
import { handoffCatalog } from '@parley/handoff-service/consumers';
import { ingressCatalog } from '@parley/ingress-service/consumers';
import { resolverCatalog } from '@parley/resolver-service/consumers';
import { retrievalCatalog } from '@parley/retrieval-service/consumers';
import { routerCatalog } from '@parley/router-service/consumers';
import { K8S_DIR, renderManifests, SERVICES } from '../src/k8s.js';
import type { K8sObject } from '../src/validate-k8s.js';
import { overlays, render, validateObjects } from '../src/validate-k8s.js';

/** Stands in for every dependency: building a catalog only reads each entry's event, it calls no handler. */
const anything: never = new Proxy(() => anything, { get: () => anything, apply: () => anything }) as never;

const catalogs: Record<string, Catalog> = {
  ingress: ingressCatalog(anything),
  router: routerCatalog(anything, 1),
  retrieval: retrievalCatalog(anything, 1),
  resolver: resolverCatalog(anything),
  gate: gateCatalog(anything),
  handoff: handoffCatalog(anything),
  actions: actionsCatalog(anything, 1),
};

describe('Kubernetes manifests', () => {
  it('are what deploy/src/k8s.ts generates (run `pnpm --filter @parley/deploy k8s`)', async () => {
    for (const [path, text] of Object.entries(renderManifests())) {
      expect({ path, text: await readFile(`${K8S_DIR}/${path}`, 'utf8') }).toEqual({ path, text });
    }
  });

  it('scale each service on the lag of exactly the durables its catalog declares', () => {
    expect(SERVICES.map((s) => s.name).sort()).toEqual(Object.keys(catalogs).sort());
    for (const s of SERVICES) {
      const declared = Object.values(catalogs[s.name]!).map((spec) => durableName(s.name, spec));
      const scaled = s.consumes.map((event) => durableName(s.name, { event } as never));
      expect({ service: s.name, durables: scaled.sort() }).toEqual({
        service: s.name,
        durables: declared.sort(),
      });
    }
  });

  it.each(['production', 'dev'])(
    'render the %s overlay to objects valid against the Kubernetes schemas',
    async (overlay) => {
      expect(await overlays()).toContain(overlay);
      const objects = await render(overlay);
      expect(await validateObjects(objects, overlay)).toEqual([]);
      const kinds = objects.map((o) => o.kind);
      for (const kind of ['Deployment', 'Service', 'PodDisruptionBudget', 'NetworkPolicy']) {
        expect(kinds.filter((k) => k === kind).length).toBeGreaterThanOrEqual(7);
      }
      expect(kinds).toContain('Job');
      const scaler = overlay === 'production' ? 'ScaledObject' : 'HorizontalPodAutoscaler';
      expect(kinds.filter((k) => k === scaler)).toHaveLength(7);
    },
  );

  it('reject what the schemas or the rules forbid, naming the object', async () => {
    const objects = structuredClone(await render('production'));
    const router = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'parley-router')!;
    const container = (router.spec as { template: { spec: { containers: Array<Record<string, unknown>> } } })
      .template.spec.containers[0]!;
    container.ports = [{ name: 'http', containerPort: 'eighty' }];
    delete container.livenessProbe;
    container.envFrom = [{ secretRef: { name: 'forgotten' } }];
    const gate = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'parley-gate')!;
    const extra: K8sObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'second' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: gate.metadata.name },
        maxReplicas: 3,
      },
    };
    const withoutPdb = objects.filter(
      (o) => !(o.kind === 'PodDisruptionBudget' && o.metadata.name === 'parley-handoff'),
    );
    expect(await validateObjects([...withoutPdb, extra], 'production')).toEqual([
      'Deployment/parley-router: data/spec/template/spec/containers/0/ports/0/containerPort must be integer',
      'Deployment/parley-gate: 2 autoscalers target it (want exactly 1)',
      'Deployment/parley-handoff: no PodDisruptionBudget parley-handoff',
      'Deployment/parley-router: reads Secret forgotten, which is neither rendered nor external',
      'Deployment/parley-router: container router needs readiness and liveness probes',
    ]);
  });
});
