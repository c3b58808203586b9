import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { gatewayEnvironmentSchema } from '@concierge/shared/feature-gateway-core';
import { DEMO_SERVICE_NAMES, demoServiceUrlVariable } from '@concierge/shared/util-contracts';
import {
  freePort,
  spawnApp,
  startDemoServices,
  workspaceRoot,
  type DemoServices,
} from '@concierge/shared/util-testing';

/**
 * No cluster runs here, so the manifests are checked for what would break a rollout: they parse, every
 * variable they set is one the gateways' config schema knows, and the built gateway, started with exactly
 * the manifest's configuration, answers its probes on the port the manifest declares.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Manifest = any;

const k8s = join(workspaceRoot(), 'deploy/k8s');
const manifests: Manifest[] = readdirSync(k8s)
  .filter((file) => file.endsWith('.yaml'))
  .flatMap((file) =>
    parseAllDocuments(readFileSync(join(k8s, file), 'utf8')).map((doc) => {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
      return doc.toJS();
    }),
  );
const find = (kind: string, name: string) =>
  manifests.find((m) => m.kind === kind && m.metadata?.name === name) ?? fail(`no ${kind} ${name}`);
const configOf = (name: string): Record<string, string> => ({ ...(find('ConfigMap', name).data ?? {}) });
const secretOf = (name: string): Record<string, string> => ({ ...(find('Secret', name).stringData ?? {}) });
const portOf = (container: Manifest, name: string): number =>
  container.ports.find((p: { name: string }) => p.name === name)?.containerPort ?? fail(`no port ${name}`);
const TEST_ADMIN_TOKEN = 'a-token-of-the-operators-own-0123456789';
const GATEWAYS = ['web-bff', 'mobile-bff', 'iot-bff', 'partner-api'] as const;

describe('deploy/k8s', () => {
  let services: DemoServices;
  beforeAll(async () => {
    services = await startDemoServices();
  });
  afterAll(() => services.stop());

  it('lists every manifest file in the kustomization', () => {
    const kustomization = manifests.find((m) => m.kind === 'Kustomization');
    const files = readdirSync(k8s).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it('runs two Redis: state that never evicts, and the cache that may, each the gateways point at', () => {
    const policyOf = (name: string): string => {
      const args: string[] = find('Deployment', name).spec.template.spec.containers[0].args;
      return args[args.indexOf('--maxmemory-policy') + 1];
    };
    expect(policyOf('redis')).toBe('noeviction');
    expect(policyOf('redis-cache')).toBe('allkeys-lru');
    const redis = secretOf('gateway-redis');
    expect(new URL(redis['REDIS_URL']).hostname).toBe(find('Service', 'redis').metadata.name);
    expect(new URL(redis['REDIS_CACHE_URL']).hostname).toBe(find('Service', 'redis-cache').metadata.name);
    for (const name of GATEWAYS) {
      const container = find('Deployment', name).spec.template.spec.containers[0];
      expect(container.envFrom).toContainEqual({ secretRef: { name: 'gateway-redis' } });
    }
  });

  it.each(GATEWAYS)('%s: sets only variables the config schema knows', (name) => {
    const deployment = find('Deployment', name);
    const container = deployment.spec.template.spec.containers[0];
    // The gateways' own variables, and the URL variable of each service in the demo registry (which ones a
    // gateway reads follows from its services declaration: see the probe test below).
    const known = new Set([
      ...Object.keys(gatewayEnvironmentSchema.properties),
      ...DEMO_SERVICE_NAMES.map(demoServiceUrlVariable),
    ]);
    const set = new Set<string>((container.env ?? []).map((e: { name: string }) => e.name));
    for (const source of container.envFrom) {
      const ref = source.configMapRef ?? source.secretRef;
      const kind = source.configMapRef ? 'ConfigMap' : 'Secret';
      const doc = find(kind, ref.name);
      for (const key of Object.keys({ ...doc.data, ...doc.stringData })) set.add(key);
    }
    expect([...set].filter((variable) => !known.has(variable))).toEqual([]);
  });

  it.each(GATEWAYS)('%s: has probes, resources and an autoscaler aimed at it', (name) => {
    const spec = find('Deployment', name).spec.template.spec;
    const container = spec.containers[0];
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.resources.requests).toEqual(
      expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }),
    );
    const [, pauseSec] = container.lifecycle.preStop.exec.command;
    expect(Number(pauseSec)).toBeGreaterThan(0);
    expect(spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(
      Number(pauseSec) * 1000 + Number(configOf('gateway-shared-config')['SHUTDOWN_TIMEOUT_MS']),
    );
    // The admin listener: its default port (client + 6000) declared, scraped there, and kept out of the Service.
    expect(portOf(container, 'admin')).toBe(portOf(container, 'http') + 6000);
    expect(find('Deployment', name).spec.template.metadata.annotations['prometheus.io/port']).toBe(
      String(portOf(container, 'admin')),
    );
    expect(find('Service', name).spec.ports.map((p: { targetPort: string }) => p.targetPort)).toEqual([
      'http',
    ]);
    const hpa = find('HorizontalPodAutoscaler', name);
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
    expect(find('Service', name).spec.selector).toEqual(find('Deployment', name).spec.selector.matchLabels);
  });

  it.each(GATEWAYS)(
    '%s: the built gateway, configured as the manifest says, answers its probes on its port',
    async (name) => {
      const container = find('Deployment', name).spec.template.spec.containers[0];
      const env: Record<string, string> = {
        ...configOf('gateway-shared-config'),
        ...configOf(`${name}-config`),
        ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      };
      expect(Number(env['PORT'])).toBe(portOf(container, 'http'));
      // The cluster's addresses do not exist here: point them at the demo services; and the port the
      // manifest uses may be taken on this machine, so the probe is made on a free one with everything else as written.
      // Only the URLs the manifest sets are pointed at the demo services, so a service the gateway declares
      // but the manifest forgot would show up below with the gateway's local fallback instead.
      const urls = Object.fromEntries(
        Object.keys(env)
          .filter((v) => v in services.environment)
          .map((v) => [v, services.environment[v]]),
      );
      const local = {
        ...env,
        PORT: String(await freePort()),
        ...urls,
        JWT_JWKS_URI: `${services.urls.identity}/.well-known/jwks.json`,
        LOG_LEVEL: 'warn',
      };
      const app = await spawnApp(name, local);
      try {
        for (const probe of [container.readinessProbe, container.livenessProbe]) {
          expect((await fetch(`${app.url}${probe.httpGet.path}`)).status).toBe(200);
        }
        // What Prometheus scrapes: the admin listener, with the token; nothing there without it.
        expect((await fetch(`${app.url}/metrics`)).status).toBe(404);
        expect((await fetch(`${app.adminUrl}/metrics`)).status).toBe(401);
        const admin = { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } };
        const scrape = await fetch(`${app.adminUrl}/metrics`, admin);
        expect(scrape.status).toBe(200);
        expect(await scrape.text()).toMatch(/^http_requests_total\{/m);
        // Every service the gateway declares has its URL in the manifest, and the manifest names no other.
        const upstreamsAnswer = await fetch(`${app.adminUrl}/health/upstreams`, admin);
        const { upstreams } = (await upstreamsAnswer.json()) as {
          upstreams: Array<{ name: string; baseUrl: string }>;
        };
        const declared = Object.fromEntries(
          upstreams.map((u) => [`${u.name.toUpperCase()}_SERVICE_URL`, u.baseUrl]),
        );
        const configured = Object.fromEntries(
          Object.entries(urls).filter(([variable]) => variable.endsWith('_SERVICE_URL')),
        );
        expect(declared).toEqual(configured);
      } finally {
        await app.stop();
      }
    },
  );

  it("refuses to start with the manifests' placeholder admin token (it would open the admin listener to anyone who read them)", async () => {
    const env = {
      ...configOf('gateway-shared-config'),
      ...configOf('web-bff-config'),
      ...secretOf('gateway-admin'),
      PORT: String(await freePort()),
    };
    await expect(
      spawnApp(
        'web-bff',
        { ...env, IDENTITY_URL: services.urls.identity, LOG_LEVEL: 'warn' },
        { timeoutMs: 10_000 },
      ),
    ).rejects.toThrow(/exited with 1[\s\S]*ADMIN_TOKEN is still the placeholder/);
  });

  it('aims the Prometheus job at the admin port with the admin token', () => {
    const [job] = parseAllDocuments(
      readFileSync(join(workspaceRoot(), 'deploy/prometheus/scrape-config.yaml'), 'utf8'),
    )[0].toJS();
    expect(job.authorization).toMatchObject({
      type: 'Bearer',
      credentials_file: expect.stringMatching(/ADMIN_TOKEN$/),
    });
    expect(job.relabel_configs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          source_labels: ['__meta_kubernetes_pod_container_port_name'],
          regex: 'admin',
          action: 'keep',
        }),
      ]),
    );
  });
});
