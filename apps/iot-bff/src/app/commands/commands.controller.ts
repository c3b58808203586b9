import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { Authenticated } from '@concierge/shared/feature-auth';
import { CallContext } from '@concierge/shared/feature-gateway-core';
import type { RequestContext } from '@concierge/shared/util-request-context';
import { CurrentDeviceId } from '../device/current-device.decorator';
import { CommandsService } from './commands.service';
import type { CommandAckView, PendingCommandsView } from './commands.view';

@Controller('api/v1/commands')
@Authenticated({ principal: 'device', scopes: ['devices:commands'] })
export class CommandsController {
  constructor(private readonly commands: CommandsService) {}

  /** Commands queued for the calling device and not yet acknowledged. */
  @Get()
  pending(
    @CurrentDeviceId() deviceId: string,
    @CallContext() context: RequestContext,
  ): Observable<PendingCommandsView> {
    return this.commands.pendingFor(deviceId, context);
  }

  /** Acknowledges one of the calling device's commands (404 problem+json for anyone else's). */
  @Post(':commandId/ack')
  @HttpCode(200)
  acknowledge(
    @CurrentDeviceId() deviceId: string,
    @Param('commandId') commandId: string,
    @CallContext() context: RequestContext,
  ): Observable<CommandAckView> {
    return this.commands.acknowledge(deviceId, commandId, context);
  }
}
