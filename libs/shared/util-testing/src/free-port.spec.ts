import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FREE_PORT_RANGE, PortReserver, freePort } from './free-port';

describe('freePort', () => {
  it('hands out ports below the kernel ephemeral range, so no outgoing connection can hold one when a child listens on it', async () => {
    const [ephemeralFrom] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    expect(FREE_PORT_RANGE.to).toBeLessThanOrEqual(ephemeralFrom);
    const port = await freePort();
    expect(port).toBeGreaterThanOrEqual(FREE_PORT_RANGE.from);
    expect(port).toBeLessThan(FREE_PORT_RANGE.to);
  });
});

describe('PortReserver', () => {
  let directory: string;
  let port: number;
  /** A range of one port, reserved for this test by the shared reserver, so nothing else binds it. */
  let onlyPort: { from: number; to: number };

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'port-reserver-'));
    port = await freePort();
    onlyPort = { from: port, to: port + 1 };
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('never gives two processes the same port: the second finds it reserved', async () => {
    const first = new PortReserver(directory, onlyPort);
    const second = new PortReserver(directory, onlyPort);
    await expect(first.next()).resolves.toBe(port);
    await expect(second.next()).rejects.toThrow(/no free port/);
  });

  it('does not hand out a port a live process reserved', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(join(directory, String(port)), String(other.pid));
      await expect(new PortReserver(directory, onlyPort).next()).rejects.toThrow(/no free port/);
    } finally {
      other.kill();
    }
  });

  it('takes over a reservation left by a process that died', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(directory, String(port)), String(dead));
    await expect(new PortReserver(directory, onlyPort).next()).resolves.toBe(port);
    expect(readFileSync(join(directory, String(port)), 'utf8')).toBe(String(process.pid));
  });

  it('skips a port something already listens on, reserved or not', async () => {
    const listener = createServer();
    await new Promise<void>((resolve) => listener.listen(port, '127.0.0.1', resolve));
    try {
      await expect(new PortReserver(directory, onlyPort).next()).rejects.toThrow(/no free port/);
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });
});
