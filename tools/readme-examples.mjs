#!/usr/bin/env node
// The libraries' README examples are code that compiles: every ```ts block of libs/*/*/README.md is
// written, as it stands, to .readme-examples/<library>/example-<n>.ts, which tsconfig.typecheck.json
// includes, so `npm run typecheck` (and `npm run lint`) fails on an example that no longer fits the API.
// A block is a whole module (its own imports); a fragment that is not meant to compile uses another
// language tag (```text). The folder is rebuilt each run and ignored by git.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = join(root, '.readme-examples');
const BLOCK = /^```ts\n([\s\S]*?)^```$/gm;

rmSync(out, { recursive: true, force: true });
let count = 0;
for (const scope of readdirSync(join(root, 'libs'))) {
  for (const library of readdirSync(join(root, 'libs', scope))) {
    const readme = join(root, 'libs', scope, library, 'README.md');
    if (!existsSync(readme)) continue;
    const blocks = [...readFileSync(readme, 'utf8').matchAll(BLOCK)].map((match) => match[1]);
    blocks.forEach((code, index) => {
      const dir = join(out, library);
      mkdirSync(dir, { recursive: true });
      // `export {}` keeps a block without imports a module of its own, so names never clash across blocks.
      const header = `// From libs/${scope}/${library}/README.md, block ${index + 1}: edit it there.\n`;
      writeFileSync(join(dir, `example-${index + 1}.ts`), `${header}${code}\nexport {};\n`);
      count += 1;
    });
  }
}
process.stdout.write(`${count} README examples written to .readme-examples/ for the type-check\n`);
