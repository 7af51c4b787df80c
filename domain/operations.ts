import type { TConvention } from './convention';
import { refusal, type Refusal } from './refusals';
import { isAdmin } from './roles';

// What admins do to a convention's workflow rather than to the convention itself (README,
// "Changing workflow code"): it changes no decision, so nothing of it goes to the register.

/** An admin's request that the convention's workflow continue as new now. */
export interface ContinueAsNewRequest {
  as: string;
}

/** Why this request is refused, if it is: only the convention's admins may make it. */
export function continueAsNewRefusal(convention: TConvention, request: unknown): Refusal | undefined {
  const as = (request as Partial<ContinueAsNewRequest> | undefined)?.as;
  const actor = typeof as === 'string' ? as : String(as);
  return typeof as === 'string' && isAdmin(convention, as)
    ? undefined
    : refusal('NotAllowed', 'not-admin', { actor, act: 'continue-as-new' });
}
