import { Injectable } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { DevicesClient } from '@concierge/shared/data-access-clients';
import type { RequestContext } from '@concierge/shared/util-request-context';
import { toCommandAckView, toPendingCommandsView } from './commands.mapper';
import type { CommandAckView, PendingCommandsView } from './commands.view';

/**
 * A device's command queue on the devices service. Every call names the device by its verified id, so a
 * command id of another device's is simply not found there (404).
 */
@Injectable()
export class CommandsService {
  constructor(private readonly devices: DevicesClient) {}

  pendingFor(deviceId: string, context: RequestContext): Observable<PendingCommandsView> {
    return this.devices.listCommands(deviceId, true, { context }).pipe(map(toPendingCommandsView));
  }

  acknowledge(deviceId: string, commandId: string, context: RequestContext): Observable<CommandAckView> {
    return this.devices.ackCommand(deviceId, commandId, { context }).pipe(map(toCommandAckView));
  }
}
