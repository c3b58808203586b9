import { firstValueFrom } from 'rxjs';
import type { ConsumersClient } from '@concierge/shared/data-access-clients';
import type { ApiKeyVerification } from '@concierge/shared/feature-auth';

/**
 * A partner's API key as the auth library sees it: the app is the client, its scopes are the app's, and
 * its plan and status travel as claims (`plan`, `status`) for the consumer and plan guards.
 */
export async function verifyConsumerKey(
  consumers: ConsumersClient,
  key: string,
): Promise<ApiKeyVerification> {
  const answer = await firstValueFrom(consumers.verifyKey(key));
  if (!answer.valid || !answer.app) return { valid: false };
  return {
    valid: true,
    clientId: answer.app.id,
    keyId: answer.keyId,
    scopes: answer.app.scopes,
    roles: ['partner'],
    claims: { plan: answer.app.plan, status: answer.app.status },
  };
}
