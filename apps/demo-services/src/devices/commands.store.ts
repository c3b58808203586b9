import type { DeviceCommand } from '@concierge/shared/util-contracts';
import { randomUUID } from 'node:crypto';

/** Commands queued for devices; a device polls the pending ones and acknowledges each. */
export class CommandsStore {
  private readonly byDevice = new Map<string, DeviceCommand[]>();

  constructor(private readonly maxPerDevice = 1000) {}

  create(deviceId: string, name: string, args: Record<string, unknown>): DeviceCommand {
    const command: DeviceCommand = {
      id: `cmd-${randomUUID()}`,
      deviceId,
      name,
      args,
      createdAt: new Date().toISOString(),
      acknowledgedAt: null,
    };
    const list = this.byDevice.get(deviceId) ?? [];
    list.push(command);
    if (list.length > this.maxPerDevice) list.splice(0, list.length - this.maxPerDevice);
    this.byDevice.set(deviceId, list);
    return command;
  }

  list(deviceId: string, pendingOnly: boolean): DeviceCommand[] {
    const list = this.byDevice.get(deviceId) ?? [];
    return pendingOnly ? list.filter((c) => c.acknowledgedAt === null) : [...list];
  }

  /** Acknowledging twice is harmless and keeps the first time. */
  acknowledge(deviceId: string, commandId: string): DeviceCommand | undefined {
    const command = this.byDevice.get(deviceId)?.find((c) => c.id === commandId);
    if (command && command.acknowledgedAt === null) command.acknowledgedAt = new Date().toISOString();
    return command;
  }
}
