import { PARTICIPANT_REF_SCHEMA, RECORD_ID_FIELD, type Command, type Decide } from '../participant/command';
import { findRecord, requireParticipant } from '../participant/guards';
import type { RecordSigned } from '../participant/participant.events';
import type { ParticipantState } from '../participant/participant.state';
import { contentHash } from '../shared/canonical-json';
import { NotFound } from '../shared/errors';
import type { Schema } from '../shared/schema';
import { ENROLLMENT_RECORD_ID, SIGNATURE_MEANINGS, type RecordKind } from '../shared/vocabulary';

export type SignRecord = Command<
  'SignRecord',
  Pick<RecordSigned['data'], 'studyId' | 'participantId' | 'recordId' | 'meaning'>
>;

export const SIGN_RECORD_SCHEMA: Schema = {
  ...PARTICIPANT_REF_SCHEMA,
  recordId: RECORD_ID_FIELD,
  meaning: { rule: { kind: 'enum', values: SIGNATURE_MEANINGS } },
};

/** What a signature binds: the record's identity and its content as it stands now. */
export const signableContent = (
  s: ParticipantState,
  recordId: string,
): {
  recordId: string;
  recordKind: RecordKind;
  voided: boolean;
  fields: Readonly<Record<string, unknown>>;
} => {
  if (recordId === ENROLLMENT_RECORD_ID) {
    if (!s.enrollment)
      throw new NotFound('UNKNOWN_RECORD', 'data.recordId: the participant has no enrollment record', 'data.recordId');
    return {
      recordId,
      recordKind: 'enrollment',
      voided: false,
      fields: {
        ...s.enrollment.fields,
        outcome: s.enrollment.outcome,
        failedCriteria: s.enrollment.failedCriteria,
      },
    };
  }
  const r = findRecord(s, recordId);
  return { recordId, recordKind: r.kind, voided: r.voided, fields: r.fields };
};

/**
 * An electronic signature by the actor (21 CFR Part 11: who, when, meaning), bound to the hash
 * of the record's content: a later amendment leaves the signature on the earlier content.
 */
export const signRecord: Decide<SignRecord, RecordSigned> = (c, s, ctx) => {
  requireParticipant(s);
  const content = signableContent(s, c.data.recordId);
  return [
    {
      type: 'RecordSigned',
      data: {
        ...c.data,
        recordKind: content.recordKind,
        signedBy: ctx.actor,
        contentHash: contentHash(content),
      },
    },
  ];
};
