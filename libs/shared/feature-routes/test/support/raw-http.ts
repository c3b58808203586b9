import { connect } from 'node:net';

/** Sends bytes as they are over a fresh socket and returns everything the server answered. */
export function rawRequest(port: number, payload: string, waitMs = 1500): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.write(payload);
  });
}

/** The status code of the first response in `raw`, or 0 when none came. */
export function statusOf(raw: string): number {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(raw);
  return match ? Number(match[1]) : 0;
}
