import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE, type ProblemDetails } from '@concierge/shared/util-http';
import type { AdminEnvironment } from '../config/admin-environment';
import { AdminEndpoints } from './admin-endpoints';
import { bearerMatches } from './admin-token';

/** The admin listener's settings (from the validated configuration). */
export const ADMIN_SETTINGS = Symbol('ADMIN_SETTINGS');

/**
 * The gateway's second listener, for operators only (`ADMIN_HOST`:`ADMIN_PORT`, loopback by default): a
 * plain Fastify server, apart from the client port's, so that nothing of the client stack (auth, limits,
 * cache, declared routes) runs there and nothing registered there can be reached from the client port.
 * When `ADMIN_TOKEN` is set every request needs it as a bearer token. Starts once the application has
 * bootstrapped (every library has registered its endpoints) and closes with it.
 */
@Injectable()
export class AdminServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AdminServer.name);
  private server?: FastifyInstance;
  private address?: string;

  constructor(
    @Inject(ADMIN_SETTINGS) private readonly settings: AdminEnvironment,
    private readonly endpoints: AdminEndpoints,
  ) {}

  /** `http://host:port` once listening (the real port when `ADMIN_PORT` is 0). */
  get url(): string {
    if (!this.address) throw new Error('the admin listener is not listening');
    return this.address;
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = Fastify({
      logger: false,
      bodyLimit: 64 * 1024,
      requestTimeout: 10_000,
      connectionTimeout: 30_000,
      return503OnClosing: true,
    });
    const token = this.settings.ADMIN_TOKEN;
    const send = (reply: FastifyReply, body: ProblemDetails, url: string) =>
      reply
        .code(body.status)
        .type(PROBLEM_CONTENT_TYPE)
        .send({ ...body, instance: url.split('?')[0] });
    if (token) {
      server.addHook('onRequest', async (request, reply) => {
        if (bearerMatches(request.headers.authorization, token)) return;
        reply.header('www-authenticate', 'Bearer realm="concierge-admin"');
        return send(
          reply,
          problem(401, 'The admin listener needs its bearer token (ADMIN_TOKEN).'),
          request.url,
        );
      });
    }
    server.addHook('onSend', async (_request, reply, payload) => {
      reply.header('cache-control', 'no-store');
      return payload;
    });
    server.setNotFoundHandler((request, reply) =>
      send(
        reply,
        problem(404, `No admin endpoint ${request.method} ${request.url.split('?')[0]}.`),
        request.url,
      ),
    );
    server.setErrorHandler((error: { statusCode?: number; message?: string }, request, reply) => {
      const status =
        error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) this.logger.error(error instanceof Error ? error : String(error));
      send(
        reply,
        problem(
          status,
          status === 500
            ? 'The admin endpoint failed; it has been logged.'
            : (error.message ?? 'Bad request.'),
        ),
        request.url,
      );
    });
    for (const endpoint of this.endpoints.list()) {
      server.route({
        method: endpoint.method,
        url: endpoint.url,
        handler: async (request, reply) => endpoint.handler(request, reply),
      });
    }
    await server.listen({ port: this.settings.ADMIN_PORT, host: this.settings.ADMIN_HOST });
    this.server = server;
    const { port } = server.server.address() as { port: number };
    const host = this.settings.ADMIN_HOST.includes(':')
      ? `[${this.settings.ADMIN_HOST}]`
      : this.settings.ADMIN_HOST;
    this.address = `http://${host}:${port}`;
    this.logger.log(`admin listener on ${this.address}${token ? ' (bearer token required)' : ''}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }
}
