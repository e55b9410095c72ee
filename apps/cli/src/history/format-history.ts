/** A participant's history as an auditor reads it: every event, who, as what, when, and why. */
import type { HistoryEntry } from '../../../../libs/read-model/src';

const describeData = (data: unknown): string =>
  Object.entries((data ?? {}) as Record<string, unknown>)
    .filter(([k]) => k !== 'studyId' && k !== 'participantId')
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');

export const formatHistory = (entries: readonly HistoryEntry[]): string =>
  entries
    .map((e) => {
      const m = e.metadata;
      const lines = [
        `#${e.revision} ${m.recordedAt} ${e.type} by ${m.actor.id} (${m.actor.role}) [command ${m.commandId}]${m.imported ? ` imported, stored ${m.storedAt}` : ''}`,
        `    ${describeData(e.data)}`,
      ];
      if (m.recordId !== undefined) lines.push(`    amends record: ${m.recordId}`);
      if (m.reason !== undefined) lines.push(`    reason: ${m.reason}`);
      return lines.join('\n');
    })
    .join('\n');
