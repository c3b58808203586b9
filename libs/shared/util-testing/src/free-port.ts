import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Ports handed out lie below the kernel's ephemeral range (Linux: 32768–60999), which `listen(0)` and
 * every outgoing connection draw from. A port taken from that range and given to a child seconds later
 * could meanwhile become the source port of some connection (a browser's, a Redis client's) and the
 * child's listen fail with EADDRINUSE; below it, only another reserver could pick it, and the reservation
 * files keep those apart.
 */
export const FREE_PORT_RANGE = { from: 20_000, to: 32_000 } as const;

/** How long a process taking over a dead process's reservation waits before checking it won. */
const TAKEOVER_SETTLE_MS = 20;

/**
 * Hands out TCP ports free on 127.0.0.1, each reserved for this process by a file named after the port in
 * `directory`: every process reserving through the same directory gets different ports. A reservation
 * lasts as long as the process that made it (no exit hook: Jest's sandboxed `process` never fires one);
 * the next reserver to meet it after that process is gone takes it over.
 */
export class PortReserver {
  constructor(
    private readonly directory: string,
    private readonly range: { from: number; to: number } = FREE_PORT_RANGE,
  ) {}

  async next(): Promise<number> {
    mkdirSync(this.directory, { recursive: true });
    const span = this.range.to - this.range.from;
    const start = Math.floor(Math.random() * span);
    for (let i = 0; i < span; i++) {
      const port = this.range.from + ((start + i) % span);
      if (!(await this.reserve(port))) continue;
      if (await canListen(port)) return port;
      this.release(port);
    }
    throw new Error(`no free port in ${this.range.from}–${this.range.to}`);
  }

  /**
   * Claims `port` with a file naming this process. A file left by a process that is gone is taken over
   * by renaming a file of ours onto it; two processes taking the same one over at once both rename, so
   * each checks a moment later whose name the file holds, and only that one keeps the port.
   */
  private async reserve(port: number): Promise<boolean> {
    const file = this.fileOf(port);
    const mine = String(process.pid);
    try {
      writeFileSync(file, mine, { flag: 'wx' });
    } catch {
      if (isAlive(Number(readQuietly(file)))) return false;
      const claim = `${file}.${mine}`;
      writeFileSync(claim, mine);
      renameSync(claim, file);
      await sleep(TAKEOVER_SETTLE_MS);
      if (readQuietly(file) !== mine) return false;
    }
    return true;
  }

  private release(port: number): void {
    const file = this.fileOf(port);
    if (readQuietly(file) !== String(process.pid)) return;
    try {
      unlinkSync(file);
    } catch {
      // Already gone: nothing to release.
    }
  }

  private fileOf(port: number): string {
    return join(this.directory, String(port));
  }
}

const testPorts = new PortReserver(join(tmpdir(), 'concierge-test-ports'));

/**
 * A TCP port free on 127.0.0.1 and kept for this process while it lives: no other test process (parallel
 * Jest workers, other suites) is given it, and the kernel gives it to no connection. Prefer port 0 when
 * the program under test can report the port it got.
 */
export function freePort(): Promise<number> {
  return testPorts.next();
}

function readQuietly(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
