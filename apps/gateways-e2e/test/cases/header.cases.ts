import { INVALID_UTF8 } from './body.cases';
import { postJson, type GatewayTarget, type HostileCase } from './case-kit';

/** Header lines that inject, fold, smuggle control characters, or are simply too many or too big. */
export function headerCases(t: GatewayTarget): HostileCase[] {
  const lines: Record<string, string[]> = {
    'bare-cr-in-value': ['X-Note: a\rInjected: 1'],
    'bare-lf-in-value': ['X-Note: a\nInjected: 1'],
    'nul-in-value': ['X-Note: a\0b'],
    'nul-in-name': ['X-No\0te: a'],
    'obs-fold': ['X-Note: a', ' folded: 1'],
    'obs-fold-tab': ['X-Note: a', '\tfolded'],
    'space-in-name': ['X Note: a'],
    'space-before-colon': ['X-Note : a'],
    'no-colon': ['NoColonHere'],
    'empty-name': [': value'],
    'paren-in-name': ['X(Note): a'],
    'unicode-name': ['X-Nöte: a'],
    'del-in-value': ['X-Note: a\x7fb'],
    'escape-in-value': ['X-Note: \x1b[31mred'],
    'request-id-injection': ['X-Request-Id: a\r\nSet-Cookie: session=stolen'],
    'request-id-huge': [`X-Request-Id: ${'r'.repeat(8000)}`],
    'request-id-spaces': ['X-Request-Id: a b c'],
    'traceparent-garbage': ['traceparent: 00-zzzz-yyyy-01', `tracestate: ${'k=v,'.repeat(2000)}`],
    'identity-headers': [
      'X-User-Id: admin',
      'X-Device-Id: dev-0002',
      'X-Principal: admin',
      'X-Scopes: admin',
    ],
    'forwarded-spoof': [
      'X-Forwarded-For: 127.0.0.1, ::1',
      'X-Real-IP: 10.0.0.1',
      'Forwarded: for=127.0.0.1;host=evil',
    ],
    'host-duplicated': ['Host: evil.example'],
    'host-with-path': ['X-Forwarded-Host: evil.example/../'],
    'authorization-duplicated': ['Authorization: Bearer x.y.z'],
    'authorization-cr': ['Authorization: Bearer a\rb'],
    'content-length-in-trailer-style': ['Content-Length : 0'],
    'expect-unknown': ['Expect: 200-ok'],
    'expect-continue': ['Expect: 100-continue'],
    'connection-hop-by-hop-auth': ['Connection: close, Authorization'],
    'accept-encoding-bomb': [`Accept-Encoding: ${'gzip;q=0.1, '.repeat(500)}`],
    'range-many': [`Range: bytes=${Array.from({ length: 500 }, (_, i) => `${i}-${i}`).join(',')}`],
    'if-none-match-huge': [
      `If-None-Match: ${Array.from({ length: 400 }, (_, i) => `"etag-${i}"`).join(', ')}`,
    ],
    'cookie-huge': [`Cookie: ${'c=1; '.repeat(2500)}`],
    'header-value-15k': [`X-Big: ${'b'.repeat(15_000)}`],
    'header-value-64k': [`X-Big: ${'b'.repeat(65_000)}`],
    'header-name-10k': [`X-${'n'.repeat(10_000)}: v`],
    '150-headers': Array.from({ length: 150 }, (_, i) => `X-H${i}: v`),
    '1000-headers': Array.from({ length: 1000 }, (_, i) => `X-H${i}: v`),
    '200-same-header': Array.from({ length: 200 }, () => 'X-Same: v'),
  };
  const body = t.wrapJson('0');
  const cases: HostileCase[] = Object.entries(lines).map(([name, extra]) => ({
    id: `headers/${name}`,
    category: 'headers',
    payload: postJson(t, body, extra),
  }));
  for (const [name, bytes] of Object.entries(INVALID_UTF8)) {
    const value = Buffer.concat([Buffer.from('X-Note: a'), Buffer.from(bytes)]).toString('latin1');
    cases.push({ id: `utf8/header-value-${name}`, category: 'utf8', payload: postJson(t, body, [value]) });
  }
  return cases;
}
