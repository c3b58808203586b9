/** One pending command, compact: `n` name, `a` arguments, `t` when it was queued (ISO 8601). */
export class PendingCommandView {
  /** @example "cmd-0001" */
  id!: string;
  /** @example "reboot" */
  n!: string;
  /** @example {"delaySec": 5} */
  a!: Record<string, unknown>;
  /** @example "2026-12-01T10:00:00.000Z" */
  t!: string;
}

/** `GET /api/v1/commands`: the device's pending commands, oldest first. */
export class PendingCommandsView {
  c!: PendingCommandView[];
}

/** `POST /api/v1/commands/:commandId/ack`: the command and when it was (first) acknowledged. */
export class CommandAckView {
  /** @example "cmd-0001" */
  id!: string;
  /** @example "2026-12-01T10:00:05.000Z" */
  ack!: string;
}
