import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from '@concierge/shared/util-testing';

/**
 * The architecture is enforced by lint, so it is tested like behaviour: code that crosses a boundary, put
 * where a team would put it, must fail `eslint` with the module-boundaries rule — and code that respects
 * the boundaries must pass.
 */
function lint(filePath: string, code: string): { status: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    [join(workspaceRoot(), 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', filePath],
    {
      cwd: workspaceRoot(),
      input: code,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('module boundaries (lint)', () => {
  it('refuses a BFF importing another BFF’s code', () => {
    const { status, output } = lint(
      'apps/mobile-bff/src/app/home/borrowed.ts',
      "import { DashboardService } from '../../../../web-bff/src/app/dashboard/dashboard.service';\nexport const borrowed = DashboardService;\n",
    );
    expect(status).toBe(1);
    expect(output).toContain('@nx/enforce-module-boundaries');
  });

  it('refuses a util library importing NestJS', () => {
    const { status, output } = lint(
      'libs/shared/util-aggregation/src/lib/nest-in-util.ts',
      "import { Injectable } from '@nestjs/common';\nexport const decorator = Injectable;\n",
    );
    expect(status).toBe(1);
    expect(output).toContain('@nx/enforce-module-boundaries');
  });

  it('refuses the demo services importing gateway code', () => {
    const { status, output } = lint(
      'apps/demo-services/src/borrowed.ts',
      "import { AuthModule } from '@concierge/shared/feature-auth';\nexport const borrowed = AuthModule;\n",
    );
    expect(status).toBe(1);
    expect(output).toContain('@nx/enforce-module-boundaries');
  });

  it('lets a BFF use the shared libraries', () => {
    const { status, output } = lint(
      'apps/mobile-bff/src/app/home/allowed.ts',
      "import { CatalogClient } from '@concierge/shared/data-access-service-clients';\nexport const allowed = CatalogClient;\n",
    );
    expect(output).not.toContain('enforce-module-boundaries');
    expect(status).toBe(0);
  });
});
