import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { LogControllerOptions } from 'fastify/types/logger';
import pino, { type Logger } from 'pino';

const INFO = pino.levels.values['info'];
const COMPLETED = 'request completed';
/** The `lastObj` of a hand-built line: one object for all, none made per request. */
const NO_FIELDS = Object.freeze({});

/** What pino reads from a destination that asks for each line's metadata (`LogDestination` does). */
interface MetadataDestination extends pino.DestinationStream {
  lastLevel: number;
  lastMsg: string;
  lastObj: object;
  lastTime: string;
  lastLogger: Logger;
}

/**
 * Fastify writes two lines per request by default ("incoming", "completed"); an access log needs one,
 * written when the answer is known, with what an operator greps for.
 *
 * A completed request's line is the line pino would write for it through the request's logger, byte for
 * byte, but put together here: its fields are four known scalars, so pino's generic work on it — making
 * the request's child logger, redacting, serialising an object key by key — was most of the access log's
 * own cost (8 % of a gateway's CPU on the public route in a profile, `bench/ab.mjs`), and none of it can
 * change the line: nothing in it is a credential the redaction could remove (the URL never was redacted).
 * An errored request's line (rare, with the error serialised) still goes through pino.
 */
export class AccessLogController extends LogController {
  private readonly time: () => string;
  private readonly timeSliceIndex: number;
  private readonly bindings: string;
  private readonly destination: MetadataDestination;
  private readonly wantsMetadata: boolean;

  constructor(
    private readonly root: Logger,
    options: LogControllerOptions,
  ) {
    super(options);
    // What pino keeps on a logger for its own lines (`pino.symbols`, there for integrations).
    const own = root as unknown as Record<symbol, unknown>;
    this.time = own[pino.symbols.timeSym] as () => string;
    this.timeSliceIndex = own[pino.symbols.timeSliceIndexSym] as number;
    this.bindings = `${own[pino.symbols.chindingsSym] as string},${JSON.stringify(this.requestIdLogLabel)}:`;
    this.destination = own[pino.symbols.streamSym] as MetadataDestination;
    this.wantsMetadata =
      (this.destination as unknown as Record<symbol, unknown>)[pino.symbols.needsMetadataGsym] === true;
  }

  override incomingRequest(): void {
    // Folded into the completion line.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    if (error) {
      const { method, url } = request;
      reply.log.error({ method, url, status: reply.statusCode, ms, err: error }, 'request errored');
    } else if (pino.levels.values[reply.log.level] <= INFO) {
      this.writeCompleted(request, reply.statusCode, ms);
    }
  }

  private writeCompleted(request: FastifyRequest, status: number, ms: number): void {
    const time = this.time();
    // The method is an HTTP token (Node's parser refuses anything else); the id and URL are escaped.
    const line =
      `{"level":"info"${time}${this.bindings}${JSON.stringify(request.id)},"method":"${request.method}",` +
      `"url":${JSON.stringify(request.url)},"status":${status},"ms":${ms},"msg":"${COMPLETED}"}\n`;
    const destination = this.destination;
    if (this.wantsMetadata) {
      destination.lastLevel = INFO;
      destination.lastMsg = COMPLETED;
      destination.lastObj = NO_FIELDS;
      destination.lastTime = time.slice(this.timeSliceIndex);
      destination.lastLogger = this.root;
    }
    destination.write(line);
  }
}
