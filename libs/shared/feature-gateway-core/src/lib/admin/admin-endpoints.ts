import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** One operator endpoint of the admin listener. */
export interface AdminEndpoint {
  method: 'GET' | 'POST';
  /** e.g. `/metrics`, `/admin/routes`. */
  url: string;
  /** What it answers; a returned object is sent as JSON, a string as it is. */
  handler: (request: FastifyRequest, reply: FastifyReply) => unknown;
}

/**
 * The endpoints of the admin listener. Each library adds its own where it is used (observability its
 * `/metrics`, the routes library `/admin/routes`), in its constructor or `onModuleInit`: the listener
 * starts once the application has bootstrapped, with every endpoint known by then.
 */
@Injectable()
export class AdminEndpoints {
  private readonly endpoints = new Map<string, AdminEndpoint>();

  /** Adds `endpoint`; a second one for the same method and URL is a programming error. */
  add(endpoint: AdminEndpoint): void {
    const key = `${endpoint.method} ${endpoint.url}`;
    if (this.endpoints.has(key)) throw new Error(`admin endpoint ${key} is registered twice`);
    this.endpoints.set(key, endpoint);
  }

  list(): AdminEndpoint[] {
    return [...this.endpoints.values()];
  }
}
