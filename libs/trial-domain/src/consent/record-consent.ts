import { dataOf } from '../participant/participant.commands';
import { checkClinicalDate } from '../participant/guards';
import type { Decide } from '../participant/participant.decider';
import type { ConsentRecorded } from '../participant/participant.events';

/**
 * Informed consent. A re-consent may not be dated before the first one: the shared rule that no
 * date precedes the participant's first consent (DATE_BEFORE_CONSENT, 422) says exactly that.
 */
export const recordConsent: Decide = (c, s, ctx) => {
  const data = dataOf<ConsentRecorded['data']>(c);
  checkClinicalDate(s, ctx, data.signedOn, 'data.signedOn');
  return [{ type: 'ConsentRecorded', data }];
};
