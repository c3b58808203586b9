import { corsOptions, parseCorsOrigins } from './cors.options';

describe(corsOptions.name, () => {
  it('is off when no origin is listed', () => {
    expect(corsOptions({ origins: '', credentials: false, maxAgeSec: 600 })).toBeUndefined();
    expect(corsOptions({ origins: ' , ', credentials: false, maxAgeSec: 600 })).toBeUndefined();
  });

  it('allows exactly the listed origins', () => {
    expect(parseCorsOrigins(' https://a.example.com/ ,http://localhost:4200')).toEqual([
      'https://a.example.com',
      'http://localhost:4200',
    ]);
    expect(corsOptions({ origins: 'https://a.example.com', credentials: true, maxAgeSec: 60 })).toMatchObject(
      {
        origin: ['https://a.example.com'],
        credentials: true,
        maxAge: 60,
      },
    );
  });
});
