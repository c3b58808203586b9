import type { Server } from 'node:http';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';

const EXPECTS_CONTINUE = Symbol('expectsContinue');

type Marked = { [EXPECTS_CONTINUE]?: boolean };

/**
 * A stream of `source` that asks the client for the body (`100 Continue`) only when someone first reads
 * it: a request refused on its headers alone (401, 403, 413, 429) gets its final answer instead, and the
 * body is never sent (RFC 9110 §10.1.1).
 */
function continueOnFirstRead(source: Readable, sendContinue: () => void): Readable {
  let asked = false;
  const body: Readable = new Readable({
    read() {
      if (!asked) {
        asked = true;
        sendContinue();
      }
      source.resume();
    },
    destroy(error, callback) {
      source.destroy(error ?? undefined);
      callback(error);
    },
  });
  source.on('data', (chunk: Buffer) => {
    if (!body.push(chunk)) source.pause();
  });
  source.on('end', () => body.push(null));
  source.on('error', (error) => body.destroy(error));
  source.on('aborted', () => body.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
  source.pause();
  return body;
}

function sendContinue(reply: FastifyReply): void {
  if (!reply.raw.headersSent && !reply.raw.writableEnded) reply.raw.writeContinue();
}

/**
 * `Expect: 100-continue` handled by the gateway itself (the value is for the server the client talks to,
 * and undici refuses to send it: curl's uploads over 1 MB answered 502). Node would send `100 Continue`
 * as soon as the headers arrive, before authentication; instead the interim answer goes out when the body
 * is first read, and the header is never forwarded. Other expectations are refused with 417 by
 * `hardenServer`.
 */
export function installExpectContinue(fastify: FastifyInstance, server: Server): void {
  // With a listener, Node leaves the `100 Continue` to us and passes the request on as usual.
  server.on('checkContinue', (request, response) => server.emit('request', request, response));
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (request.headers.expect !== undefined) {
      (request.raw as Marked)[EXPECTS_CONTINUE] = true;
      delete request.headers.expect;
    }
    done();
  });
  fastify.addHook('preParsing', (request, reply, payload, done) => {
    if (!(request.raw as Marked)[EXPECTS_CONTINUE]) {
      done(null, payload);
      return;
    }
    done(
      null,
      continueOnFirstRead(payload, () => sendContinue(reply)),
    );
  });
}
