import { Injectable } from '@nestjs/common';
import { pathSegment, UpstreamClient, type CallOptions } from '@concierge/shared/data-access-service-clients';
import { ConsumerApp, ConsumerKeyVerification } from '@concierge/shared/util-contracts';
import { Observable } from 'rxjs';

/** The consumers service: the registry of third-party (partner) apps, their plans and API keys. */
@Injectable()
export class ConsumersClient {
  /** The service this client calls: a gateway declares it under this name. */
  static readonly service = 'consumers';

  constructor(private readonly upstream: UpstreamClient) {}

  /** `GET /apps/:id`: the app, its plan and its status. */
  getApp(appId: string, options?: CallOptions): Observable<ConsumerApp> {
    return this.upstream.get(
      ConsumersClient.service,
      '/apps/:id',
      `/apps/${pathSegment(appId)}`,
      undefined,
      options,
    );
  }

  /** `POST /consumer-keys/verify` with `{ key }`: whose key it is, if it is live. Read-only, so retried. */
  verifyKey(key: string, options: CallOptions = {}): Observable<ConsumerKeyVerification> {
    return this.upstream.post(
      ConsumersClient.service,
      '/consumer-keys/verify',
      '/consumer-keys/verify',
      { key },
      {
        idempotent: true,
        ...options,
      },
    );
  }
}
