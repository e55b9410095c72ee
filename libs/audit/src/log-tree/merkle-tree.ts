import { createHash } from 'node:crypto';

/**
 * The log tree: RFC 9162 (Certificate Transparency 2.0) §2.1, the Merkle Tree Hash and its
 * inclusion and consistency proofs, on SHA-256.
 *
 * In the ledger, leaf `i` is the 32 raw bytes of the hex `hash` of the `i`-th event in commit
 * (global position) order: `Buffer.from(event.hash, 'hex')`, not the hex text. The functions
 * below take any byte strings as leaves, so the published known-answer tests (whose leaves
 * have other lengths) run against the same code.
 *
 *   MTH({})      = SHA-256()
 *   MTH({d0})    = SHA-256(0x00 || d0)
 *   MTH(D[n])    = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of two < n
 *
 * Sizes and indexes are JavaScript numbers (safe integers); shifts are done arithmetically, as
 * `>>` would truncate to 32 bits.
 */

export type Bytes = Uint8Array;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({}): the root of the empty tree, SHA-256 of no bytes. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

export const leafHash = (leaf: Bytes): Buffer => createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();

export const nodeHash = (left: Bytes, right: Bytes): Buffer =>
  createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();

/**
 * Computes a root from leaves appended one at a time, keeping only the roots of the perfect
 * subtrees on the tree's right edge (at most log2(n) + 1 hashes): the "compact range" of
 * transparency-dev/merkle. Suits a root over millions of events read as a stream.
 */
export class RootAccumulator {
  private readonly stack: { hash: Buffer; size: number }[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  append(leaf: Bytes): this {
    return this.appendLeafHash(leafHash(leaf));
  }

  appendLeafHash(hash: Buffer): this {
    let node = { hash, size: 1 };
    let top = this.stack[this.stack.length - 1];
    while (top !== undefined && top.size === node.size) {
      this.stack.pop();
      node = { hash: nodeHash(top.hash, node.hash), size: top.size * 2 };
      top = this.stack[this.stack.length - 1];
    }
    this.stack.push(node);
    this.count += 1;
    return this;
  }

  /** MTH of the leaves appended so far; folding the right edge from the right. */
  root(): Buffer {
    let root: Buffer | undefined;
    for (let i = this.stack.length - 1; i >= 0; i -= 1) {
      const node = this.stack[i]!.hash;
      root = root === undefined ? node : nodeHash(node, root);
    }
    return root ?? EMPTY_ROOT;
  }
}

/** MTH(D[start:end]). */
const subtreeHash = (leaves: readonly Bytes[], start: number, end: number): Buffer => {
  const acc = new RootAccumulator();
  for (let i = start; i < end; i += 1) acc.append(leaves[i]!);
  return acc.root();
};

/** The largest power of two strictly smaller than n (n >= 2). */
const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

const assertSize = (name: string, value: number, max: number): void => {
  if (!Number.isSafeInteger(value) || value < 0 || value > max)
    throw new RangeError(`${name} must be an integer in [0, ${max}], got ${value}`);
};

/** MTH over the first `size` leaves (default: all of them). O(size) hashes, O(log size) memory. */
export const rootHash = (leaves: readonly Bytes[], size: number = leaves.length): Buffer => {
  assertSize('size', size, leaves.length);
  return subtreeHash(leaves, 0, size);
};

/**
 * PATH(m, D[n]) of RFC 9162 §2.1.3.1: the audit path of leaf `index` in the tree of the first
 * `size` leaves, from the leaf's sibling up to the root's child.
 */
export const inclusionProof = (leaves: readonly Bytes[], index: number, size: number): Buffer[] => {
  assertSize('size', size, leaves.length);
  if (!Number.isSafeInteger(index) || index < 0 || index >= size)
    throw new RangeError(`index must be in [0, ${size}), got ${index}`);
  const path = (m: number, start: number, n: number): Buffer[] => {
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < k
      ? [...path(m, start, k), subtreeHash(leaves, start + k, start + n)]
      : [...path(m - k, start + k, n - k), subtreeHash(leaves, start, start + k)];
  };
  return path(index, 0, size);
};

/**
 * PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of RFC 9162 §2.1.4.1: proves the tree of the first
 * `m` leaves is a prefix of the tree of the first `n`. `0 < m <= n`; empty when m = n.
 */
export const consistencyProof = (leaves: readonly Bytes[], m: number, n: number): Buffer[] => {
  assertSize('n', n, leaves.length);
  if (!Number.isSafeInteger(m) || m < 1 || m > n) throw new RangeError(`m must be in [1, ${n}], got ${m}`);
  const subproof = (m: number, start: number, n: number, complete: boolean): Buffer[] => {
    if (m === n) return complete ? [] : [subtreeHash(leaves, start, start + n)];
    const k = splitPoint(n);
    return m <= k
      ? [...subproof(m, start, k, complete), subtreeHash(leaves, start + k, start + n)]
      : [...subproof(m - k, start + k, n - k, false), subtreeHash(leaves, start, start + k)];
  };
  return subproof(m, 0, n, true);
};

const sameBytes = (a: Bytes, b: Bytes): boolean => Buffer.from(a).equals(Buffer.from(b));
const isOdd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);
const isPositiveSafe = (x: number): boolean => Number.isSafeInteger(x) && x > 0;
const isPowerOfTwo = (x: number): boolean => {
  let v = x;
  while (v > 1 && v % 2 === 0) v /= 2;
  return v === 1;
};

/**
 * RFC 9162 §2.1.3.2: does `path` lead from `leafHashValue` (the leaf's hash, SHA-256(0x00 ||
 * leaf), as `leafHash` gives it) at `index` to `root` in a tree of `size` leaves?
 */
export const verifyInclusion = (
  leafHashValue: Bytes,
  index: number,
  size: number,
  path: readonly Bytes[],
  root: Bytes,
): boolean => {
  if (!isPositiveSafe(size) || !Number.isSafeInteger(index) || index < 0 || index >= size) return false;
  if (leafHashValue.length !== 32 || path.some((p) => p.length !== 32)) return false;
  let fn = index;
  let sn = size - 1;
  let r: Bytes = leafHashValue;
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
  return sn === 0 && sameBytes(r, root);
};

/** `verifyInclusion` from the leaf itself (in the ledger: the raw 32 bytes of an event's hash). */
export const verifyLeafInclusion = (
  leaf: Bytes,
  index: number,
  size: number,
  path: readonly Bytes[],
  root: Bytes,
): boolean => verifyInclusion(leafHash(leaf), index, size, path, root);

/**
 * RFC 9162 §2.1.4.2: does `path` prove the tree of size `m` with root `rootM` a prefix of the
 * tree of size `n` with root `rootN`? `0 < m <= n`; for m = n the path must be empty and the
 * roots equal.
 */
export const verifyConsistency = (
  m: number,
  n: number,
  rootM: Bytes,
  rootN: Bytes,
  path: readonly Bytes[],
): boolean => {
  if (!isPositiveSafe(m) || !isPositiveSafe(n) || m > n) return false;
  if (m === n) return path.length === 0 && sameBytes(rootM, rootN);
  if (path.length === 0 || path.some((p) => p.length !== 32)) return false;
  // A first tree that is a perfect subtree is its own first proof node.
  const nodes: readonly Bytes[] = isPowerOfTwo(m) ? [rootM, ...path] : path;
  let fn = m - 1;
  let sn = n - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Bytes = nodes[0]!;
  let sr: Bytes = nodes[0]!;
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
  return sn === 0 && sameBytes(fr, rootM) && sameBytes(sr, rootN);
};
