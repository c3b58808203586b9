import type { ChildProcess } from 'node:child_process';
import { spawnNode, stopChild } from './child-process';
import { freePort } from './free-port';
import { appBundle } from './workspace-root';

/** A gateway (or any app) running from its built bundle. */
export interface SpawnedApp {
  /** `http://127.0.0.1:<PORT>` */
  url: string;
  port: number;
  /** The gateway's admin listener (`/metrics`, `/health/upstreams`, `/admin/*`), on loopback. */
  adminUrl: string;
  process: ChildProcess;
  /** The last 64 KB of its stderr, for failure messages. */
  stderr(): string;
  /** SIGTERM, and resolves once the process has exited. */
  stop(): Promise<void>;
}

export interface SpawnAppOptions {
  /** How long to wait for `GET /health/live` to answer 200; default 20 s. */
  timeoutMs?: number;
  /** Called with each line the app writes to stdout (its JSON log lines). */
  onStdoutLine?: (line: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function isLive(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts `node dist/apps/<name>/main.js` (build it first) with `env` added to the current environment and
 * `PORT` and `ADMIN_PORT` set (from `env`, else free ports: the default admin port, PORT + 6000, may be
 * taken or no port at all), then polls `GET /health/live` until it answers 200.
 * Rejects with the app's stderr when it exits early or is not live within the timeout.
 */
export async function spawnApp(
  name: string,
  env: Record<string, string> = {},
  options: SpawnAppOptions = {},
): Promise<SpawnedApp> {
  const bundle = appBundle(name);
  const port = env['PORT'] ? Number(env['PORT']) : await freePort();
  const adminPort = env['ADMIN_PORT'] ? Number(env['ADMIN_PORT']) : await freePort();
  const proc = spawnNode(
    bundle,
    {
      ...process.env,
      ...env,
      PORT: String(port),
      ADMIN_PORT: String(adminPort),
    },
    options.onStdoutLine,
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);

  let exited: string | undefined;
  void proc.exited.then((code) => (exited = `exited with ${code}`));
  while (!(await isLive(url))) {
    if (exited || Date.now() > deadline) {
      // Why, before stopping it: once stopped, it has "exited" with the signal this sends.
      const why = exited ?? `was not live on ${url} within ${options.timeoutMs ?? 20_000} ms`;
      await stopChild(proc, 1000);
      throw new Error(`${name} ${why}; stderr:\n${proc.stderr()}`);
    }
    await sleep(100);
  }
  return {
    url,
    port,
    adminUrl: `http://127.0.0.1:${adminPort}`,
    process: proc.child,
    stderr: proc.stderr,
    async stop() {
      await stopChild(proc);
    },
  };
}
