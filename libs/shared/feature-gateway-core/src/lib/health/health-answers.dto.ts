import { ApiProperty } from '@nestjs/swagger';

// Written out with @ApiProperty: libraries are not compiled with the @nestjs/swagger plugin in every build.

/** `GET /health/live`. */
export class LiveAnswer {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status!: 'ok';
}

/** One readiness check. */
export class CheckState {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status!: 'up' | 'down';
}

/** What `/health/ready` answers while the process can serve. */
export class ReadyAnswer {
  @ApiProperty({ enum: ['ok', 'degraded'], example: 'ok' })
  status!: 'ok' | 'degraded';

  @ApiProperty({
    description: 'Every check and whether it passes.',
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/CheckState' },
    example: { config: { status: 'up' }, 'signing-keys': { status: 'up' } },
  })
  details!: Record<string, CheckState>;

  @ApiProperty({
    description: 'Checks that fail without making the process refuse traffic (e.g. Redis in fail-open mode).',
    type: [String],
    example: [],
  })
  degraded!: string[];
}
