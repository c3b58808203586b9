import { Injectable } from '@nestjs/common';
import { pathSegment, UpstreamClient, type CallOptions } from '@concierge/shared/data-access-service-clients';
import { UserProfile } from '@concierge/shared/util-contracts';
import { Observable, map, of } from 'rxjs';
import { idList, itemsOf } from './batch';

/** The users service. */
@Injectable()
export class UsersClient {
  /** The service this client calls: a gateway declares it under this name. */
  static readonly service = 'users';

  constructor(private readonly upstream: UpstreamClient) {}

  /** `GET /users/:id`. */
  getUser(id: string, options?: CallOptions): Observable<UserProfile> {
    return this.upstream.get(
      UsersClient.service,
      '/users/:id',
      `/users/${pathSegment(id)}`,
      undefined,
      options,
    );
  }

  /** `GET /users?ids=a,b`: one call for many users; unknown ids are simply absent. */
  getUsers(ids: readonly string[], options?: CallOptions): Observable<UserProfile[]> {
    if (ids.length === 0) return of([]);
    return this.upstream
      .get<UserProfile[] | { items: UserProfile[] }>(
        UsersClient.service,
        '/users',
        '/users',
        { ids: idList(ids) },
        options,
      )
      .pipe(map(itemsOf));
  }
}
