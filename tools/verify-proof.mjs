#!/usr/bin/env node
// Trial Ledger: standalone verifier of a signed digest and an inclusion or consistency proof.
//
// Needs only Node (>= 18): no install, no database, nothing else from the repository. Copy this
// one file to the auditor's machine and run
//
//   node verify-proof.mjs --key public.pem --digest digest.json
//        [--inclusion proof.json | --consistency proof.json [--old-digest d0.json]]
//
// public.pem    the ledger's public key as `ledger key` prints it (SPKI PEM, Ed25519)
// digest.json   one digest as `ledger digest --json` prints it:
//               { treeSize, rootHash, issuedAt, keyId, signature }
// --inclusion   a proof from `ledger prove --event <id> --json`:
//               { eventId, leafIndex, treeSize, eventHash, rootHash, path }
//               checked against the digest: same treeSize and rootHash, and the path leads from
//               the event's hash at leafIndex to rootHash.
// --consistency a proof from `ledger prove --from-size m --json`:
//               { fromSize, toSize, fromRoot, toRoot, path }
//               checked against the digest (toSize, toRoot) and, with --old-digest, against an
//               earlier digest too (fromSize, fromRoot, and its own signature).
//
// Prints one JSON line { "ok": bool, "checks": [ { "check", "ok", "detail"? } ] }.
// Exit 0 when every check holds, 1 when one does not, 2 when it could not run (bad usage, a file
// missing or not JSON, a key that is not an Ed25519 public key).
//
// The tree is RFC 9162 §2.1 (SHA-256): leaf i is the 32 raw bytes of the i-th event's hash in
// commit order, hashed as SHA-256(0x00 || leaf); a node is SHA-256(0x01 || left || right).
// Signed bytes (Ed25519, RFC 8032): "trial-ledger-digest:v1\n<treeSize>\n<rootHash>\n<issuedAt>".
// keyId: hex SHA-256 of the raw 32-byte public key.

import { Buffer } from 'node:buffer';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import process from 'node:process';

const USAGE =
  'usage: node verify-proof.mjs --key public.pem --digest digest.json ' +
  '[--inclusion proof.json | --consistency proof.json [--old-digest d0.json]]';

// ---- RFC 9162 §2.1 verification (a copy of libs/audit/src/log-tree/merkle-tree.ts) ----------

const sha256 = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const leafHash = (leaf) => sha256(Buffer.from([0x00]), leaf);
const nodeHash = (left, right) => sha256(Buffer.from([0x01]), left, right);
const isOdd = (x) => x % 2 === 1;
const half = (x) => Math.floor(x / 2);
const isPowerOfTwo = (x) => {
  let v = x;
  while (v > 1 && v % 2 === 0) v /= 2;
  return v === 1;
};

// §2.1.3.2: does `path` lead from the leaf hash at `index` to `root` in a tree of `size` leaves?
function verifyInclusion(hash, index, size, path, root) {
  if (!(Number.isSafeInteger(size) && size > 0 && Number.isSafeInteger(index) && index >= 0 && index < size))
    return false;
  let fn = index;
  let sn = size - 1;
  let r = hash;
  for (const p of path) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

// §2.1.4.2: is the tree (m, rootM) a prefix of the tree (n, rootN)? 0 < m <= n.
function verifyConsistency(m, n, rootM, rootN, path) {
  if (!(Number.isSafeInteger(m) && Number.isSafeInteger(n) && m > 0 && m <= n)) return false;
  if (m === n) return path.length === 0 && rootM.equals(rootN);
  if (path.length === 0) return false;
  const nodes = isPowerOfTwo(m) ? [rootM, ...path] : path;
  let fn = m - 1;
  let sn = n - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = nodes[0];
  let sr = nodes[0];
  for (const c of nodes.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(rootM) && sr.equals(rootN);
}

// ---- input -------------------------------------------------------------------------------------

class UsageError extends Error {}

function parseArgs(argv) {
  const known = new Set(['--key', '--digest', '--inclusion', '--consistency', '--old-digest']);
  const args = {};
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i];
    if (name === '--help' || name === '-h') throw new UsageError('help');
    if (!known.has(name)) throw new UsageError(`unknown argument ${name}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a file`);
    if (args[name] !== undefined) throw new UsageError(`${name} given twice`);
    args[name] = value;
    i += 1;
  }
  if (!args['--key'] || !args['--digest']) throw new UsageError('--key and --digest are required');
  if (args['--inclusion'] && args['--consistency']) throw new UsageError('give --inclusion or --consistency, not both');
  if (args['--old-digest'] && !args['--consistency']) throw new UsageError('--old-digest goes with --consistency');
  return args;
}

function readText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error.code ?? error.message}`);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readText(file));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file} is not JSON`);
  }
}

function readPublicKey(file) {
  let key;
  try {
    key = createPublicKey(readText(file));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file} is not a public key in PEM`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new UsageError(`${file} is not an Ed25519 key`);
  return key;
}

const HASH = /^[0-9a-f]{64}$/;
const ISSUED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSize = (v) => Number.isSafeInteger(v) && v >= 0;
const isHash = (v) => typeof v === 'string' && HASH.test(v);
const isPath = (v) => Array.isArray(v) && v.every(isHash);
const bytes = (hex) => Buffer.from(hex, 'hex');

// ---- checks ------------------------------------------------------------------------------------

function checkDigest(checks, label, key, digest) {
  const wellFormed =
    isObject(digest) &&
    isSize(digest.treeSize) &&
    isHash(digest.rootHash) &&
    typeof digest.issuedAt === 'string' &&
    ISSUED_AT.test(digest.issuedAt) &&
    typeof digest.keyId === 'string' &&
    typeof digest.signature === 'string' &&
    BASE64.test(digest.signature);
  checks.push({ check: `${label}_well_formed`, ok: wellFormed });
  if (!wellFormed) return false;

  const raw = key.export({ type: 'spki', format: 'der' }).subarray(-32);
  const keyId = sha256(raw).toString('hex');
  const keyOk = digest.keyId === keyId;
  checks.push({ check: `${label}_key_id`, ok: keyOk, ...(keyOk ? {} : { detail: `the key's id is ${keyId}` }) });

  const message = Buffer.from(
    `trial-ledger-digest:v1\n${digest.treeSize}\n${digest.rootHash}\n${digest.issuedAt}`,
    'utf8',
  );
  const signature = Buffer.from(digest.signature, 'base64');
  const signatureOk = signature.length === 64 && verify(null, message, key, signature);
  checks.push({ check: `${label}_signature`, ok: signatureOk });
  return keyOk && signatureOk;
}

function checkInclusion(checks, digest, proof) {
  const wellFormed =
    isObject(proof) &&
    isSize(proof.leafIndex) &&
    isSize(proof.treeSize) &&
    isHash(proof.eventHash) &&
    isHash(proof.rootHash) &&
    isPath(proof.path);
  checks.push({ check: 'proof_well_formed', ok: wellFormed });
  if (!wellFormed) return;
  const matches = isObject(digest) && proof.treeSize === digest.treeSize && proof.rootHash === digest.rootHash;
  checks.push({
    check: 'proof_matches_digest',
    ok: matches,
    ...(matches ? {} : { detail: 'the proof is for another tree than the digest signs (treeSize or rootHash differ)' }),
  });
  const pathOk = verifyInclusion(
    leafHash(bytes(proof.eventHash)),
    proof.leafIndex,
    proof.treeSize,
    proof.path.map(bytes),
    bytes(proof.rootHash),
  );
  checks.push({ check: 'inclusion_path', ok: pathOk });
}

function checkConsistency(checks, digest, proof, oldDigest) {
  const wellFormed =
    isObject(proof) &&
    isSize(proof.fromSize) &&
    isSize(proof.toSize) &&
    isHash(proof.fromRoot) &&
    isHash(proof.toRoot) &&
    isPath(proof.path);
  checks.push({ check: 'proof_well_formed', ok: wellFormed });
  if (!wellFormed) return;
  const matches = isObject(digest) && proof.toSize === digest.treeSize && proof.toRoot === digest.rootHash;
  checks.push({
    check: 'proof_matches_digest',
    ok: matches,
    ...(matches ? {} : { detail: 'toSize or toRoot differ from the digest' }),
  });
  if (oldDigest !== undefined) {
    const oldMatches =
      isObject(oldDigest) && proof.fromSize === oldDigest.treeSize && proof.fromRoot === oldDigest.rootHash;
    checks.push({
      check: 'proof_matches_old_digest',
      ok: oldMatches,
      ...(oldMatches ? {} : { detail: 'fromSize or fromRoot differ from the old digest' }),
    });
  }
  const pathOk = verifyConsistency(
    proof.fromSize,
    proof.toSize,
    bytes(proof.fromRoot),
    bytes(proof.toRoot),
    proof.path.map(bytes),
  );
  checks.push({ check: 'consistency_path', ok: pathOk });
}

function main(argv) {
  let args;
  let key;
  let digest;
  let proof;
  let oldDigest;
  try {
    args = parseArgs(argv);
    key = readPublicKey(args['--key']);
    digest = readJson(args['--digest']);
    const proofFile = args['--inclusion'] ?? args['--consistency'];
    if (proofFile) proof = readJson(proofFile);
    if (args['--old-digest']) oldDigest = readJson(args['--old-digest']);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stdout.write(`${JSON.stringify({ ok: false, checks: [], error: error.message })}\n`);
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }

  const checks = [];
  checkDigest(checks, 'digest', key, digest);
  if (oldDigest !== undefined) checkDigest(checks, 'old_digest', key, oldDigest);
  if (args['--inclusion']) checkInclusion(checks, digest, proof);
  if (args['--consistency']) checkConsistency(checks, digest, proof, oldDigest);
  const ok = checks.every((c) => c.ok);
  process.stdout.write(`${JSON.stringify({ ok, checks })}\n`);
  return ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
