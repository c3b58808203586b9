import { RateLimitedLog } from './rate-limited-log';

describe(RateLimitedLog.name, () => {
  it('writes one line per topic per interval and says how many it held back', () => {
    let now = 0;
    const lines: string[] = [];
    const sut = new RateLimitedLog(10_000, () => now);
    const log = (topic: string) => sut.emit(topic, (suppressed) => lines.push(`${topic} +${suppressed}`));

    for (let i = 0; i < 5; i++) log('unknown-kid');
    log('expired');
    now = 10_000;
    log('unknown-kid');

    expect(lines).toEqual(['unknown-kid +0', 'expired +0', 'unknown-kid +4']);
  });
});
