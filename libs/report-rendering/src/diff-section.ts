/**
 * What changed between two as-of instants (the report-diff of the CLI and the API), leaf by leaf,
 * and the events recorded in between that are responsible.
 */
import type { ReportDiff } from '../../projections/src';
import { html, type SafeHtml } from './html';

const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));

export const diffSection = (diff: ReportDiff): SafeHtml =>
  html`<section id="changes">
    <h2>Changes since ${diff.from}</h2>
    <p class="note">
      Report as of ${diff.from} compared with the report as of ${diff.to}. Due visits, survivorship and overdue reports
      also move with the as-of date itself.
    </p>
    <table class="grid listing changes">
      <caption>
        Changed figures: ${diff.changes.length}
      </caption>
      <thead>
        <tr>
          <th scope="col">Figure (JSON path)</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        ${
          diff.changes.length === 0
            ? html`<tr>
                <td colspan="3" class="empty">No change.</td>
              </tr>`
            : diff.changes.map(
                (c) =>
                  html`<tr>
                    <td class="code">${c.path}</td>
                    <td class="value">${show(c.from)}</td>
                    <td class="value">${show(c.to)}</td>
                  </tr>`,
              )
        }
      </tbody>
    </table>
    <table class="grid listing changes">
      <caption>
        Events recorded after ${diff.from} and at or before ${diff.to}: ${diff.events.length}
      </caption>
      <thead>
        <tr>
          <th scope="col">Recorded at</th>
          <th scope="col">Event</th>
          <th scope="col">Participant</th>
          <th scope="col">Record</th>
          <th scope="col">By</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        ${
          diff.events.length === 0
            ? html`<tr>
                <td colspan="6" class="empty">No event.</td>
              </tr>`
            : diff.events.map(
                (e) =>
                  html`<tr>
                    <td class="code">${e.recordedAt}</td>
                    <td>${e.type}</td>
                    <td>${e.participantId ?? ''}</td>
                    <td>${e.recordId ?? ''}</td>
                    <td>${e.actor.id} (${e.actor.role})</td>
                    <td>${e.reason ?? ''}</td>
                  </tr>`,
              )
        }
      </tbody>
    </table>
  </section>`;
