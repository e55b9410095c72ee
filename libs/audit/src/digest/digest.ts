import { KeyObject, createHash, createPublicKey, sign, verify } from 'node:crypto';

/**
 * A digest: the ledger's signed statement of its log tree at one size (audit.md, "Digest").
 * The signature is Ed25519 (RFC 8032) over the UTF-8 bytes of
 *
 *   trial-ledger-digest:v1\n<treeSize>\n<rootHash>\n<issuedAt>
 *
 * (three `\n`, no trailing one); `keyId` is the hex SHA-256 of the raw 32-byte public key.
 */
export interface Digest {
  readonly treeSize: number;
  /** Lower-case hex of the tree's root (MTH of the first `treeSize` event hashes). */
  readonly rootHash: string;
  /** `YYYY-MM-DDThh:mm:ss.ffffffZ`, UTC with microseconds. */
  readonly issuedAt: string;
  readonly keyId: string;
  /** Base64 of the 64-byte Ed25519 signature. */
  readonly signature: string;
}

export const DIGEST_DOMAIN = 'trial-ledger-digest:v1';

const ROOT_HASH = /^[0-9a-f]{64}$/;
const ISSUED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const KEY_ID = /^[0-9a-f]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Why a digest's fields cannot be signed or checked; names the first field at fault. */
export class MalformedDigest extends Error {
  readonly code = 'DIGEST_MALFORMED';
  constructor(readonly field: string) {
    super(`digest field ${field} is malformed`);
  }
}

const assertStatement = (treeSize: number, rootHash: string, issuedAt: string): void => {
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) throw new MalformedDigest('treeSize');
  if (typeof rootHash !== 'string' || !ROOT_HASH.test(rootHash)) throw new MalformedDigest('rootHash');
  if (typeof issuedAt !== 'string' || !ISSUED_AT.test(issuedAt)) throw new MalformedDigest('issuedAt');
};

/** The exact bytes that are signed. */
export const digestMessage = (treeSize: number, rootHash: string, issuedAt: string): Buffer => {
  assertStatement(treeSize, rootHash, issuedAt);
  return Buffer.from(`${DIGEST_DOMAIN}\n${treeSize}\n${rootHash}\n${issuedAt}`, 'utf8');
};

const asEd25519PublicKey = (key: KeyObject | string): KeyObject => {
  const publicKey = typeof key !== 'string' && key.type === 'public' ? key : createPublicKey(key);
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new TypeError('the ledger signs with an Ed25519 key');
  return publicKey;
};

/** The raw 32-byte Ed25519 public key: the last 32 bytes of its SPKI DER encoding. */
export const rawPublicKey = (key: KeyObject | string): Buffer => {
  const der = asEd25519PublicKey(key).export({ type: 'spki', format: 'der' });
  return der.subarray(der.length - 32);
};

/** Hex SHA-256 of the raw public key. Accepts the private key too (its public half is used). */
export const keyIdOf = (key: KeyObject | string): string =>
  createHash('sha256').update(rawPublicKey(key)).digest('hex');

/** The public key as SPKI PEM (`-----BEGIN PUBLIC KEY-----`), as `ledger key` prints it. */
export const publicKeyPem = (key: KeyObject | string): string =>
  asEd25519PublicKey(key).export({ type: 'spki', format: 'pem' }).toString();

export const signDigest = (privateKey: KeyObject, treeSize: number, rootHash: string, issuedAt: string): Digest => {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519')
    throw new TypeError('the ledger signs with an Ed25519 private key');
  const signature = sign(null, digestMessage(treeSize, rootHash, issuedAt), privateKey).toString('base64');
  return { treeSize, rootHash, issuedAt, keyId: keyIdOf(privateKey), signature };
};

/**
 * Is `digest` well formed, issued under `publicKey` (its `keyId` matches) and validly signed?
 * Never throws on a bad digest; throws only when the key itself is not an Ed25519 public key.
 */
export const verifyDigest = (publicKey: KeyObject | string, digest: unknown): boolean => {
  const keyId = keyIdOf(publicKey);
  if (typeof digest !== 'object' || digest === null) return false;
  const d = digest as Partial<Record<keyof Digest, unknown>>;
  if (typeof d.treeSize !== 'number' || typeof d.rootHash !== 'string' || typeof d.issuedAt !== 'string') return false;
  if (typeof d.keyId !== 'string' || !KEY_ID.test(d.keyId) || d.keyId !== keyId) return false;
  if (typeof d.signature !== 'string' || !BASE64.test(d.signature)) return false;
  const signature = Buffer.from(d.signature, 'base64');
  if (signature.length !== 64) return false;
  let message: Buffer;
  try {
    message = digestMessage(d.treeSize, d.rootHash, d.issuedAt);
  } catch {
    return false;
  }
  return verify(null, message, asEd25519PublicKey(publicKey), signature);
};
