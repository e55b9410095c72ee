import {
  contentHash,
  foldParticipant,
  signableContent,
  type RecordedParticipantEvent,
  type RecordKind,
} from '../../../trial-domain/src';
import { EventLog } from '../testing/event-log';
import { recordHistory } from './record-history';

const eventsOf = (log: EventLog, participantId = 'P1'): RecordedParticipantEvent[] =>
  log.events.filter((e) => e.streamId.endsWith(`.${participantId}`)) as unknown as RecordedParticipantEvent[];

/** An investigator's signature on the record's content as it stands, as SignRecord binds it. */
const signNow = (log: EventLog, recordId: string, recordKind: RecordKind, meaning = 'reviewed'): EventLog =>
  log.add('RecordSigned', {
    participantId: 'P1',
    recordId,
    recordKind,
    meaning,
    signedBy: { id: 'inv-01', role: 'investigator' },
    contentHash: contentHash(signableContent(foldParticipant(eventsOf(log)), recordId)),
  });

describe('record history (audit.md)', () => {
  const assessed = () =>
    new EventLog()
      .enrolled('P1')
      .procedure('P1', 'PROC-1', '2024-01-10')
      .assessment('P1', 'A-3', 'm3', '2024-04-10', 3.4, 30);

  it('lists the original entry with every field as entered, then a correction with old → new and its reason', () => {
    const log = assessed().correct('P1', 'A-3', 'assessment', { vas: 3.1 }, 'transcription error');
    const h = recordHistory(eventsOf(log), 'A-3');
    expect(h).toMatchObject({ recordId: 'A-3', kind: 'assessment', voided: false, current: { vas: 3.1, visit: 'm3' } });
    expect(h?.versions.map((v) => [v.version, v.type, v.reason])).toEqual([
      [1, 'AssessmentRecorded', null],
      [2, 'RecordCorrected', 'transcription error'],
    ]);
    expect(h?.versions[0]?.changes).toContainEqual({ field: 'vas', old: null, new: 3.4 });
    expect(h?.versions[0]?.changes.map((c) => c.field)).not.toContain('assessmentId');
    expect(h?.versions[1]?.changes).toEqual([{ field: 'vas', old: 3.4, new: 3.1 }]);
    expect(h?.versions[0]?.contentHash).not.toBe(h?.versions[1]?.contentHash);
  });

  it('keeps a signature on the version it signed: no longer current after a correction, current again once re-signed', () => {
    const log = signNow(assessed(), 'A-3', 'assessment').correct('P1', 'A-3', 'assessment', { vas: 3.1 });
    const h = recordHistory(eventsOf(log), 'A-3');
    expect(h?.versions[0]?.signatures).toEqual([
      {
        signer: { id: 'inv-01', role: 'investigator', name: null },
        meaning: 'reviewed',
        signedAt: expect.any(String),
        imported: false,
      },
    ]);
    expect(h?.versions[1]?.signatures).toEqual([]);
    expect(h?.signatures).toEqual([expect.objectContaining({ version: 1, current: false })]);
    expect(h?.awaitingSignature).toBe(true);

    const resigned = recordHistory(eventsOf(signNow(log, 'A-3', 'assessment', 'approved')), 'A-3');
    expect(resigned?.signatures.map((s) => [s.version, s.meaning, s.current])).toEqual([
      [1, 'reviewed', false],
      [2, 'approved', true],
    ]);
    expect(resigned?.awaitingSignature).toBe(false);
  });

  it('counts a void as a version that changes no content: the signature before it stays current', () => {
    const log = signNow(assessed(), 'A-3', 'assessment').void('P1', 'A-3', 'assessment', 'wrong participant');
    const h = recordHistory(eventsOf(log), 'A-3');
    expect(h?.voided).toBe(true);
    expect(h?.versions.map((v) => [v.type, v.reason, v.changes])).toEqual([
      ['AssessmentRecorded', null, expect.any(Array)],
      ['RecordVoided', 'wrong participant', []],
    ]);
    expect(h?.signatures).toEqual([expect.objectContaining({ version: 1, current: true })]);
    expect(h?.awaitingSignature).toBe(false);
  });

  it('follows adverse-event updates and the enrollment record, and knows no record it never saw', () => {
    const log = new EventLog()
      .enrolled('P1')
      .adverseEvent('P1', 'AE-1')
      .updateAdverseEvent('P1', 'AE-1', { outcome: 'recovered', resolvedOn: '2024-02-10' })
      .correct('P1', 'enrollment', 'enrollment', { weightKg: 71 });
    const ae = recordHistory(eventsOf(log), 'AE-1');
    expect(ae?.versions.map((v) => v.type)).toEqual(['AdverseEventReported', 'AdverseEventUpdated']);
    expect(ae?.versions[1]?.changes).toEqual([
      { field: 'outcome', old: null, new: 'recovered' },
      { field: 'resolvedOn', old: null, new: '2024-02-10' },
    ]);
    const enrollment = recordHistory(eventsOf(log), 'enrollment');
    expect(enrollment?.kind).toBe('enrollment');
    expect(enrollment?.versions[1]?.changes).toEqual([{ field: 'weightKg', old: expect.any(Number), new: 71 }]);
    expect(recordHistory(eventsOf(log), 'NOPE')).toBeUndefined();
  });
});
