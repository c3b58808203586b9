import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { RedisConnection } from './redis-connection';

/**
 * A Redis stand-in speaking just enough RESP: it answers the handshake (CLIENT SETNAME, INFO) only after
 * `handshakeDelayMs`, as a loaded machine would, and every other command at once.
 */
async function slowHandshakeRedis(
  handshakeDelayMs: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', (data) => {
      for (const command of data.toString('latin1').split('*').slice(1)) {
        const name = command.split('\r\n')[2]?.toUpperCase();
        const reply =
          name === 'INFO'
            ? '$26\r\n# Server\r\nloading:0\r\nx:1\r\n\r\n'
            : name === 'PING'
              ? '+PONG\r\n'
              : '+OK\r\n';
        if (name === 'INFO' || name === 'CLIENT') setTimeout(() => socket.write(reply), handshakeDelayMs);
        else socket.write(reply);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe(RedisConnection.name, () => {
  it('becomes ready when the handshake takes longer than the command deadline, and then answers', async () => {
    const redis = await slowHandshakeRedis(3000);
    const sut = new RedisConnection({ name: 'slow-handshake', url: redis.url, commandTimeoutMs: 1000 });
    try {
      // The deadline is the commands' own: a slow INFO ready check must not drop and retry the connection.
      expect(await sut.waitUntilReady(10_000)).toBe(true);
      expect(await sut.ping()).toBe(true);
    } finally {
      await sut.close();
      await redis.close();
    }
  });
});
