#!/usr/bin/env node
// Recomputes the hash of every event of a participant's history, and checks each stream's chain,
// with nothing but Node: no install, no database, no code of the ledger. The canonical form is
// docs/audit/event-hash.md's.
//
//   node tools/event-hash.mjs history.json      (what `ledger history --json` or GET .../history prints)
//   ledger history --study S --participant P --json | node tools/event-hash.mjs -
//
// Prints one JSON line { ok, events, problems: [{ streamId, revision, kind, detail }] };
// exit 0 when every hash and link holds, 1 when one does not, 2 when the input cannot be read.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** JSON with every object's keys sorted (UTF-16 code-unit order), undefined members dropped. */
const canonical = (v) => {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonical(x))).join(',')}]`;
  const keys = Object.keys(v)
    .filter((k) => v[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
};

/** The hash of an event as stored: SHA-256 of the canonical JSON of its content and prevHash. */
export const eventHash = (e, prevHash) => {
  const { hash: _hash, prevHash: _prev, ...metadata } = e.metadata;
  const content = {
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    streamId: e.streamId,
    revision: String(e.revision), // revisions are hashed as decimal strings
    data: e.data,
    metadata,
    prevHash,
  };
  return createHash('sha256').update(canonical(content), 'utf8').digest('hex');
};

const main = () => {
  const file = process.argv[2];
  if (file === undefined) {
    process.stderr.write('usage: node tools/event-hash.mjs <history.json | ->\n');
    process.exit(2);
  }
  let events;
  try {
    events = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8')).events;
    if (!Array.isArray(events)) throw new Error('no "events" array');
  } catch (e) {
    process.stderr.write(`event-hash: cannot read ${file}: ${e.message}\n`);
    process.exit(2);
  }
  const problems = [];
  const last = new Map(); // streamId -> { revision, hash }
  for (const e of events) {
    const before = last.get(e.streamId) ?? { revision: -1, hash: '' };
    const where = { streamId: e.streamId, revision: e.revision };
    if (e.revision !== before.revision + 1)
      problems.push({ ...where, kind: 'revision_gap', detail: `revision ${e.revision} after ${before.revision}` });
    if (e.metadata.prevHash !== before.hash)
      problems.push({ ...where, kind: 'chain_broken', detail: 'prevHash is not the previous event\'s hash' });
    const recomputed = eventHash(e, e.metadata.prevHash);
    if (recomputed !== e.metadata.hash)
      problems.push({ ...where, kind: 'hash_mismatch', detail: `content gives ${recomputed}` });
    last.set(e.streamId, { revision: e.revision, hash: e.metadata.hash });
  }
  process.stdout.write(JSON.stringify({ ok: problems.length === 0, events: events.length, problems }) + '\n');
  process.exit(problems.length === 0 ? 0 : 1);
};

if (import.meta.url === `file://${process.argv[1]}`) main();
