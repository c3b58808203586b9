import { toUsageReportDto } from './usage.mapper';

describe(toUsageReportDto.name, () => {
  it('sorts operations, drops empty classes and adds the totals up', () => {
    const sut = toUsageReportDto('2026-12-01', '2026-12-01', [
      {
        consumer: 'acme',
        day: '2026-12-01',
        operations: {
          'GET /v1/products/:id': { '2xx': 3, '4xx': 1 },
          'GET /v1/orders': { '2xx': 2, '5xx': 0 },
        },
      },
    ]);
    expect(sut).toEqual({
      from: '2026-12-01',
      to: '2026-12-01',
      total: 6,
      days: [
        {
          consumer: 'acme',
          day: '2026-12-01',
          total: 6,
          operations: [
            { operation: 'GET /v1/orders', total: 2, byStatusClass: { '2xx': 2 } },
            { operation: 'GET /v1/products/:id', total: 4, byStatusClass: { '2xx': 3, '4xx': 1 } },
          ],
        },
      ],
    });
  });
});
