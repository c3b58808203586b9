#!/usr/bin/env node
// `npm start`: the six demo services and the four gateways on one machine, no other set-up.
// Each process gets its own port; every other variable of this environment reaches all of them, so
// `REDIS_URL=… npm start` or `JWT_JWKS_URI=… npm start` configures every gateway at once.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const gateways = [
  { name: 'web-bff', port: Number(process.env.WEB_BFF_PORT ?? 3000), try: '/api/dashboard' },
  { name: 'mobile-bff', port: Number(process.env.MOBILE_BFF_PORT ?? 3001), try: '/api/home' },
  { name: 'iot-bff', port: Number(process.env.IOT_BFF_PORT ?? 3002), try: '/api/v1/config' },
  { name: 'partner-api', port: Number(process.env.PARTNER_API_PORT ?? 3003), try: '/v1/products?limit=2' },
];
const webOrigin = process.env.PUBLIC_ORIGIN ?? `http://127.0.0.1:${gateways[0].port}`;
// DEMO ONLY: browser sessions of the web gateway against the demo identity service. This client secret is
// the demo's public one and the session secret is a fixed, published value: never use either elsewhere.
const DEMO_WEB_SESSIONS = {
  OIDC_CLIENT_ID: 'web-bff',
  OIDC_CLIENT_SECRET: 'web-bff-demo-secret-not-for-production',
  SESSION_SECRET: 'DEMO-ONLY-session-secret-published-in-the-repository',
};
// DEMO partner app key (README): acme-tools on the free plan.
const PARTNER_DEMO_KEY = 'ck_acme0001.partner-demo-secret-0001';
const children = [];
let stopping = false;

function pick(env, names) {
  return Object.fromEntries(names.filter((n) => env[n]).map((n) => [n, env[n]]));
}

function run(name, env, onLine) {
  // PORT and ADMIN_PORT are each process's own; every other variable reaches all of them.
  const { PORT: _port, ADMIN_PORT: _adminPort, ...inherited } = process.env;
  const child = spawn(process.execPath, [resolve(root, 'dist/apps', name, 'main.js')], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      if (!onLine?.(line)) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`[${name}] exited (${signal ?? code}); stopping everything\n`);
      stop(1);
    }
  });
  return child;
}

function demoServices() {
  return new Promise((resolveUrls, reject) => {
    const timer = setTimeout(() => reject(new Error('demo services did not start within 20 s')), 20_000);
    // The demo identity service registers the web gateway's callback and back-channel logout at this origin.
    run('demo-services', { IDENTITY_WEB_ORIGIN: process.env.IDENTITY_WEB_ORIGIN ?? webOrigin }, (line) => {
      if (!line.startsWith('{"event":"listening"')) return false;
      clearTimeout(timer);
      resolveUrls(JSON.parse(line));
      return true;
    });
  });
}

async function ready(url, deadline = Date.now() + 60_000) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not become ready within 60 s`);
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(
    () => process.exit(code),
  );
  setTimeout(() => process.exit(code || 1), 12_000).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
// A closed terminal: the gateways take SIGHUP as "reload the routes file", so stop them here as before.
process.on('SIGHUP', () => stop(0));

try {
  // The demo services print their URLs and the variable each reaches a gateway by (from the one registry
  // in util-contracts); a variable already set in this environment wins.
  const { services, environment } = await demoServices();
  const serviceEnv = Object.fromEntries(
    Object.entries(environment).map(([variable, url]) => [variable, process.env[variable] ?? url]),
  );
  // Each gateway's admin listener (metrics, upstreams, routes, reload) on its default port: client + 6000.
  for (const gateway of gateways) gateway.adminPort = gateway.port + 6000;
  for (const gateway of gateways) {
    // The demo's session settings unless this environment sets its own (e.g. a real provider's).
    const demoSessions = {
      OIDC_ISSUER: serviceEnv.IDENTITY_URL,
      PUBLIC_ORIGIN: webOrigin,
      ...DEMO_WEB_SESSIONS,
    };
    const sessions =
      gateway.name === 'web-bff' ? { ...demoSessions, ...pick(process.env, Object.keys(demoSessions)) } : {};
    run(gateway.name, {
      ...serviceEnv,
      ...sessions,
      PORT: String(gateway.port),
      ADMIN_PORT: String(gateway.adminPort),
    });
  }
  await Promise.all(gateways.map((g) => ready(`http://127.0.0.1:${g.port}/health/ready`)));

  const rows = [
    ...Object.entries(services).map(([name, url]) => [`${name} service`, url]),
    ...gateways.map((g) => [g.name, `http://127.0.0.1:${g.port}`]),
    ...gateways.map((g) => [
      `${g.name} admin`,
      `http://127.0.0.1:${g.adminPort}  (metrics, upstreams, routes)`,
    ]),
  ];
  const identity = serviceEnv.IDENTITY_URL;
  process.stdout.write(`
Concierge is up.
${rows.map(([n, u]) => `  ${n.padEnd(18)} ${u}`).join('\n')}

Web app (browser sign-in through the web gateway's sessions; DEMO secrets): ${webOrigin}/

Demo users: alice / wonderland, bob / builder (customers), admin / admin-demo.
Demo device: dev-0001 with key dk_demo0001.iot-demo-secret-0001.
Demo partner app: acme-tools (free plan: 5/s, burst 10, 1,000 a day) with key ${PARTNER_DEMO_KEY}.

Try it:
  TOKEN=$(curl -s ${identity}/oauth/token -d grant_type=password -d username=alice -d password=wonderland | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')
  curl -s -H "Authorization: Bearer $TOKEN" http://127.0.0.1:${gateways[0].port}${gateways[0].try}
  curl -s -H "Authorization: Bearer $TOKEN" http://127.0.0.1:${gateways[1].port}${gateways[1].try}
  curl -s -H "X-Device-Key: dk_demo0001.iot-demo-secret-0001" http://127.0.0.1:${gateways[2].port}${gateways[2].try}
  curl -s -H "X-Api-Key: ${PARTNER_DEMO_KEY}" 'http://127.0.0.1:${gateways[3].port}${gateways[3].try}'
  open http://127.0.0.1:${gateways[3].port}/docs   (the partner portal: Authorize with the key)
  curl -s http://127.0.0.1:${gateways[0].adminPort}/health/upstreams   # operators: admin listener, loopback only
  curl -s http://127.0.0.1:${gateways[3].adminPort}/admin/usage        # operators: every partner app's usage today

Ctrl-C stops everything.
`);
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  stop(1);
}
