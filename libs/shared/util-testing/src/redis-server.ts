import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Socket } from 'node:net';
import { freePort } from './free-port';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether something on 127.0.0.1:`port` answers a Redis PING within half a second. */
function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(500);
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
  });
}

/**
 * A throw-away redis-server of the test's own on 127.0.0.1 (never the shared one), which the test may
 * stop, restart on the same port, or pause (SIGSTOP: it keeps accepting connections but answers nothing,
 * as an overloaded or half-partitioned Redis does).
 */
export class OwnRedisServer {
  private child?: ChildProcess;

  constructor(
    readonly port: number,
    private readonly extraArgs: readonly string[] = [],
    private readonly cwd?: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        ...this.extraArgs,
      ],
      { stdio: 'ignore', cwd: this.cwd },
    );
    const deadline = Date.now() + 10_000;
    while (!(await redisAnswers(this.port))) {
      if (this.child.exitCode !== null)
        throw new Error(`redis-server on port ${this.port} exited with ${this.child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not start`);
      await sleep(50);
    }
  }

  /** Stops answering (the process is frozen; its sockets stay open). */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGCONT');
    child.kill('SIGKILL');
    await exited;
  }
}

/** A redis-server of a test's own, on an ephemeral port. */
export interface TestRedisServer {
  url: string;
  port: number;
  /** Kills it (SIGKILL: nothing in it is meant to survive) and resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts `redis-server` on a free loopback port with no persistence and `args` added (e.g.
 * `['--maxmemory', '4mb', '--maxmemory-policy', 'allkeys-lru']`), so a test can configure and flood it
 * without touching the shared Redis. Resolves once it answers PING (within 10 s, else rejects).
 */
export async function startRedisServer(args: string[] = []): Promise<TestRedisServer> {
  const server = new OwnRedisServer(await freePort(), args);
  try {
    await server.start();
  } catch (error) {
    await server.stop();
    throw new Error(`redis-server ${args.join(' ')} did not start on port ${server.port}`, { cause: error });
  }
  return { url: server.url, port: server.port, stop: () => server.stop() };
}

/** Polls `probe` until it returns true, for at most `timeoutMs`. */
export async function eventually(
  probe: () => Promise<boolean>,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`not so within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}
