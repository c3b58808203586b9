import { Injectable } from '@nestjs/common';
import { UserProfile } from '@concierge/shared/util-contracts';
import { Observable, map, of } from 'rxjs';
import { UpstreamClient } from '../upstream.client';
import { CallOptions } from '../upstream-request';
import { idList, itemsOf } from './batch';

/** The users service. */
@Injectable()
export class UsersClient {
  constructor(private readonly upstream: UpstreamClient) {}

  /** `GET /users/:id`. */
  getUser(id: string, options?: CallOptions): Observable<UserProfile> {
    return this.upstream.get('users', '/users/:id', `/users/${encodeURIComponent(id)}`, undefined, options);
  }

  /** `GET /users?ids=a,b`: one call for many users; unknown ids are simply absent. */
  getUsers(ids: readonly string[], options?: CallOptions): Observable<UserProfile[]> {
    if (ids.length === 0) return of([]);
    return this.upstream
      .get<UserProfile[] | { items: UserProfile[] }>(
        'users',
        '/users',
        '/users',
        { ids: idList(ids) },
        options,
      )
      .pipe(map(itemsOf));
  }
}
