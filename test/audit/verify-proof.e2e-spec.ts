import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consistencyProof, inclusionProof, publicKeyPem, rootHash, signDigest } from '../../libs/audit/src';

/**
 * tools/verify-proof.mjs, run as an auditor would: a copy of the single file in a directory of
 * its own, with nothing but Node, on files shaped as `ledger key`, `ledger digest --json` and
 * `ledger prove --json` print them (audit.md).
 */
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const eventHashes = Array.from({ length: 13 }, (_, i) => createHash('sha256').update(`event ${i}`).digest('hex'));
const leaves = eventHashes.map((h) => Buffer.from(h, 'hex'));
const ISSUED_AT = '2026-12-03T20:00:00.000000Z';

interface Result {
  status: number | null;
  out: { ok: boolean; checks: { check: string; ok: boolean; detail?: string }[]; error?: string };
}

describe('standalone verifier tools/verify-proof.mjs', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519').privateKey;
  let dir: string;
  let script: string;

  const file = (name: string, content: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return path;
  };
  const run = (...args: string[]): Result => {
    const r = spawnSync(process.execPath, [script, ...args], { cwd: dir, encoding: 'utf8' });
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    return { status: r.status, out: JSON.parse(lines[0]!) };
  };
  const failed = (r: Result): string[] => r.out.checks.filter((c) => !c.ok).map((c) => c.check);

  const digestOf = (size: number, key = privateKey) => signDigest(key, size, hex(rootHash(leaves, size)), ISSUED_AT);
  const inclusionOf = (index: number, size: number) => ({
    eventId: `evt-${index}`,
    leafIndex: index,
    treeSize: size,
    eventHash: eventHashes[index]!,
    rootHash: hex(rootHash(leaves, size)),
    path: inclusionProof(leaves, index, size).map(hex),
  });
  const consistencyOf = (m: number, n: number) => ({
    fromSize: m,
    toSize: n,
    fromRoot: hex(rootHash(leaves, m)),
    toRoot: hex(rootHash(leaves, n)),
    path: consistencyProof(leaves, m, n).map(hex),
  });
  const flipHex = (h: string, at = 0): string => h.slice(0, at) + (h[at] === '0' ? '1' : '0') + h.slice(at + 1);

  let key: string;
  let digest: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'verify-proof-'));
    script = join(dir, 'verify-proof.mjs');
    copyFileSync(join(__dirname, '../../tools/verify-proof.mjs'), script);
    key = file('public.pem', publicKeyPem(privateKey));
    digest = file('digest.json', digestOf(13));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a digest alone', () => {
    const r = run('--key', key, '--digest', digest);
    expect(r.status).toBe(0);
    expect(r.out).toEqual({
      ok: true,
      checks: [
        { check: 'digest_well_formed', ok: true },
        { check: 'digest_key_id', ok: true },
        { check: 'digest_signature', ok: true },
      ],
    });
  });

  it('accepts an inclusion proof of every event in the digest', () => {
    for (let i = 0; i < 13; i += 1) {
      const r = run('--key', key, '--digest', digest, '--inclusion', file(`inclusion-${i}.json`, inclusionOf(i, 13)));
      expect(r.status).toBe(0);
      expect(r.out.ok).toBe(true);
      expect(r.out.checks.map((c) => c.check)).toEqual([
        'digest_well_formed',
        'digest_key_id',
        'digest_signature',
        'proof_well_formed',
        'proof_matches_digest',
        'inclusion_path',
      ]);
    }
  });

  it('accepts a consistency proof from an earlier digest to a later one', () => {
    const old = file('digest-5.json', digestOf(5));
    const r = run(
      '--key',
      key,
      '--digest',
      digest,
      '--consistency',
      file('c.json', consistencyOf(5, 13)),
      '--old-digest',
      old,
    );
    expect(r.status).toBe(0);
    expect(r.out.ok).toBe(true);
    expect(r.out.checks.map((c) => c.check)).toEqual([
      'digest_well_formed',
      'digest_key_id',
      'digest_signature',
      'old_digest_well_formed',
      'old_digest_key_id',
      'old_digest_signature',
      'proof_well_formed',
      'proof_matches_digest',
      'proof_matches_old_digest',
      'consistency_path',
    ]);
    expect(run('--key', key, '--digest', digest, '--consistency', file('c8.json', consistencyOf(8, 13))).status).toBe(
      0,
    );
    expect(run('--key', key, '--digest', digest, '--consistency', file('c13.json', consistencyOf(13, 13))).status).toBe(
      0,
    );
  });

  describe('rejects, exit 1, naming the check that fails', () => {
    it('an inclusion path with one byte flipped', () => {
      const proof = inclusionOf(6, 13);
      proof.path[1] = flipHex(proof.path[1]!, 10);
      const r = run('--key', key, '--digest', digest, '--inclusion', file('bad.json', proof));
      expect(r.status).toBe(1);
      expect(r.out.ok).toBe(false);
      expect(failed(r)).toEqual(['inclusion_path']);
    });

    it.each([
      ['another event hash', { eventHash: eventHashes[7]! }],
      ['another leaf index', { leafIndex: 7 }],
      ['a path one node short', { path: inclusionProof(leaves, 6, 13).slice(1).map(hex) }],
      ['a path one node long', { path: [...inclusionProof(leaves, 6, 13).map(hex), eventHashes[0]!] }],
    ])('an inclusion proof with %s', (_name, change) => {
      const r = run(
        '--key',
        key,
        '--digest',
        digest,
        '--inclusion',
        file('bad.json', { ...inclusionOf(6, 13), ...change }),
      );
      expect(r.status).toBe(1);
      expect(failed(r)).toEqual(['inclusion_path']);
    });

    it('a valid inclusion proof for another tree than the digest signs', () => {
      const r = run('--key', key, '--digest', digest, '--inclusion', file('bad.json', inclusionOf(3, 12)));
      expect(r.status).toBe(1);
      expect(failed(r)).toEqual(['proof_matches_digest']);
    });

    it('a digest whose rootHash was changed to match a forged proof', () => {
      const forged = { ...digestOf(13), rootHash: flipHex(hex(rootHash(leaves, 13))) };
      const proof = { ...inclusionOf(2, 13), rootHash: forged.rootHash };
      const r = run('--key', key, '--digest', file('forged.json', forged), '--inclusion', file('p.json', proof));
      expect(r.status).toBe(1);
      expect(failed(r)).toEqual(['digest_signature', 'inclusion_path']);
    });

    it('a digest signed by another key', () => {
      const r = run('--key', key, '--digest', file('other.json', digestOf(13, other)));
      expect(r.status).toBe(1);
      expect(failed(r)).toEqual(['digest_key_id', 'digest_signature']);
      expect(r.out.checks.find((c) => c.check === 'digest_key_id')!.detail).toMatch(/^the key's id is [0-9a-f]{64}$/);
    });

    it.each([
      ['treeSize', { treeSize: 12 }],
      ['issuedAt', { issuedAt: '2026-12-03T20:00:00.000001Z' }],
      [
        'signature',
        {
          signature: Buffer.from(
            flipHex(Buffer.from(digestOf(13).signature, 'base64').toString('hex'), 4),
            'hex',
          ).toString('base64'),
        },
      ],
    ])('a digest with a changed %s', (_name, change) => {
      const r = run('--key', key, '--digest', file('d.json', { ...digestOf(13), ...change }));
      expect(r.status).toBe(1);
      expect(failed(r)).toEqual(['digest_signature']);
    });

    it('a digest that is not shaped as audit.md prints it', () => {
      const r = run('--key', key, '--digest', file('d.json', { ...digestOf(13), rootHash: 'ABC' }));
      expect(r.status).toBe(1);
      expect(failed(r)).toEqual(['digest_well_formed']);
    });

    it('a consistency proof with one byte flipped', () => {
      const proof = consistencyOf(5, 13);
      proof.path[0] = flipHex(proof.path[0]!, 63);
      const r = run('--key', key, '--digest', digest, '--consistency', file('bad.json', proof));
      expect(r.status).toBe(1);
      expect(failed(r)).toEqual(['consistency_path']);
    });

    it('a consistency proof from a rewritten history (another old root)', () => {
      const rewritten = [...leaves];
      rewritten[2] = createHash('sha256').update('forged').digest();
      const proof = { ...consistencyOf(5, 13), fromRoot: hex(rootHash(rewritten, 5)) };
      const old = file('digest-5.json', digestOf(5));
      const r = run('--key', key, '--digest', digest, '--consistency', file('bad.json', proof), '--old-digest', old);
      expect(r.status).toBe(1);
      expect(failed(r)).toEqual(['proof_matches_old_digest', 'consistency_path']);
    });

    it('a consistency proof with m > n or m = 0', () => {
      const swapped = { ...consistencyOf(5, 13), fromSize: 13, toSize: 5 };
      const r = run('--key', key, '--digest', digest, '--consistency', file('bad.json', swapped));
      expect(r.status).toBe(1);
      expect(failed(r)).toContain('consistency_path');
      const zero = { ...consistencyOf(5, 13), fromSize: 0, fromRoot: hex(rootHash([])) };
      expect(failed(run('--key', key, '--digest', digest, '--consistency', file('zero.json', zero)))).toEqual([
        'consistency_path',
      ]);
    });
  });

  describe('could not run, exit 2', () => {
    it.each([
      ['no arguments', []],
      ['no digest', ['--key', 'public.pem']],
      ['an unknown option', ['--key', 'public.pem', '--digest', 'digest.json', '--proof', 'x.json']],
      [
        'both proofs',
        ['--key', 'public.pem', '--digest', 'digest.json', '--inclusion', 'a.json', '--consistency', 'b.json'],
      ],
      [
        '--old-digest without --consistency',
        ['--key', 'public.pem', '--digest', 'digest.json', '--old-digest', 'digest.json'],
      ],
      ['a missing file', ['--key', 'public.pem', '--digest', 'nowhere.json']],
    ])('%s', (_name, args) => {
      const r = run(...args);
      expect(r.status).toBe(2);
      expect(r.out).toMatchObject({ ok: false, checks: [] });
      expect(r.out.error).toEqual(expect.any(String));
    });

    it('a digest file that is not JSON, a key that is not a key', () => {
      expect(run('--key', key, '--digest', file('x.json', 'not json')).status).toBe(2);
      expect(run('--key', file('k.pem', 'not a key'), '--digest', digest).status).toBe(2);
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' });
      expect(run('--key', file('ec.pem', ec.toString()), '--digest', digest).status).toBe(2);
    });
  });
});
