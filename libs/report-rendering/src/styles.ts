/**
 * The report's one stylesheet, inline: readable on screen, and on A4 paper with a page break
 * before each section, tables never split mid-row, and every page footed with the study, the
 * as-of instant and the page number (CSS page margin boxes, which Chromium prints).
 */
import { cssString } from './format';

export const reportCss = (footer: string): string => `
@page {
  size: A4;
  margin: 14mm 12mm 16mm 12mm;
  @bottom-left { content: ${cssString(footer)}; font: 8pt Helvetica, Arial, sans-serif; color: #555; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt Helvetica, Arial, sans-serif; color: #555; }
}
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; padding: 24px; font: 10pt/1.4 Helvetica, Arial, sans-serif; color: #111; background: #fff; }
main { max-width: 186mm; margin: 0 auto; padding: 0 1px; }
@media print { body { padding: 0; } main { max-width: none; } }
h1 { font-size: 18pt; margin: 4px 0 10px; }
h2 { font-size: 13pt; margin: 0 0 8px; padding-bottom: 4px; border-bottom: 2px solid #1f3b5b; color: #1f3b5b; break-after: avoid; }
h3 { font-size: 11pt; margin: 14px 0 6px; break-after: avoid; }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: 8pt; color: #555; }
section { margin: 0 0 28px; }
section + section { break-before: page; }
@media screen { section + section { border-top: 1px dashed #bbb; padding-top: 20px; } }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 0 0 14px; padding: 10px 12px; background: #f3f6f9; border: 1px solid #d5dde6; }
.facts dt { font-weight: bold; }
.facts dd { margin: 0; }
.mono, .key, .code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.key { display: block; font-size: 7pt; font-weight: normal; font-style: normal; color: #666; }
.key.inline { display: inline; margin-left: 8px; }
.summary { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; margin: 10px 0 16px; }
.summary div { border: 1px solid #d5dde6; padding: 6px 8px; break-inside: avoid; }
.summary b { display: block; font-size: 13pt; }
.summary span { font-size: 8.5pt; color: #444; }
.summary .alert { border-color: #b00020; color: #b00020; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 4px; font-size: 8.5pt; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-weight: bold; font-size: 9.5pt; padding: 0 0 4px; }
.table-no { color: #1f3b5b; }
th, td { border: 1px solid #c9d1da; padding: 3px 5px; vertical-align: top; }
thead th { background: #e8eef4; font-weight: bold; vertical-align: bottom; text-align: left; }
thead th.num { text-align: right; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th[scope=row] { text-align: left; font-weight: normal; }
th.sub { padding-left: 16px; }
th.label { text-align: left; }
.num { text-align: right; white-space: nowrap; }
thead th.num { white-space: normal; }
tr.group th { background: #f6f6f6; text-align: left; font-style: italic; font-weight: bold; }
tr.total td, tr.total th { font-weight: bold; }
tbody.keep { break-inside: avoid; }
td.empty { color: #666; font-style: italic; text-align: center; }
.compact { width: auto; min-width: 46%; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 0 16px; align-items: start; }
.columns table { width: 100%; }
.note { font-size: 8pt; color: #444; margin: 2px 0 12px; break-before: avoid; }
.flag { font-weight: bold; color: #fff; background: #b00020; padding: 0 4px; border-radius: 2px; white-space: nowrap; }
tr.overdue td { background: #fdecee; }
.flag.soon { background: #b35c00; }
tr.due-soon td { background: #fff4e0; }
table.detail td { font-size: 7.5pt; }
table.detail td.date { white-space: nowrap; font-size: 7pt; }
table.detail th { font-size: 7.5pt; }
svg.km { max-width: 100%; height: auto; display: block; }
.km-line { fill: none; stroke: #1f3b5b; stroke-width: 2; }
.km-censor { stroke: #1f3b5b; stroke-width: 1.2; }
.km-grid { stroke: #e3e3e3; stroke-width: 1; }
.km-axis { stroke: #555; stroke-width: 1; }
.km-mark { stroke: #b00020; stroke-width: 1; stroke-dasharray: 4 3; }
.km-label { font: 10px Helvetica, Arial, sans-serif; fill: #333; }
.km-title { font: 11px Helvetica, Arial, sans-serif; fill: #111; }
figure { margin: 0 0 14px; break-inside: avoid; }
figcaption { font-weight: bold; font-size: 9.5pt; margin-bottom: 2px; }
figure svg { max-width: 100%; height: auto; display: block; }
svg.flow { max-width: 100%; height: auto; }
.flow-box rect { fill: #f3f6f9; stroke: #1f3b5b; stroke-width: 1.2; }
.flow-box.muted rect { fill: #fafafa; stroke: #9aa5b1; stroke-dasharray: 4 3; }
.flow-title { font: bold 11px Helvetica, Arial, sans-serif; fill: #111; }
.flow-n { font: bold 12px Helvetica, Arial, sans-serif; fill: #1f3b5b; }
.flow-line { font: 10.5px Helvetica, Arial, sans-serif; fill: #333; }
.flow-arrow { stroke: #1f3b5b; stroke-width: 1.4; }
.flow-link { stroke: #9aa5b1; stroke-width: 1.2; stroke-dasharray: 4 3; }
.flow-head { fill: #1f3b5b; }
.changes td { word-break: break-word; }
.changes td.value { min-width: 6em; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 7.5pt; }
`;
