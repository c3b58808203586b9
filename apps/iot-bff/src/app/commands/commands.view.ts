/** One pending command, compact: `n` name, `a` arguments, `t` when it was queued (ISO 8601). */
export interface PendingCommandView {
  id: string;
  n: string;
  a: Record<string, unknown>;
  t: string;
}

/** `GET /api/v1/commands`: the device's pending commands, oldest first. */
export interface PendingCommandsView {
  c: PendingCommandView[];
}

/** `POST /api/v1/commands/:commandId/ack`: the command and when it was (first) acknowledged. */
export interface CommandAckView {
  id: string;
  ack: string;
}
