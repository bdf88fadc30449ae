// `pnpm --filter @parley/deploy validate:k8s`: renders every overlay with `kubectl kustomize` and checks each
// object against the Kubernetes API schemas (kubernetes-models: the OpenAPI schemas of the Kubernetes release
// it tracks, compiled to validators; KEDA's CRD schemas for ScaledObject), then checks what the schemas
// cannot: every Deployment has probes, resources, a Service, a PodDisruptionBudget, a NetworkPolicy and
// exactly one autoscaler, and every Secret or ConfigMap it reads is rendered or declared external.
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

const ROOT = new URL('../../', import.meta.url).pathname;
export const OVERLAYS_DIR = `${ROOT}deploy/k8s/overlays`;

/** Secrets the cluster provides, by overlay (created outside the manifests, by a secret manager). */
const EXTERNAL_SECRETS: Record<string, string[]> = { production: ['parley-secrets'] };

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

interface Model {
  new (data: object): { validate(): void };
}

/** The model class (with its schema validator) for an object's apiVersion and kind. */
async function modelFor(apiVersion: string, kind: string): Promise<Model> {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const path =
    group === 'keda.sh'
      ? `@kubernetes-models/keda/keda.sh/${version}/${kind}`
      : `kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`;
  try {
    const mod = (await import(path)) as Record<string, Model>;
    const model = mod[kind];
    if (!model) throw new Error(`no ${kind} in ${path}`);
    return model;
  } catch (err) {
    throw new Error(`no schema for ${apiVersion} ${kind} (${(err as Error).message})`);
  }
}

export async function render(overlay: string): Promise<K8sObject[]> {
  const { stdout } = await promisify(execFile)('kubectl', ['kustomize', `${OVERLAYS_DIR}/${overlay}`], {
    maxBuffer: 32 * 1024 * 1024,
  });
  return parseAllDocuments(stdout)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((d): d is K8sObject => d !== null);
}

function id(o: K8sObject): string {
  return `${o.kind}/${o.metadata.name}`;
}

interface Container {
  name: string;
  readinessProbe?: unknown;
  livenessProbe?: unknown;
  resources?: { requests?: { cpu?: string; memory?: string }; limits?: { memory?: string } };
  envFrom?: Array<{ secretRef?: { name: string }; configMapRef?: { name: string } }>;
}

function podSpec(o: K8sObject): { containers: Container[] } | undefined {
  const template = (o.spec as { template?: { spec?: { containers: Container[] } } } | undefined)?.template;
  return template?.spec;
}

/**
 * The object as the API server decodes it: kustomize folds long base64 Secret values over several lines, which
 * Go's base64 decoder reads through but the schema's strict `byte` format does not.
 */
function asApiServerReads(o: K8sObject): K8sObject {
  if (o.kind !== 'Secret' || typeof o.data !== 'object' || o.data === null) return o;
  const data = Object.fromEntries(
    Object.entries(o.data as Record<string, string>).map(([k, v]) => [k, v.replace(/\s+/g, '')]),
  );
  return { ...o, data };
}

/** Problems with one rendered overlay; empty when it is valid. */
export async function validateObjects(objects: K8sObject[], overlay: string): Promise<string[]> {
  const problems: string[] = [];
  for (const o of objects) {
    try {
      const Model = await modelFor(o.apiVersion, o.kind);
      new Model(asApiServerReads(o)).validate();
    } catch (err) {
      problems.push(`${id(o)}: ${(err as Error).message}`);
    }
  }

  const named = (kind: string) => new Set(objects.filter((o) => o.kind === kind).map((o) => o.metadata.name));
  const secrets = new Set([...named('Secret'), ...(EXTERNAL_SECRETS[overlay] ?? [])]);
  const configMaps = named('ConfigMap');
  const services = named('Service');
  const pdbs = named('PodDisruptionBudget');
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const scalerTargets = objects.flatMap((o) => {
    if (o.kind === 'HorizontalPodAutoscaler')
      return [(o.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name];
    if (o.kind === 'ScaledObject')
      return [(o.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name];
    return [];
  });

  for (const o of objects.filter((x) => x.kind === 'Deployment' || x.kind === 'Job')) {
    for (const c of podSpec(o)?.containers ?? []) {
      if (!c.resources?.requests?.cpu || !c.resources.requests.memory || !c.resources.limits?.memory) {
        problems.push(`${id(o)}: container ${c.name} needs cpu and memory requests and a memory limit`);
      }
      for (const ref of c.envFrom ?? []) {
        if (ref.secretRef && !secrets.has(ref.secretRef.name)) {
          problems.push(
            `${id(o)}: reads Secret ${ref.secretRef.name}, which is neither rendered nor external`,
          );
        }
        if (ref.configMapRef && !configMaps.has(ref.configMapRef.name)) {
          problems.push(`${id(o)}: reads ConfigMap ${ref.configMapRef.name}, which is not rendered`);
        }
      }
      if (o.kind === 'Deployment' && (!c.readinessProbe || !c.livenessProbe)) {
        problems.push(`${id(o)}: container ${c.name} needs readiness and liveness probes`);
      }
    }
    if (o.kind !== 'Deployment') continue;
    const name = o.metadata.name;
    const labels = (o.spec as { template: { metadata: { labels: Record<string, string> } } }).template
      .metadata.labels;
    if (!services.has(name)) problems.push(`${id(o)}: no Service ${name}`);
    if (!pdbs.has(name)) problems.push(`${id(o)}: no PodDisruptionBudget ${name}`);
    const ownPolicy = policies.some((p) => {
      const match = (p.spec as { podSelector: { matchLabels?: Record<string, string> } }).podSelector
        .matchLabels;
      return match?.['app.kubernetes.io/name'] === labels['app.kubernetes.io/name'];
    });
    if (!ownPolicy) problems.push(`${id(o)}: no NetworkPolicy selecting its pods`);
    const scalers = scalerTargets.filter((t) => t === name).length;
    if (scalers !== 1) problems.push(`${id(o)}: ${scalers} autoscalers target it (want exactly 1)`);
  }
  return problems;
}

export async function overlays(): Promise<string[]> {
  return (await readdir(OVERLAYS_DIR, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let failed = 0;
  for (const overlay of await overlays()) {
    const objects = await render(overlay);
    const problems = await validateObjects(objects, overlay);
    process.stdout.write(`${overlay}: ${objects.length} objects, ${problems.length} problems\n`);
    for (const p of problems) process.stdout.write(`  - ${p}\n`);
    failed += problems.length;
  }
  process.exitCode = failed > 0 ? 1 : 0;
}
