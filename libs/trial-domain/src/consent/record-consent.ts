import { PARTICIPANT_REF_SCHEMA, type Command, type Decide } from '../participant/command';
import { checkClinicalDate } from '../participant/guards';
import type { ConsentRecorded } from '../participant/participant.events';
import type { Schema } from '../shared/schema';

export type RecordConsent = Command<'RecordConsent', ConsentRecorded['data']>;

export const RECORD_CONSENT_SCHEMA: Schema = {
  ...PARTICIPANT_REF_SCHEMA,
  consentVersion: { rule: { kind: 'string' } },
  signedOn: { rule: { kind: 'date' } },
};

/**
 * Informed consent. A re-consent may not be dated before the first one: the shared rule that no
 * date precedes the participant's first consent (DATE_BEFORE_CONSENT, 422) says exactly that.
 */
export const recordConsent: Decide<RecordConsent, ConsentRecorded> = (c, s, ctx) => {
  checkClinicalDate(s, ctx, c.data.signedOn, 'data.signedOn');
  return [{ type: 'ConsentRecorded', data: c.data }];
};
