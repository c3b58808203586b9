import { HttpException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { problem } from '@concierge/shared/util-http';

// RFC 9110 §7.2 / RFC 3986 §3.2.2: a reg-name, IPv4 address or bracketed IPv6 literal, optional port.
const HOST = /^(?:[a-z0-9!$&'()*+,;=._~-]|%[0-9a-f]{2})+(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/i;

/** The entries of `PUBLIC_HOSTS` (`api.example.com, api.example.com:8443`), lower-case. */
export function parsePublicHosts(value: string): Set<string> {
  return new Set(
    value
      .split(',')
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean),
  );
}

function refuse(status: number, type: string, detail: string): HttpException {
  return new HttpException(problem(status, detail, { type }), status);
}

/**
 * The `Host` a request may name. A malformed one is a 400 (RFC 9112 §3.2). With an allow-list, a host it
 * does not list is a 421 Misdirected Request (RFC 9110 §15.5.20): the Host reaches upstreams as
 * `X-Forwarded-Host` and may shape what they answer (absolute links, tenant), so a client must not pick
 * it. Entries match exactly, port included, case aside. Runs in `onRequest`, before any routing work.
 */
export function installPublicHosts(fastify: FastifyInstance, publicHosts: ReadonlySet<string>): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const host = request.raw.headers.host;
    if (host === undefined) {
      done();
      return;
    }
    if (!HOST.test(host)) {
      done(refuse(400, 'bad-host', 'The Host header is not a valid host name.'));
      return;
    }
    if (publicHosts.size > 0 && !publicHosts.has(host.toLowerCase())) {
      done(refuse(421, 'misdirected-request', 'This gateway does not serve the host the request names.'));
      return;
    }
    done();
  });
}
