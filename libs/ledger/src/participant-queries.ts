/**
 * Reads of one participant: the current state as amended (from the synced write model) and the
 * full history in stream order, with who, when and why for every event.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '../../event-store/src';
import { participantView } from '../../projections/src/participant-view/participant-view';
import { NotFound, participantStreamId, utcDateOf } from '../../trial-domain/src';
import { CommandPipeline } from './command-pipeline';
import { EVENT_STORE } from './tokens';

export interface HistoryEntry {
  readonly type: string;
  readonly streamId: string;
  readonly revision: number;
  readonly data: unknown;
  readonly metadata: {
    readonly actor: { readonly id: string; readonly role: string };
    readonly recordedAt: string;
    readonly storedAt: string;
    readonly commandId: string;
    readonly imported?: boolean;
    readonly reason?: string;
    readonly recordId?: string;
    readonly hash: string;
  };
}

export const toHistoryEntry = (e: RecordedEvent): HistoryEntry => {
  const m = e.metadata;
  return {
    type: e.type,
    streamId: e.streamId,
    revision: Number(e.revision),
    data: e.data,
    metadata: {
      actor: m.actor,
      recordedAt: m.recordedAt,
      storedAt: m.storedAt,
      commandId: m.commandId,
      ...(m.imported && { imported: true }),
      ...(m.reason !== undefined && { reason: m.reason }),
      ...(m.recordId !== undefined && { recordId: m.recordId }),
      hash: m.hash,
    },
  };
};

@Injectable()
export class ParticipantQueries {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async currentState(studyId: string, participantId: string) {
    if (!(await this.pipeline.study(studyId)))
      throw new NotFound('UNKNOWN_STUDY', `unknown study ${studyId}`, 'studyId');
    const head = await this.pipeline.participant(studyId, participantId);
    if (head.revision === undefined || head.state.consentedOn === null)
      throw new NotFound('UNKNOWN_PARTICIPANT', `unknown participant ${participantId}`, 'participantId');
    return participantView(head.state, Number(head.revision), utcDateOf(new Date().toISOString()));
  }

  async history(studyId: string, participantId: string): Promise<{ events: HistoryEntry[] }> {
    const events = await this.store.readStream(participantStreamId(studyId, participantId));
    if (events.length === 0) {
      if (!(await this.pipeline.study(studyId)))
        throw new NotFound('UNKNOWN_STUDY', `unknown study ${studyId}`, 'studyId');
      throw new NotFound('UNKNOWN_PARTICIPANT', `unknown participant ${participantId}`, 'participantId');
    }
    return { events: events.map(toHistoryEntry) };
  }
}
