#!/usr/bin/env node
// `npm run lint`: no platform library names a service. A gateway declares the services it calls in its
// own folder; contracts and typed clients live with their services' teams (util-contracts,
// data-access-clients). A name in a platform library would be a closed list a frontend team cannot extend.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? resolve(import.meta.dirname, '..'));
const SERVICE_OWNED = new Set(['util-contracts', 'data-access-clients']);
// Only names in code: a quoted service name, a typed client, a service's URL variable. (`identity` is also
// a content coding and the word for who a caller is: the identity service is only reached as the token
// issuer, `IDENTITY_URL`, which any OIDC issuer can replace.)
const NAMES = ['users', 'catalog', 'orders', 'devices', 'consumers'];
const PATTERNS = [
  new RegExp(`(['"\`])(${NAMES.join('|')})\\1`),
  new RegExp(`\\b(${NAMES.map((n) => n[0].toUpperCase() + n.slice(1)).join('|')})Client\\b`),
  new RegExp(`\\b(${NAMES.map((n) => n.toUpperCase()).join('|')})_SERVICE_URL\\b`),
];

function* sources(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) yield path;
  }
}

const libs = join(root, 'libs/shared');
const found = [];
for (const lib of readdirSync(libs).filter((name) => !SERVICE_OWNED.has(name))) {
  const src = join(libs, lib, 'src');
  if (!statSync(src, { throwIfNoEntry: false })?.isDirectory()) continue;
  for (const file of sources(src)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        // JSDoc examples show how an app uses a library; they are not a list the library keeps.
        if (/^\s*(\/\*\*|\*|\/\/)/.test(line)) return;
        if (PATTERNS.some((pattern) => pattern.test(line)))
          found.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
      });
  }
}
if (found.length > 0) {
  process.stderr.write(
    `A platform library names a service (declare it in the gateway's folder instead):\n  ${found.join('\n  ')}\n`,
  );
  process.exit(1);
}
