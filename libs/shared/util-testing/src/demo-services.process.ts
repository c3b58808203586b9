import {
  DEMO_SERVICE_NAMES,
  type ChaosSettings,
  type ChaosStats,
  type DemoServiceName,
} from '@concierge/shared/util-contracts';
import { spawnNode, stopChild } from './child-process';
import { appBundle } from './workspace-root';

export { DEMO_SERVICE_NAMES, type DemoServiceName };

/** A running demo-services process and handles on its fault injection. */
export interface DemoServices {
  /** Base URL of each service, e.g. `http://127.0.0.1:38211`. */
  urls: Record<DemoServiceName, string>;
  /**
   * The URLs as the variables a gateway reads them from (`IDENTITY_URL`, `<NAME>_SERVICE_URL`): spread
   * it into a gateway's environment; a gateway reads the ones its services declaration names.
   */
  environment: Record<string, string>;
  /** `PUT /__chaos` on one service (any subset of the settings); resolves with the settings now in force. */
  chaos(service: DemoServiceName, settings: Partial<ChaosSettings>): Promise<ChaosSettings>;
  /** `DELETE /__chaos`: no latency, no errors, up. */
  resetChaos(service: DemoServiceName): Promise<void>;
  /** `GET /__chaos/stats`: the API calls the service received since the last reset, and the last one. */
  stats(service: DemoServiceName): Promise<ChaosStats>;
  /** `DELETE /__chaos/stats`. */
  resetStats(service: DemoServiceName): Promise<void>;
  /** SIGTERM, and resolves once the process has exited. */
  stop(): Promise<void>;
}

export interface StartDemoServicesOptions {
  /** How long to wait for the "listening" line before killing the process; default 15 s. */
  timeoutMs?: number;
}

interface ListeningLine {
  event: 'listening';
  services: Record<DemoServiceName, string>;
  environment: Record<string, string>;
}

async function expectOk(response: Response, what: string): Promise<Response> {
  if (!response.ok) throw new Error(`${what} failed: ${response.status} ${await response.text()}`);
  return response;
}

/**
 * Spawns the built demo services (`dist/apps/demo-services/main.js`, build it first) with every port
 * ephemeral, so suites can each have their own and never race on chaos switches or call counts.
 * `env` is added to the current environment (e.g. `{ IDENTITY_TOKEN_TTL_SEC: '5' }`). Rejects with the
 * process's stderr if it does not report listening within the timeout.
 */
export async function startDemoServices(
  env: Record<string, string> = {},
  options: StartDemoServicesOptions = {},
): Promise<DemoServices> {
  const bundle = appBundle('demo-services');
  let onListening: (line: ListeningLine) => void = () => undefined;
  const listening = new Promise<ListeningLine>((resolve) => (onListening = resolve));
  const proc = spawnNode(
    bundle,
    {
      ...process.env,
      ...Object.fromEntries(DEMO_SERVICE_NAMES.map((name) => [`${name.toUpperCase()}_PORT`, '0'])),
      LOG_LEVEL: 'warn',
      ...env,
    },
    (line) => {
      try {
        const parsed = JSON.parse(line) as Partial<ListeningLine>;
        if (parsed.event === 'listening' && parsed.services) onListening(parsed as ListeningLine);
      } catch {
        // Not our line: the services print only one JSON line, but a preloaded tool might print more.
      }
    },
  );

  const timeoutMs = options.timeoutMs ?? 15_000;
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    listening,
    proc.exited.then((code) => ({ failed: `exited with ${code}` })),
    new Promise<{ failed: string }>(
      (resolve) =>
        (timer = setTimeout(() => resolve({ failed: `did not listen within ${timeoutMs} ms` }), timeoutMs)),
    ),
  ]);
  clearTimeout(timer);
  if ('failed' in outcome) {
    await stopChild(proc, 1000);
    throw new Error(`demo-services ${outcome.failed}; stderr:\n${proc.stderr()}`);
  }

  const urls = outcome.services;
  const environment = outcome.environment;
  const chaosUrl = (service: DemoServiceName, path = '') => `${urls[service]}/__chaos${path}`;
  return {
    urls,
    environment,
    async chaos(service, settings) {
      const response = await fetch(chaosUrl(service), {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(settings),
      });
      return (await expectOk(response, `PUT ${service} /__chaos`)).json() as Promise<ChaosSettings>;
    },
    async resetChaos(service) {
      await expectOk(await fetch(chaosUrl(service), { method: 'DELETE' }), `DELETE ${service} /__chaos`);
    },
    async stats(service) {
      return (
        await expectOk(await fetch(chaosUrl(service, '/stats')), `GET ${service} /__chaos/stats`)
      ).json() as Promise<ChaosStats>;
    },
    async resetStats(service) {
      await expectOk(
        await fetch(chaosUrl(service, '/stats'), { method: 'DELETE' }),
        `DELETE ${service} /__chaos/stats`,
      );
    },
    async stop() {
      await stopChild(proc);
    },
  };
}
