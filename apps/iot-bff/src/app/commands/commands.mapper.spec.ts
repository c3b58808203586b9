import type { DeviceCommand } from '@concierge/shared/util-contracts';
import { toCommandAckView, toPendingCommandsView } from './commands.mapper';

const command = (id: string, createdAt: string, acknowledgedAt: string | null = null): DeviceCommand => ({
  id,
  deviceId: 'dev-0001',
  name: 'reboot',
  args: { delaySec: 5 },
  createdAt,
  acknowledgedAt,
});

describe(toPendingCommandsView.name, () => {
  it('lists pending commands oldest first with short keys and without the device id', () => {
    const sut = toPendingCommandsView([
      command('cmd-2', '2025-01-02T00:00:00.000Z'),
      command('cmd-1', '2025-01-01T00:00:00.000Z'),
    ]);
    expect(sut).toEqual({
      c: [
        { id: 'cmd-1', n: 'reboot', a: { delaySec: 5 }, t: '2025-01-01T00:00:00.000Z' },
        { id: 'cmd-2', n: 'reboot', a: { delaySec: 5 }, t: '2025-01-02T00:00:00.000Z' },
      ],
    });
  });

  it('drops commands already acknowledged', () => {
    const sut = toPendingCommandsView([
      command('cmd-1', '2025-01-01T00:00:00.000Z', '2025-01-01T00:01:00.000Z'),
    ]);
    expect(sut.c).toEqual([]);
  });
});

describe(toCommandAckView.name, () => {
  it('answers the command id and when it was acknowledged', () => {
    const sut = toCommandAckView(command('cmd-1', '2025-01-01T00:00:00.000Z', '2025-01-01T00:01:00.000Z'));
    expect(sut).toEqual({ id: 'cmd-1', ack: '2025-01-01T00:01:00.000Z' });
  });

  it('refuses an answer that is not an acknowledgement', () => {
    expect(() => toCommandAckView(command('cmd-1', '2025-01-01T00:00:00.000Z'))).toThrow(/unacknowledged/);
  });
});
