import { dataOf } from '../participant/participant.commands';
import { contentHash } from '../shared/canonical-json';
import { NotFound } from '../shared/errors';
import { ENROLLMENT_RECORD_ID, type RecordKind, type SignatureMeaning } from '../shared/vocabulary';
import { findRecord, requireParticipant } from '../participant/guards';
import type { Decide } from '../participant/participant.decider';
import type { ParticipantState } from '../participant/participant.state';

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
export const signRecord: Decide = (c, s, ctx) => {
  requireParticipant(s);
  const data = dataOf<{
    studyId: string;
    participantId: string;
    recordId: string;
    meaning: SignatureMeaning;
  }>(c);
  const content = signableContent(s, data.recordId);
  return [
    {
      type: 'RecordSigned',
      data: {
        ...data,
        recordKind: content.recordKind,
        signedBy: ctx.actor,
        contentHash: contentHash(content),
      },
    },
  ];
};
