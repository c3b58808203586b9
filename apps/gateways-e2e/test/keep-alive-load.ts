import { connect, type Socket } from 'node:net';

/** One request of a keep-alive load: when it left, and what (if anything) came back. */
export interface SentRequest {
  connection: number;
  /** The request's bytes were in the kernel (nothing left in Node's write buffer) before `mark()` was called. */
  beforeMark: boolean;
  status?: number;
  connectionClose?: boolean;
}

export interface KeepAliveLoad {
  /** Every request sent so far, in order. */
  readonly sent: readonly SentRequest[];
  /** From now on, requests count as sent after the mark (e.g. the moment a signal was sent). */
  mark(): void;
  /** Resolves once every connection has closed (the server hung up, or after `Connection: close`). */
  closed: Promise<void>;
  stop(): void;
}

/**
 * `connections` keep-alive connections, each sending `request` again as soon as the previous answer has
 * arrived, until the server closes the connection or says `Connection: close`. Raw sockets, so exactly one
 * request is outstanding per connection and nothing is retried behind the test's back.
 */
export function keepAliveLoad(port: number, connections: number, request: string): KeepAliveLoad {
  const sent: SentRequest[] = [];
  let marked = false;
  let stopped = false;
  const sockets: Socket[] = [];
  const closed = Promise.all(
    Array.from(
      { length: connections },
      (_, connection) =>
        new Promise<void>((resolve) => {
          const socket = connect(port, '127.0.0.1');
          sockets.push(socket);
          let buffer = Buffer.alloc(0);
          let current: SentRequest | undefined;
          const send = () => {
            if (stopped || socket.destroyed) return;
            socket.write(request);
            current = { connection, beforeMark: !marked && socket.writableLength === 0 };
            sent.push(current);
          };
          socket.on('connect', send);
          socket.on('data', (chunk) => {
            buffer = Buffer.concat([buffer, chunk]);
            for (;;) {
              const end = buffer.indexOf('\r\n\r\n');
              if (end === -1) return;
              const head = buffer.subarray(0, end).toString('latin1');
              const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
              if (buffer.length < end + 4 + length) return;
              buffer = buffer.subarray(end + 4 + length);
              const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
              if (status === 100) continue;
              const close = /\r\nconnection:\s*close/i.test(head);
              if (current) Object.assign(current, { status, connectionClose: close });
              current = undefined;
              if (close) socket.end();
              else send();
            }
          });
          socket.on('error', () => undefined);
          socket.on('close', () => resolve());
        }),
    ),
  ).then(() => undefined);
  return {
    sent,
    mark: () => (marked = true),
    closed,
    stop() {
      stopped = true;
      for (const socket of sockets) socket.destroy();
    },
  };
}
