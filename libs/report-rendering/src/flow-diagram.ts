/**
 * The CONSORT-style participant flow as a static SVG: consented → enrolled → treated down the
 * main column, those who left the path beside it (screen failed, not yet decided, enrolled but
 * not treated), and the withdrawals by reason (treated or not, report.md `flow.withdrawn`).
 */
import type { Flow } from '../../projections/src';
import { html, type SafeHtml } from './html';
import { humanize } from './format';
import { WITHDRAWAL_REASON_LABELS } from './labels';

const W = 680;
const MAIN_X = 30;
const MAIN_W = 250;
const SIDE_X = 380;
const SIDE_W = 270;
const BOX_H = 50;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly title: string;
  readonly n: number;
  readonly lines?: readonly string[];
  readonly muted?: boolean;
}

const box = (b: Box): SafeHtml =>
  html`<g class="flow-box${b.muted ? ' muted' : ''}">
    <rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="4"></rect>
    <text x="${b.x + 12}" y="${b.y + 21}" class="flow-title">${b.title}</text>
    <text x="${b.x + b.w - 12}" y="${b.y + 21}" class="flow-n" text-anchor="end">n = ${b.n}</text>
    ${(b.lines ?? []).map((line, i) => html`<text x="${b.x + 12}" y="${b.y + 40 + i * 17}" class="flow-line">${line}</text>`)}
  </g>`;

const arrow = (x1: number, y1: number, x2: number, y2: number): SafeHtml =>
  html`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" class="flow-arrow" marker-end="url(#flow-head)"></line>`;

export const flowDiagram = (flow: Flow): SafeHtml => {
  const undecided = Math.max(0, flow.consented - flow.screenFailed - flow.enrolled);
  const notTreated = Math.max(0, flow.enrolled - flow.treated);
  const withdrawnTotal = Object.values(flow.withdrawn).reduce((a, b) => a + b, 0);
  const reasons = Object.entries(flow.withdrawn).map(
    ([reason, n]) => `${WITHDRAWAL_REASON_LABELS[reason] ?? humanize(reason)}: ${n}`,
  );

  const yConsented = 20;
  const yEnrolled = 140;
  const yTreated = 260;
  const sideBoxH = undecided > 0 ? 66 : BOX_H;
  const branch1 = yConsented + BOX_H + (yEnrolled - yConsented - BOX_H) / 2;
  const branch2 = yEnrolled + BOX_H + (yTreated - yEnrolled - BOX_H) / 2;
  const withdrawnH = 34 + reasons.length * 17;
  const height = Math.max(yTreated + BOX_H, yTreated + withdrawnH) + 20;
  const mainMid = MAIN_X + MAIN_W / 2;

  return html`<svg
    xmlns="http://www.w3.org/2000/svg"
    class="flow"
    width="${W}"
    height="${height}"
    viewBox="0 0 ${W} ${height}"
    role="img"
    aria-label="Participant flow"
  >
    <defs>
      <marker
        id="flow-head"
        viewBox="0 0 10 10"
        refX="9"
        refY="5"
        markerWidth="7"
        markerHeight="7"
        orient="auto-start-reverse"
      >
        <path d="M0,0 L10,5 L0,10 z" class="flow-head"></path>
      </marker>
    </defs>
    ${box({ x: MAIN_X, y: yConsented, w: MAIN_W, h: BOX_H, title: 'Consented', n: flow.consented })}
    ${arrow(mainMid, yConsented + BOX_H, mainMid, yEnrolled)} ${arrow(mainMid, branch1, SIDE_X, branch1)}
    ${box({
      x: SIDE_X,
      y: branch1 - sideBoxH / 2,
      w: SIDE_W,
      h: sideBoxH,
      title: 'Screen failed (not eligible)',
      n: flow.screenFailed,
      lines: undecided > 0 ? [`Eligibility not yet decided: ${undecided}`] : [],
      muted: flow.screenFailed === 0 && undecided === 0,
    })}
    ${box({ x: MAIN_X, y: yEnrolled, w: MAIN_W, h: BOX_H, title: 'Enrolled', n: flow.enrolled })}
    ${arrow(mainMid, yEnrolled + BOX_H, mainMid, yTreated)} ${arrow(mainMid, branch2, SIDE_X, branch2)}
    ${box({
      x: SIDE_X,
      y: branch2 - BOX_H / 2,
      w: SIDE_W,
      h: BOX_H,
      title: 'Enrolled, not (yet) treated',
      n: notTreated,
      muted: notTreated === 0,
    })}
    ${box({ x: MAIN_X, y: yTreated, w: MAIN_W, h: BOX_H, title: 'Treated (≥ 1 procedure)', n: flow.treated })}
    <line
      x1="${MAIN_X + MAIN_W}"
      y1="${yTreated + BOX_H / 2}"
      x2="${SIDE_X}"
      y2="${yTreated + BOX_H / 2}"
      class="flow-link"
    ></line>
    ${box({
      x: SIDE_X,
      y: yTreated,
      w: SIDE_W,
      h: withdrawnH,
      title: 'Withdrawn (treated or not)',
      n: withdrawnTotal,
      lines: reasons,
      muted: withdrawnTotal === 0,
    })}
  </svg>`;
};
