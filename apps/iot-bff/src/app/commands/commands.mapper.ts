import type { DeviceCommand } from '@concierge/shared/util-contracts';
import type { CommandAckView, PendingCommandsView } from './commands.view';

/** The device's pending commands, oldest first, without what the device already knows (its own id). */
export function toPendingCommandsView(commands: readonly DeviceCommand[]): PendingCommandsView {
  return {
    c: commands
      .filter((command) => command.acknowledgedAt === null)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((command) => ({ id: command.id, n: command.name, a: command.args, t: command.createdAt })),
  };
}

/** The acknowledgement the device gets back; acknowledging twice keeps the first time. */
export function toCommandAckView(command: DeviceCommand): CommandAckView {
  if (command.acknowledgedAt === null) throw new Error(`Command ${command.id} came back unacknowledged`);
  return { id: command.id, ack: command.acknowledgedAt };
}
