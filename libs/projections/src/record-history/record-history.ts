/**
 * A record's history (audit.md "Record history"): the original entry and every correction,
 * adverse-event update and void of the record, in log order, each with old → new per field, who,
 * when, why and under which command, and the hash of the content it left; every signature on the
 * version whose content it signed, current only while no later version changed that content.
 * Derived by replaying the participant's events through the domain's one fold.
 */
import {
  contentHash,
  ENROLLMENT_RECORD_ID,
  evolve,
  initialParticipantState,
  recordById,
  signableContent,
  type ParticipantState,
  type RecordedParticipantEvent,
  type RecordKind,
} from '../../../trial-domain/src';

export interface FieldChange {
  readonly field: string;
  readonly old: unknown;
  readonly new: unknown;
}

export interface Signer {
  readonly id: string;
  readonly role: string;
  /** The printed name (Part 11) the signer's principal carried; null when it had none (or imported). */
  readonly name: string | null;
}

export interface VersionSignature {
  readonly signer: Signer;
  readonly meaning: string;
  readonly signedAt: string;
  readonly imported: boolean;
}

export interface RecordVersion {
  readonly version: number;
  readonly type: string;
  readonly recordedAt: string;
  readonly actor: { readonly id: string; readonly role: string };
  readonly commandId: string;
  readonly reason: string | null;
  /** SHA-256 of the record's signable content once this version applied (what a signature binds). */
  readonly contentHash: string;
  readonly changes: readonly FieldChange[];
  readonly signatures: readonly VersionSignature[];
}

export interface RecordHistory {
  readonly recordId: string;
  readonly kind: RecordKind;
  readonly voided: boolean;
  readonly current: Readonly<Record<string, unknown>>;
  readonly versions: readonly RecordVersion[];
  readonly signatures: readonly (VersionSignature & { readonly version: number; readonly current: boolean })[];
  /** Signed once, and no signature is on the content as it stands: it awaits re-signature. */
  readonly awaitingSignature: boolean;
}

type Meta = RecordedParticipantEvent['metadata'] & { readonly imported?: boolean };

const ID_FIELDS = new Set(['studyId', 'participantId', 'procedureId', 'assessmentId', 'adverseEventId', 'surgeryId']);

/** Whether an event is a version of the record, and the changes it made. */
const versionOf = (
  e: RecordedParticipantEvent,
  recordId: string,
): { changes: Readonly<Record<string, unknown>> | null; entry: boolean } | undefined => {
  const d = e.data as unknown as Record<string, unknown>;
  switch (e.type) {
    case 'ParticipantEnrolled':
    case 'ParticipantScreenFailed':
      return recordId === ENROLLMENT_RECORD_ID ? { changes: null, entry: true } : undefined;
    case 'ProcedureRecorded':
    case 'AssessmentRecorded':
    case 'AdverseEventReported':
    case 'SubsequentSurgeryRecorded': {
      const id = d['procedureId'] ?? d['assessmentId'] ?? d['adverseEventId'] ?? d['surgeryId'];
      return id === recordId ? { changes: null, entry: true } : undefined;
    }
    case 'RecordCorrected':
      return e.data.recordId === recordId ? { changes: e.data.changes, entry: false } : undefined;
    case 'AdverseEventUpdated':
      return e.data.adverseEventId === recordId ? { changes: e.data.changes, entry: false } : undefined;
    case 'RecordVoided':
      return e.data.recordId === recordId ? { changes: {}, entry: false } : undefined;
    default:
      return undefined;
  }
};

const fieldsOf = (s: ParticipantState, recordId: string): Readonly<Record<string, unknown>> =>
  recordId === ENROLLMENT_RECORD_ID
    ? ((s.enrollment?.fields ?? {}) as unknown as Record<string, unknown>)
    : (recordById(s, recordId)?.fields ?? {});

/** The record's history from the participant's events in stream order, or undefined when it has none. */
export const recordHistory = (
  events: readonly RecordedParticipantEvent[],
  recordId: string,
): RecordHistory | undefined => {
  let state = initialParticipantState;
  const versions: (Omit<RecordVersion, 'signatures'> & { signatures: VersionSignature[] })[] = [];
  const signatures: (VersionSignature & { version: number })[] = [];
  for (const e of events) {
    const before = fieldsOf(state, recordId);
    state = evolve(state, e);
    if (e.type === 'RecordSigned' && e.data.recordId === recordId) {
      const version = versions.find((v) => v.contentHash === e.data.contentHash);
      const m = e.metadata as Meta;
      const signature: VersionSignature = {
        signer: {
          id: e.data.signedBy?.id ?? m.actor.id,
          role: e.data.signedBy?.role ?? m.actor.role,
          name: (e.data.signedBy as { name?: string } | undefined)?.name ?? null,
        },
        meaning: e.data.meaning,
        signedAt: m.recordedAt,
        imported: m.imported === true,
      };
      // A signature on content no version left (it cannot happen through the deciders) is kept on the latest.
      const target = version ?? versions[versions.length - 1];
      if (target !== undefined) {
        target.signatures.push(signature);
        signatures.push({ ...signature, version: target.version });
      }
      continue;
    }
    const v = versionOf(e, recordId);
    if (v === undefined) continue;
    const after = fieldsOf(state, recordId);
    const changes: FieldChange[] = v.entry
      ? Object.entries(e.data as unknown as Record<string, unknown>)
          .filter(([k]) => !ID_FIELDS.has(k))
          .map(([field, value]) => ({ field, old: null, new: value }))
      : Object.keys(v.changes ?? {}).map((field) => ({
          field,
          old: before[field] ?? null,
          new: after[field] ?? null,
        }));
    const m = e.metadata as Meta;
    versions.push({
      version: versions.length + 1,
      type: e.type,
      recordedAt: m.recordedAt,
      actor: m.actor,
      commandId: m.commandId,
      reason: 'reason' in e.data ? String(e.data.reason) : null,
      contentHash: contentHash(signableContent(state, recordId)),
      changes,
      signatures: [],
    });
  }
  if (versions.length === 0) return undefined;
  const content = signableContent(state, recordId);
  // A void changes no content: the signatures of the version before it stay current.
  const lastContent = [...versions].reverse().find((v) => v.type !== 'RecordVoided');
  const withCurrent = signatures.map((s) => ({
    ...s,
    current: lastContent !== undefined && s.version >= lastContent.version,
  }));
  return {
    recordId,
    kind: content.recordKind,
    voided: content.voided,
    current: content.fields,
    versions,
    signatures: withCurrent,
    awaitingSignature: withCurrent.length > 0 && !withCurrent.some((s) => s.current),
  };
};
