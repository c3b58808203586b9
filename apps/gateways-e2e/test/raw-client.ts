import { sendRaw } from '@concierge/shared/util-testing';

/** `GET /health/live` over a raw socket: true when the process still answers 200. */
export async function isLive(port: number): Promise<boolean> {
  const outcome = await sendRaw(
    port,
    Buffer.from('GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
    5000,
  );
  return outcome.status === 200;
}
