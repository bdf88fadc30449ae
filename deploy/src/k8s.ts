// `pnpm --filter @parley/deploy k8s [--check]`: writes the Kustomize base (deploy/k8s/base) and the KEDA
// component from one table of
// the six services, so the per-service objects (Deployment, Service, PodDisruptionBudget, HPA, ScaledObject,
// NetworkPolicy) cannot drift from each other or from the consumers the code declares. `--check` fails
// instead when the committed files differ.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { durableName } from '@parley/bus';
import {
  ActionAuthorised,
  ActionDeclined,
  ActionProposed,
  ActionSettled,
  HandoffRequested,
  ReplyFailed,
  ReplyRated,
  ReplyRequested,
  TicketDecided,
  TicketEscalated,
  TicketConfirmation,
  TicketOwnerChanged,
  TicketResolved,
  TicketRetrieved,
  TicketRouted,
  TicketReceived,
} from '@parley/contracts';
import { stringify } from 'yaml';

const ROOT = new URL('../../', import.meta.url).pathname;
export const K8S_DIR = `${ROOT}deploy/k8s`;

interface ServiceSpec {
  name: string;
  port: number;
  /** The events it consumes: one JetStream durable each, whose lag scales it. */
  consumes: Array<{ type: string; version: number }>;
  /** Reached from outside the namespace (API, webhooks, agent inbox). */
  public: boolean;
  /**
   * Requests from what one replica holds on the demo data (measured on the image) and `pnpm bench`; limits
   * leave room for the largest bench figure. CPU has no limit: throttling a consumer only adds lag.
   */
  resources: { cpu: string; memory: string; memoryLimit: string };
  /** Outbound ports beyond NATS, Postgres, DNS and OTLP (model providers, mail, SMS, Qdrant). */
  egressPorts: number[];
  maxReplicas: number;
}

/** Ports and events as the code declares them (services/<name>/src/config.ts and consumers.ts). */
export const SERVICES: ServiceSpec[] = [
  {
    name: 'ingress',
    port: 8080,
    // The decision, owner and action events only update what the ticket view shows.
    consumes: [
      ReplyRequested,
      TicketDecided,
      TicketOwnerChanged,
      ActionProposed,
      ActionAuthorised,
      ActionDeclined,
      ActionSettled,
    ],
    public: true,
    // Two email parse workers of up to 512 MB heap each (INGRESS_EMAIL_PARSE_WORKERS, PARSE_HEAP_MB).
    resources: { cpu: '200m', memory: '192Mi', memoryLimit: '1536Mi' },
    egressPorts: [443, 465, 587],
    maxReplicas: 10,
  },
  {
    name: 'router',
    port: 8081,
    consumes: [TicketReceived],
    public: false,
    // Demo model: 163 MB RSS; `pnpm bench router` on Banking77: 307 MB, CLINC150: 389 MB.
    resources: { cpu: '250m', memory: '384Mi', memoryLimit: '768Mi' },
    egressPorts: [443],
    maxReplicas: 10,
  },
  {
    name: 'retrieval',
    port: 8082,
    consumes: [TicketRouted],
    public: false,
    // Demo help centre: 268 MB RSS; `pnpm bench retrieval` at 100k chunks adds ~490 MB (index + heap).
    resources: { cpu: '250m', memory: '512Mi', memoryLimit: '1536Mi' },
    egressPorts: [443, 6333],
    maxReplicas: 10,
  },
  {
    name: 'resolver',
    port: 8083,
    consumes: [TicketRetrieved],
    public: false,
    resources: { cpu: '200m', memory: '192Mi', memoryLimit: '512Mi' },
    egressPorts: [443],
    maxReplicas: 20,
  },
  {
    name: 'gate',
    port: 8084,
    consumes: [TicketResolved, TicketEscalated, TicketConfirmation, TicketOwnerChanged],
    public: false,
    resources: { cpu: '100m', memory: '128Mi', memoryLimit: '256Mi' },
    egressPorts: [],
    maxReplicas: 6,
  },
  {
    name: 'handoff',
    port: 8085,
    // Also, when configured: handoff.sla_breached (the SLA webhook) and a desk mirror of handoff.requested.
    consumes: [
      HandoffRequested,
      ReplyFailed,
      ActionAuthorised,
      ActionDeclined,
      ActionSettled,
      TicketDecided,
      ReplyRated,
    ],
    public: true,
    resources: { cpu: '100m', memory: '128Mi', memoryLimit: '256Mi' },
    // 443: the quality judge's model provider, when configured.
    egressPorts: [443],
    maxReplicas: 6,
  },
  {
    name: 'actions',
    port: 8086,
    consumes: [ActionAuthorised],
    public: false,
    resources: { cpu: '100m', memory: '128Mi', memoryLimit: '256Mi' },
    // The store's API (Shopify's Admin API when configured).
    egressPorts: [443],
    maxReplicas: 4,
  },
];

const PART_OF = 'parley';
const IMAGE = 'parley';

function labels(component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': `parley-${component}`, 'app.kubernetes.io/part-of': PART_OF };
}

function deployment(s: ServiceSpec): object {
  const probe = (path: string, extra: object) => ({
    httpGet: { path, port: 'http' },
    timeoutSeconds: 3,
    ...extra,
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `parley-${s.name}`, labels: labels(s.name) },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels(s.name) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: {
          labels: labels(s.name),
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(s.port),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          // SIGTERM drains in-flight messages; the rest are redelivered to other replicas.
          terminationGracePeriodSeconds: 45,
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 1000,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: labels(s.name) },
            },
          ],
          containers: [
            {
              name: s.name,
              image: IMAGE,
              imagePullPolicy: 'IfNotPresent',
              env: [
                { name: 'SERVICE', value: s.name },
                { name: `${s.name.toUpperCase()}_PORT`, value: String(s.port) },
                { name: 'OTEL_SERVICE_NAME', value: s.name },
                {
                  name: 'OTEL_RESOURCE_ATTRIBUTES',
                  value: 'k8s.pod.name=$(POD_NAME),k8s.namespace.name=$(POD_NAMESPACE)',
                },
              ],
              envFrom: [
                { configMapRef: { name: 'parley-config' } },
                { secretRef: { name: 'parley-secrets' } },
              ],
              ports: [{ name: 'http', containerPort: s.port, protocol: 'TCP' }],
              startupProbe: probe('/readyz', { periodSeconds: 5, failureThreshold: 36 }),
              readinessProbe: probe('/readyz', { periodSeconds: 5, failureThreshold: 2 }),
              livenessProbe: probe('/healthz', { periodSeconds: 10, failureThreshold: 3 }),
              resources: {
                requests: { cpu: s.resources.cpu, memory: s.resources.memory },
                limits: { memory: s.resources.memoryLimit },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
        },
      },
    },
  };
}

/** The pod's own name and namespace for OTEL_RESOURCE_ATTRIBUTES, from the downward API. */
function withDownwardApi(doc: object): object {
  const d = doc as {
    spec: { template: { spec: { containers: Array<{ env: object[] }> } } };
  };
  const container = d.spec.template.spec.containers[0]!;
  container.env = [
    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
    ...container.env,
  ];
  return doc;
}

function service(s: ServiceSpec): object {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `parley-${s.name}`, labels: labels(s.name) },
    spec: {
      selector: labels(s.name),
      ports: [{ name: 'http', port: s.port, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

function pdb(s: ServiceSpec): object {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: `parley-${s.name}`, labels: labels(s.name) },
    spec: { maxUnavailable: 1, selector: { matchLabels: labels(s.name) } },
  };
}

/** CPU autoscaling: the fallback where KEDA is not installed (the `keda` component replaces it). */
function hpa(s: ServiceSpec): object {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: `parley-${s.name}`, labels: labels(s.name) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `parley-${s.name}` },
      minReplicas: 2,
      maxReplicas: s.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ],
      behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
    },
  };
}

/**
 * Lag autoscaling with KEDA's NATS JetStream scaler: one trigger per durable the service consumes (KEDA scales
 * to the largest), plus CPU. The monitoring endpoint, account and stream come from the overlay (see
 * components/keda), as does the TriggerAuthentication when the monitoring port needs TLS.
 */
export function scaledObject(s: ServiceSpec, stream = 'PARLEY_EVENTS'): object {
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: `parley-${s.name}`, labels: labels(s.name) },
    spec: {
      scaleTargetRef: { name: `parley-${s.name}` },
      minReplicaCount: 2,
      maxReplicaCount: s.maxReplicas,
      pollingInterval: 15,
      cooldownPeriod: 300,
      triggers: [
        ...s.consumes.map((event) => ({
          type: 'nats-jetstream',
          metadata: {
            natsServerMonitoringEndpoint: 'nats.nats.svc.cluster.local:8222',
            account: '$G',
            stream,
            consumer: durableName(s.name, { event } as Parameters<typeof durableName>[1]),
            lagThreshold: '50',
            activationLagThreshold: '0',
            useHttps: 'false',
          },
        })),
        { type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } },
      ],
    },
  };
}

function networkPolicy(s: ServiceSpec): object {
  const tcp = (port: number) => ({ protocol: 'TCP', port });
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `parley-${s.name}`, labels: labels(s.name) },
    spec: {
      podSelector: { matchLabels: labels(s.name) },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        // Public services take traffic from anywhere (the ingress controller); the others only from the
        // monitoring namespace (scrapes) and, for the kill-switch status, from the namespace itself.
        s.public
          ? { ports: [tcp(s.port)] }
          : {
              from: [
                { podSelector: {} },
                { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
              ],
              ports: [tcp(s.port)],
            },
      ],
      egress: [
        { ports: [{ protocol: 'UDP', port: 53 }, tcp(53)] },
        // NATS, Postgres and the OpenTelemetry collector, wherever they run.
        { ports: [tcp(4222), tcp(5432), tcp(4317), tcp(4318)] },
        ...(s.egressPorts.length > 0 ? [{ ports: s.egressPorts.map(tcp) }] : []),
      ],
    },
  };
}

function file(docs: object[]): string {
  return docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
}

/** The generated files, by path under deploy/k8s. */
export function renderManifests(): Record<string, string> {
  const header = '# Generated by `pnpm --filter @parley/deploy k8s` from deploy/src/k8s.ts; do not edit.\n';
  const out: Record<string, string> = {};
  for (const s of SERVICES) {
    out[`base/${s.name}.yaml`] =
      header + file([withDownwardApi(deployment(s)), service(s), pdb(s), hpa(s), networkPolicy(s)]);
  }
  out['components/keda/scaledobjects.yaml'] = header + file(SERVICES.map((s) => scaledObject(s)));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = renderManifests();
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [name, text] of Object.entries(files)) {
    const path = `${K8S_DIR}/${name}`;
    await mkdir(dirname(path), { recursive: true });
    if (check) {
      if ((await readFile(path, 'utf8').catch(() => '')) !== text) {
        process.stderr.write(`${relative(ROOT, path)} is out of date\n`);
        stale++;
      }
    } else {
      await writeFile(path, text);
      process.stdout.write(`wrote ${relative(ROOT, path)}\n`);
    }
  }
  if (stale > 0) {
    process.stderr.write('run `pnpm --filter @parley/deploy k8s`\n');
    process.exitCode = 1;
  }
}
