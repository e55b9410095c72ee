import { createHash } from 'node:crypto';
import {
  CONSISTENCY_VECTORS,
  INCLUSION_VECTORS,
  TREE_8_LEAF_INPUTS,
  TREE_8_NODE_HASHES,
  TREE_8_ROOTS,
} from './merkle-tree.known-answers';
import {
  CCTV_CONSISTENCY_INVALID,
  CCTV_CONSISTENCY_VALID,
  CCTV_INCLUSION_INVALID,
  CCTV_INCLUSION_VALID,
  CCTV_TREE,
} from './merkle-tree.cctv-vectors';
import {
  EMPTY_ROOT,
  RootAccumulator,
  consistencyProof,
  inclusionProof,
  leafHash,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
  verifyLeafInclusion,
} from './merkle-tree';

// Known answers: transparency-dev/merkle, see merkle-tree.known-answers.ts for file and commit.
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (h: string): Buffer => Buffer.from(h, 'hex');
const leaves = TREE_8_LEAF_INPUTS.map(bytes);

describe('the log tree (RFC 9162 §2.1)', () => {
  describe('Merkle Tree Hash, against testonly/constants.go', () => {
    it('the empty tree is SHA-256 of no bytes', () => {
      expect(hex(EMPTY_ROOT)).toBe(TREE_8_ROOTS[0]);
      expect(hex(rootHash([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    });

    it('hashes leaves with 0x00 and nodes with 0x01 (NodeHashes levels 0 and 1)', () => {
      expect(leaves.map((l) => hex(leafHash(l)))).toEqual(TREE_8_NODE_HASHES[0]);
      const level0 = TREE_8_NODE_HASHES[0]!.map(bytes);
      expect([0, 2, 4, 6].map((i) => hex(nodeHash(level0[i]!, level0[i + 1]!)))).toEqual(TREE_8_NODE_HASHES[1]);
      expect(hex(leafHash(Buffer.alloc(0)))).toBe(
        hex(
          createHash('sha256')
            .update(Buffer.from([0]))
            .digest(),
        ),
      );
    });

    it.each(TREE_8_ROOTS.map((root, size) => [size, root] as const))('root of the first %i leaves', (size, root) => {
      expect(hex(rootHash(leaves, size))).toBe(root);
      const acc = new RootAccumulator();
      leaves.slice(0, size).forEach((l) => acc.append(l));
      expect(acc.size).toBe(size);
      expect(hex(acc.root())).toBe(root);
    });

    it('refuses a size beyond the leaves given', () => {
      expect(() => rootHash(leaves, 9)).toThrow(RangeError);
      expect(() => rootHash(leaves, -1)).toThrow(RangeError);
    });
  });

  describe('inclusion: testdata/inclusion', () => {
    it.each(INCLUSION_VECTORS.map((v) => [v.file, v] as const))('%s', (_file, v) => {
      const ok = verifyInclusion(bytes(v.leafHash), v.leafIdx, v.treeSize, v.proof.map(bytes), bytes(v.root));
      expect(ok).toBe(!v.wantErr);
    });

    it('the happy paths are the proofs we generate', () => {
      for (const v of INCLUSION_VECTORS.filter((x) => !x.wantErr && x.treeSize === 8)) {
        expect(inclusionProof(leaves, v.leafIdx, v.treeSize).map(hex)).toEqual(v.proof);
      }
    });
  });

  describe('consistency: testdata/consistency', () => {
    it.each(CONSISTENCY_VECTORS.map((v) => [v.file, v] as const))('%s', (_file, v) => {
      const ok = verifyConsistency(v.size1, v.size2, bytes(v.root1), bytes(v.root2), v.proof.map(bytes));
      expect(ok).toBe(!v.wantErr);
    });

    it('the happy paths are the proofs we generate', () => {
      for (const v of CONSISTENCY_VECTORS.filter((x) => !x.wantErr && x.size2 === 8)) {
        expect(consistencyProof(leaves, v.size1, v.size2).map(hex)).toEqual(v.proof);
      }
    });
  });

  describe('CCTV merkle vectors (see merkle-tree.cctv-vectors.ts)', () => {
    const cctvLeaves = CCTV_TREE.map((t) => Buffer.from(t.leafData, 'utf8'));

    it('leaf hashes and the root of every prefix, sizes 1 to 16', () => {
      CCTV_TREE.forEach((t, i) => {
        expect(hex(leafHash(cctvLeaves[i]!))).toBe(t.leafHash);
        expect(hex(rootHash(cctvLeaves, i + 1))).toBe(t.rootHash);
      });
    });

    it.each(CCTV_INCLUSION_VALID.map((v) => [v.leafIndex, v.treeSize, v] as const))(
      'valid inclusion of leaf %i in a tree of %i: verifies, and is the proof we generate',
      (_i, _n, v) => {
        expect(verifyInclusion(bytes(v.leafHash), v.leafIndex, v.treeSize, v.path.map(bytes), bytes(v.rootHash))).toBe(
          true,
        );
        expect(inclusionProof(cctvLeaves, v.leafIndex, v.treeSize).map(hex)).toEqual(v.path);
      },
    );

    it.each(CCTV_INCLUSION_INVALID.map((v) => [v.comment, v.leafIndex, v.treeSize, v] as const))(
      'invalid inclusion (%s) of leaf %i in a tree of %i: refused',
      (_c, _i, _n, v) => {
        expect(verifyInclusion(bytes(v.leafHash), v.leafIndex, v.treeSize, v.path.map(bytes), bytes(v.rootHash))).toBe(
          false,
        );
      },
    );

    it.each(CCTV_CONSISTENCY_VALID.filter((v) => v.oldSize > 0).map((v) => [v.oldSize, v.newSize, v] as const))(
      'valid consistency %i -> %i: verifies, and is the proof we generate',
      (_m, _n, v) => {
        expect(verifyConsistency(v.oldSize, v.newSize, bytes(v.oldRoot), bytes(v.newRoot), v.path.map(bytes))).toBe(
          true,
        );
        expect(consistencyProof(cctvLeaves, v.oldSize, v.newSize).map(hex)).toEqual(v.path);
      },
    );

    // CCTV counts the empty tree as trivially consistent with any tree; audit.md (`0 < m <= n`)
    // and transparency-dev/merkle refuse a proof from size 0, which proves nothing.
    it.each(CCTV_CONSISTENCY_VALID.filter((v) => v.oldSize === 0).map((v) => [v.oldSize, v.newSize, v] as const))(
      'consistency %i -> %i, valid for CCTV: refused, as audit.md requires m > 0',
      (_m, _n, v) => {
        expect(verifyConsistency(v.oldSize, v.newSize, bytes(v.oldRoot), bytes(v.newRoot), v.path.map(bytes))).toBe(
          false,
        );
      },
    );

    it.each(CCTV_CONSISTENCY_INVALID.map((v, i) => [i, v.comment, v.oldSize, v.newSize, v] as const))(
      'invalid consistency #%i (%s) %i -> %i: refused',
      (_i, _c, _m, _n, v) => {
        expect(verifyConsistency(v.oldSize, v.newSize, bytes(v.oldRoot), bytes(v.newRoot), v.path.map(bytes))).toBe(
          false,
        );
      },
    );
  });

  describe('every proof of trees up to 40 leaves (32-byte leaves, as in the ledger)', () => {
    const big = Array.from({ length: 40 }, (_, i) => createHash('sha256').update(`event ${i}`).digest());
    const roots = Array.from({ length: 41 }, (_, n) => rootHash(big, n));

    it('verifies each inclusion proof, and not at a neighbouring index or size or with a changed path', () => {
      for (let n = 1; n <= 40; n += 1) {
        for (let i = 0; i < n; i += 1) {
          const path = inclusionProof(big, i, n);
          const lh = leafHash(big[i]!);
          expect(verifyInclusion(lh, i, n, path, roots[n]!)).toBe(true);
          expect(verifyLeafInclusion(big[i]!, i, n, path, roots[n]!)).toBe(true);
          expect(verifyLeafInclusion(lh, i, n, path, roots[n]!)).toBe(false);
          if (n > 1) expect(verifyInclusion(lh, (i + 1) % n, n, path, roots[n]!)).toBe(false);
          if (n < 40) expect(verifyInclusion(lh, i, n + 1, path, roots[n + 1]!)).toBe(false);
          expect(verifyInclusion(lh, i, n * 2, path, roots[n]!)).toBe(false);
          expect(verifyInclusion(lh, i, n, [...path, lh], roots[n]!)).toBe(false);
          if (path.length > 0) expect(verifyInclusion(lh, i, n, path.slice(0, -1), roots[n]!)).toBe(false);
          expect(verifyInclusion(lh, i, n, path, roots[n - 1]!)).toBe(false);
        }
      }
    });

    it('verifies each consistency proof, and not with a changed size, path or root', () => {
      for (let n = 1; n <= 40; n += 1) {
        for (let m = 1; m <= n; m += 1) {
          const path = consistencyProof(big, m, n);
          expect(verifyConsistency(m, n, roots[m]!, roots[n]!, path)).toBe(true);
          if (m < n) {
            expect(verifyConsistency(m + 1, n, roots[m]!, roots[n]!, path)).toBe(false);
            expect(verifyConsistency(m, n, roots[m]!, roots[n - 1]!, path)).toBe(false);
            expect(verifyConsistency(m, n, roots[m - 1]!, roots[n]!, path)).toBe(false);
            expect(verifyConsistency(m, n, roots[m]!, roots[n]!, path.slice(0, -1))).toBe(false);
            expect(verifyConsistency(m, n, roots[m]!, roots[n]!, [...path, roots[m]!])).toBe(false);
            expect(verifyConsistency(n, m, roots[n]!, roots[m]!, path)).toBe(false);
          }
        }
      }
    });

    it('refuses m = 0 and m > n, to prove and to verify', () => {
      expect(() => consistencyProof(big, 0, 4)).toThrow(RangeError);
      expect(() => consistencyProof(big, 5, 4)).toThrow(RangeError);
      expect(verifyConsistency(0, 4, EMPTY_ROOT, roots[4]!, [])).toBe(false);
      expect(verifyConsistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, [])).toBe(false);
      expect(verifyConsistency(5, 4, roots[5]!, roots[4]!, consistencyProof(big, 4, 5))).toBe(false);
    });

    it('refuses an index outside the tree', () => {
      expect(() => inclusionProof(big, 4, 4)).toThrow(RangeError);
      expect(() => inclusionProof(big, -1, 4)).toThrow(RangeError);
      expect(verifyInclusion(leafHash(big[0]!), 4, 4, inclusionProof(big, 0, 4), roots[4]!)).toBe(false);
      expect(verifyInclusion(leafHash(big[0]!), 0, 0, [], EMPTY_ROOT)).toBe(false);
    });
  });

  it('the streaming root equals the recursive definition of MTH, sizes 0 to 300', () => {
    // MTH written out as RFC 9162 §2.1.1 states it, independent of the code under test.
    const sha = (...parts: Uint8Array[]): Buffer => {
      const h = createHash('sha256');
      parts.forEach((p) => h.update(p));
      return h.digest();
    };
    const mth = (d: Buffer[]): Buffer => {
      if (d.length === 0) return sha();
      if (d.length === 1) return sha(Buffer.from([0]), d[0]!);
      let k = 1;
      while (k * 2 < d.length) k *= 2;
      return sha(Buffer.from([1]), mth(d.slice(0, k)), mth(d.slice(k)));
    };
    const d = Array.from({ length: 300 }, (_, i) => sha(Buffer.from(`leaf ${i}`)));
    const acc = new RootAccumulator();
    for (let n = 0; n <= 300; n += 1) {
      expect(hex(acc.root())).toBe(hex(mth(d.slice(0, n))));
      if (n < 300) acc.append(d[n]!);
    }
  });
});
