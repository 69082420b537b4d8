/**
 * The Kustomize manifests in deploy/kubernetes, rendered offline by `kubectl kustomize`
 * exactly as `kubectl apply -k` would send them:
 * - every object validates against the Kubernetes (and Prometheus Operator) schemas of
 *   the kubernetes-models packages;
 * - the Deployment keeps its promises (probes, non-root, read-only root, no capabilities,
 *   grace period covering the shutdown settings, HPA-owned replicas) and every reference
 *   (Service, HPA, PDB, NetworkPolicy, Ingress, ServiceMonitor, ConfigMaps, Secrets) lands;
 * - the ConfigMaps and env of each overlay are real settings: they load with the server's
 *   own loaders, and the demo overlay's configuration serves tool calls.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildAuthConfig } from '@nautobot-mcp/auth';
import { loadOrgConfig, loadSettings, type LoadedSettings } from '@nautobot-mcp/config';
import { QueryCatalog } from '@nautobot-mcp/nautobot';
import { parseAllDocuments } from 'yaml';
import { createApp } from '../apps/server/src/create-app.js';
import { ROOT, SETTING_ENV_NAMES, dockerfileUser, repoFile } from './support/deploy.js';

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: any;
  automountServiceAccountToken?: boolean;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

const K8S = join(ROOT, 'deploy/kubernetes');
const SECRET_NAME = 'nautobot-mcp-server';
/** Stand-ins for the Secret users create in production (docs/kubernetes.md). */
const USER_SECRET: Record<string, string> = {
  'nautobot-token': 'f'.repeat(40),
  'api-keys': `ci=${'k'.repeat(32)}`,
};
/** Kinds that live outside namespaces. */
const CLUSTER_SCOPED = new Set(['Namespace']);

interface Overlay {
  name: string;
  namespace: string;
  /** The Secret is created by the user, not rendered. */
  userSecret: boolean;
}

const OVERLAYS: Overlay[] = [
  { name: 'demo', namespace: 'nautobot-mcp-demo', userSecret: false },
  { name: 'production-oidc', namespace: 'nautobot-mcp', userSecret: true },
  { name: 'with-ingress', namespace: 'nautobot-mcp', userSecret: true },
  // with-ingress plus the optional ServiceMonitor component, as docs/kubernetes.md shows.
  { name: 'with-ingress+service-monitor', namespace: 'nautobot-mcp', userSecret: true },
];
/** The released image of this version (docs/versioning.md). */
const IMAGE = `ghcr.io/nautobot-mcp-server/nautobot-mcp-server:${
  (JSON.parse(repoFile('package.json')) as { version: string }).version
}`;

const rendered = new Map<string, K8sObject[]>();
let scratch: string;

function kustomize(dir: string): K8sObject[] {
  const out = execFileSync('kubectl', ['kustomize', dir], {
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return parseAllDocuments(out)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o != null);
}

function render(overlay: Overlay): K8sObject[] {
  let objects = rendered.get(overlay.name);
  if (!objects) {
    let dir = join(K8S, 'overlays', overlay.name);
    if (overlay.name === 'with-ingress+service-monitor') {
      // Kustomize takes only relative paths to other kustomizations.
      dir = join(scratch, 'with-service-monitor');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'kustomization.yaml'),
        [
          'apiVersion: kustomize.config.k8s.io/v1beta1',
          'kind: Kustomization',
          `namespace: ${overlay.namespace}`,
          'resources:',
          `  - ${relative(dir, join(K8S, 'overlays/with-ingress'))}`,
          'components:',
          `  - ${relative(dir, join(K8S, 'components/service-monitor'))}`,
          '',
        ].join('\n'),
      );
    }
    objects = kustomize(dir);
    rendered.set(overlay.name, objects);
  }
  return objects;
}

function all(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind);
}

function one(objects: K8sObject[], kind: string): K8sObject {
  const found = all(objects, kind);
  expect(found.map((o) => `${o.kind}/${o.metadata.name}`)).toHaveLength(1);
  return found[0];
}

/** Whether a label selector's matchLabels select these labels. */
function selects(matchLabels: Record<string, string>, labels: Record<string, string> = {}) {
  return (
    Object.keys(matchLabels).length > 0 &&
    Object.entries(matchLabels).every(([k, v]) => labels[k] === v)
  );
}

const modelModules = new Map<string, Record<string, any> | undefined>();

/** The kubernetes-models module of an apiVersion (imported one at a time: jest's ESM loader
 * does not like the same module imported concurrently). */
async function modelModule(apiVersion: string): Promise<Record<string, any> | undefined> {
  if (!modelModules.has(apiVersion)) {
    const name = apiVersion.startsWith('monitoring.coreos.com/')
      ? `@kubernetes-models/prometheus-operator/${apiVersion}`
      : `kubernetes-models/${apiVersion}`;
    modelModules.set(
      apiVersion,
      await import(name).then(
        (m: Record<string, any>) => m,
        () => undefined,
      ),
    );
  }
  return modelModules.get(apiVersion);
}

/** Validates one object with its kubernetes-models class; returns the problem or ''. */
async function schemaProblem(object: K8sObject): Promise<string> {
  const where = `${object.apiVersion} ${object.kind}/${object.metadata.name}`;
  const Model = (await modelModule(object.apiVersion))?.[object.kind] as
    (new (data: unknown) => { validate(): void }) | undefined;
  if (!Model) {
    return `${where}: no schema for this apiVersion and kind`;
  }
  try {
    new Model(object).validate();
    return '';
  } catch (error) {
    return `${where}: ${(error as Error).message}`;
  }
}

function container(objects: K8sObject[]): any {
  const containers = one(objects, 'Deployment').spec.template.spec.containers;
  expect(containers).toHaveLength(1);
  return containers[0];
}

function envValue(c: any, name: string): string | undefined {
  return c.env.find((e: any) => e.name === name)?.value;
}

/**
 * The settings one pod of the overlay would start with: the ConfigMaps written where the
 * Deployment mounts them (under a scratch root), the env with Secret values resolved.
 */
function podSettingsEnv(overlay: Overlay, objects: K8sObject[]): Record<string, string> {
  const root = mkdtempSync(join(scratch, `${overlay.name}-`));
  const pod = one(objects, 'Deployment').spec.template.spec;
  const c = pod.containers[0];
  const mounts: string[] = c.volumeMounts.map((m: any) => m.mountPath);
  const relocate = (text: string) => mounts.reduce((t, m) => t.replaceAll(m, root + m), text);
  for (const mount of c.volumeMounts) {
    const volume = pod.volumes.find((v: any) => v.name === mount.name);
    const map = all(objects, 'ConfigMap').find((m) => m.metadata.name === volume.configMap.name);
    expect(map).toBeDefined();
    mkdirSync(root + mount.mountPath, { recursive: true });
    for (const [key, text] of Object.entries(map?.data ?? {})) {
      writeFileSync(join(root + mount.mountPath, key), relocate(text));
    }
  }
  const env: Record<string, string> = {};
  for (const entry of c.env) {
    if (entry.value !== undefined) {
      env[entry.name] = relocate(entry.value);
      continue;
    }
    const ref = entry.valueFrom.secretKeyRef;
    const secret = all(objects, 'Secret').find((s) => s.metadata.name === ref.name);
    const value = secret
      ? (secret.stringData?.[ref.key] ??
        (secret.data?.[ref.key] === undefined
          ? undefined
          : Buffer.from(secret.data[ref.key], 'base64').toString()))
      : USER_SECRET[ref.key];
    if (value === undefined) {
      expect(ref.optional).toBe(true);
    } else {
      env[entry.name] = value;
    }
  }
  return env;
}

/** Loads settings, org file, queries and auth exactly as start-up does. */
function loadLikeStartUp(env: Record<string, string>): LoadedSettings {
  const loaded = loadSettings(env);
  loadOrgConfig(loaded.settings.orgConfigFile);
  new QueryCatalog({ queriesDir: loaded.settings.queriesDir });
  buildAuthConfig(loaded.settings);
  return loaded;
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'nmcp-k8s-'));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('Kubernetes manifests', () => {
  it('tests every overlay in deploy/kubernetes/overlays, and the docs apply each one', () => {
    const dirs = readdirSync(join(K8S, 'overlays')).sort();
    expect(dirs).toEqual(
      OVERLAYS.map((o) => o.name)
        .filter((n) => !n.includes('+'))
        .sort(),
    );
    const docs = repoFile('docs/kubernetes.md');
    for (const dir of dirs) {
      expect(docs).toContain(`kubectl apply -k deploy/kubernetes/overlays/${dir}`);
    }
    expect(docs).toContain('components/service-monitor');
    expect(docs).toContain(`create secret generic ${SECRET_NAME}`);
  });

  describe.each(OVERLAYS)('overlay $name', (overlay) => {
    it('renders objects that all validate against the Kubernetes schemas', async () => {
      const objects = render(overlay);
      const kinds = objects.map((o) => o.kind);
      for (const kind of [
        'ServiceAccount',
        'ConfigMap',
        'Service',
        'Deployment',
        'HorizontalPodAutoscaler',
        'PodDisruptionBudget',
        'NetworkPolicy',
      ]) {
        expect(kinds).toContain(kind);
      }
      const problems: string[] = [];
      for (const object of objects) {
        problems.push(await schemaProblem(object));
      }
      expect(problems.filter(Boolean)).toEqual([]);
    });

    it('puts every namespaced object in its namespace', () => {
      for (const object of render(overlay)) {
        if (!CLUSTER_SCOPED.has(object.kind)) {
          expect(`${object.kind}/${object.metadata.name} in ${object.metadata.namespace}`).toBe(
            `${object.kind}/${object.metadata.name} in ${overlay.namespace}`,
          );
        }
      }
    });

    it('runs the image non-root, read-only, without capabilities or a service account token', () => {
      const objects = render(overlay);
      const pod = one(objects, 'Deployment').spec.template.spec;
      const c = container(objects);
      const [uid, gid] = dockerfileUser(repoFile('Dockerfile'));
      expect(c.image).toBe(IMAGE);
      expect(pod.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: uid,
        runAsGroup: gid,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(c.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(c.securityContext.privileged).not.toBe(true);
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(one(objects, 'ServiceAccount').automountServiceAccountToken).toBe(false);
      expect(pod.hostNetwork ?? false).toBe(false);
      for (const mount of c.volumeMounts) {
        expect(mount.readOnly).toBe(true);
      }
    });

    it('probes /healthz for liveness and /readyz for readiness on the http port', () => {
      const c = container(render(overlay));
      expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(c.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      const ports = Object.fromEntries(c.ports.map((p: any) => [p.name, p.containerPort]));
      expect(ports).toEqual({
        http: Number(envValue(c, 'PORT')),
        metrics: Number(envValue(c, 'METRICS_PORT')),
      });
      expect(envValue(c, 'HOST')).toBe('0.0.0.0');
    });

    it('sets resources, a zero-drop rolling update and a grace period covering shutdown', () => {
      const objects = render(overlay);
      const deployment = one(objects, 'Deployment');
      const c = container(objects);
      for (const kind of ['requests', 'limits']) {
        expect(Object.keys(c.resources[kind]).sort()).toEqual(['cpu', 'memory']);
      }
      expect(deployment.spec.replicas).toBeUndefined();
      expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
      const delay = Number(envValue(c, 'SHUTDOWN_DELAY_MS'));
      const grace = Number(envValue(c, 'SHUTDOWN_GRACE_MS'));
      expect(delay).toBeGreaterThan(0);
      expect(grace).toBeGreaterThan(0);
      // A margin of at least 5 s for Node to exit after the drain.
      expect(deployment.spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(
        delay + grace + 4999,
      );
    });

    it("caps V8's heap at about 3/4 of the container's memory limit", () => {
      const c = container(render(overlay));
      const heapMiB = Number(
        /--max-old-space-size=(\d+)/.exec(envValue(c, 'NODE_OPTIONS') ?? '')?.[1],
      );
      const [, amount, unit] = /^(\d+)(Mi|Gi)$/.exec(c.resources.limits.memory) ?? [];
      const limitMiB = Number(amount) * (unit === 'Gi' ? 1024 : 1);
      expect(heapMiB).toBeGreaterThanOrEqual(limitMiB / 2);
      expect(heapMiB).toBeLessThanOrEqual(limitMiB * 0.75);
    });

    it('sets only environment variables the server (or Node: NODE_OPTIONS) reads', () => {
      const names = container(render(overlay)).env.map((e: any) => e.name);
      const read = (n: string) => SETTING_ENV_NAMES.has(n) || n === 'NODE_OPTIONS';
      expect(names.filter((n: string) => !read(n))).toEqual([]);
      expect(new Set(names).size).toBe(names.length);
    });

    it('wires Service, HPA, PDB, NetworkPolicy and ConfigMaps to the Deployment', () => {
      const objects = render(overlay);
      const deployment = one(objects, 'Deployment');
      const pod = deployment.spec.template;
      const c = container(objects);
      const portNames = c.ports.map((p: any) => p.name);
      const service = one(objects, 'Service');
      expect(selects(service.spec.selector, pod.metadata.labels)).toBe(true);
      expect(selects(deployment.spec.selector.matchLabels, pod.metadata.labels)).toBe(true);
      expect(service.spec.ports.map((p: any) => p.targetPort).sort()).toEqual(portNames.sort());

      const hpa = one(objects, 'HorizontalPodAutoscaler');
      expect(hpa.spec.scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: deployment.metadata.name,
      });
      expect(hpa.spec.minReplicas).toBeLessThanOrEqual(hpa.spec.maxReplicas);
      expect(hpa.spec.metrics[0].resource.name).toBe('cpu');
      expect(c.resources.requests.cpu).toBeDefined();

      const pdb = one(objects, 'PodDisruptionBudget');
      expect(selects(pdb.spec.selector.matchLabels, pod.metadata.labels)).toBe(true);

      const policy = one(objects, 'NetworkPolicy');
      expect(selects(policy.spec.podSelector.matchLabels, pod.metadata.labels)).toBe(true);
      expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      const allowedPorts = policy.spec.ingress.flatMap((rule: any) =>
        rule.ports.map((p: any) => p.port),
      );
      expect(allowedPorts.sort()).toEqual(portNames.sort());

      const maps = all(objects, 'ConfigMap').map((m) => m.metadata.name);
      for (const volume of pod.spec.volumes) {
        expect(maps).toContain(volume.configMap.name);
      }
      const secrets = all(objects, 'Secret').map((s) => s.metadata.name);
      for (const entry of c.env.filter((e: any) => e.valueFrom)) {
        const ref = entry.valueFrom.secretKeyRef;
        if (overlay.userSecret) {
          expect(ref.name).toBe(SECRET_NAME);
          expect(secrets).not.toContain(SECRET_NAME);
        } else {
          expect(secrets).toContain(ref.name);
        }
      }
    });

    it('starts from ConfigMaps and env that the server loads without a problem', () => {
      const objects = render(overlay);
      const loaded = loadLikeStartUp(podSettingsEnv(overlay, objects));
      const c = container(objects);
      expect(loaded.settings.port).toBe(Number(envValue(c, 'PORT')));
      expect(loaded.settings.configFile).toMatch(/config\.yaml$/);
      expect(loaded.settings.orgConfigFile).toMatch(/org\.yaml$/);
      expect(loaded.settings.queriesDir).toBeDefined();
      if (overlay.name === 'demo') {
        expect(loaded.settings.demoMode).toBe(true);
      } else {
        expect(loaded.settings.demoMode).toBe(false);
        expect(loaded.settings.nautobotUrl).toMatch(/^https:\/\//);
        expect(loaded.settings.authMode).toEqual(['oidc', 'api_key']);
        expect(loaded.settings.apiKeys).toEqual([USER_SECRET['api-keys']]);
        expect(loaded.settings.authFile).toMatch(/auth\.yaml$/);
      }
    });
  });

  it('with-ingress routes its public host to the http port and names it PUBLIC_BASE_URL', () => {
    const objects = render(OVERLAYS[2]);
    const ingress = one(objects, 'Ingress');
    const service = one(objects, 'Service');
    const [rule] = ingress.spec.rules;
    expect(ingress.spec.tls[0].hosts).toEqual([rule.host]);
    const backend = rule.http.paths[0].backend.service;
    expect(backend).toEqual({ name: service.metadata.name, port: { name: 'http' } });
    expect(envValue(container(objects), 'PUBLIC_BASE_URL')).toBe(`https://${rule.host}`);
    // Only the ingress controller (and this namespace) may reach the API port.
    const policy = one(objects, 'NetworkPolicy');
    expect(policy.spec.ingress[0].from).toContainEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
    });
  });

  it('the ServiceMonitor scrapes the metrics port of the Service', () => {
    const objects = render(OVERLAYS[3]);
    const monitor = one(objects, 'ServiceMonitor');
    const service = one(objects, 'Service');
    expect(selects(monitor.spec.selector.matchLabels, service.metadata.labels)).toBe(true);
    expect(monitor.spec.endpoints).toEqual([
      expect.objectContaining({ port: 'metrics', path: '/metrics' }),
    ]);
    expect(service.spec.ports.map((p: any) => p.name)).toContain('metrics');
  });

  it('the demo namespace enforces the restricted Pod Security Standard', () => {
    const namespace = one(render(OVERLAYS[0]), 'Namespace');
    expect(namespace.metadata.name).toBe('nautobot-mcp-demo');
    expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  it('the demo configuration serves tools: org aliases, naming schemas and the custom query', async () => {
    const env = podSettingsEnv(OVERLAYS[0], render(OVERLAYS[0]));
    // Only HTTP on a random loopback port here, not the pod's fixed metrics port.
    delete env.METRICS_PORT;
    const { app } = await createApp(
      loadLikeStartUp({ ...env, LOG_LEVEL: 'error', AUDIT_LOG: 'off' }),
    );
    try {
      await app.listen(0, '127.0.0.1');
      const { port } = app.getHttpServer().address() as AddressInfo;
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const response = await fetch(`${base}/tools/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'devices_by_location', arguments: { location: 'amsterdam' } }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as any;
      expect(body.result.items.length).toBeGreaterThan(0);
      for (const item of body.result.items) {
        // From the ConfigMap's devices_by_location.graphql, not the packaged query.
        expect(item).toHaveProperty('asset_tag');
        expect(Array.isArray(item.tags)).toBe(true);
        expect(item.location).toMatch(/^AMS01/);
      }
      const leaf = body.result.items.find((d: any) => /^ams01-[a-z]+\d+$/.test(d.name));
      expect(leaf.nameParts).toMatchObject({ site: 'ams01' });
    } finally {
      await app.close();
    }
  });
});
