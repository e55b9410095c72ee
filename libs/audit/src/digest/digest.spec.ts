import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import {
  Digest,
  MalformedDigest,
  digestMessage,
  keyIdOf,
  publicKeyPem,
  rawPublicKey,
  signDigest,
  verifyDigest,
} from './digest';

const ROOT = '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328';
const ISSUED_AT = '2026-12-03T20:15:00.123456Z';

describe('digest (audit.md "Digest")', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = publicKeyPem(privateKey);
  const digest = signDigest(privateKey, 8, ROOT, ISSUED_AT);

  it('signs exactly trial-ledger-digest:v1\\n<treeSize>\\n<rootHash>\\n<issuedAt>', () => {
    expect(digestMessage(8, ROOT, ISSUED_AT).toString('utf8')).toBe(
      `trial-ledger-digest:v1\n8\n${ROOT}\n2026-12-03T20:15:00.123456Z`,
    );
    const signature = Buffer.from(digest.signature, 'base64');
    expect(signature).toHaveLength(64);
    expect(verify(null, digestMessage(8, ROOT, ISSUED_AT), publicKey, signature)).toBe(true);
    expect(digest).toEqual({
      treeSize: 8,
      rootHash: ROOT,
      issuedAt: ISSUED_AT,
      keyId: keyIdOf(publicKey),
      signature: digest.signature,
    });
  });

  it('keyId is the hex SHA-256 of the raw 32-byte public key', () => {
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
    expect(rawPublicKey(pem)).toEqual(raw);
    expect(digest.keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(keyIdOf(pem)).toBe(createHash('sha256').update(raw).digest('hex'));
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
  });

  it('verifies under the public key, as PEM or as a key object, after a JSON round trip', () => {
    expect(verifyDigest(pem, digest)).toBe(true);
    expect(verifyDigest(publicKey, JSON.parse(JSON.stringify(digest)))).toBe(true);
  });

  const tampered: [string, Partial<Record<keyof Digest, unknown>>][] = [
    ['treeSize', { treeSize: 9 }],
    ['treeSize as a string', { treeSize: '8' }],
    ['rootHash', { rootHash: ROOT.replace(/^5/, '6') }],
    ['rootHash in upper case', { rootHash: ROOT.toUpperCase() }],
    ['issuedAt', { issuedAt: '2026-12-03T20:15:00.123457Z' }],
    ['issuedAt in milliseconds', { issuedAt: '2026-12-03T20:15:00.123Z' }],
    ['keyId', { keyId: '0'.repeat(64) }],
    ['signature, one bit', { signature: flipBit(digest.signature) }],
    ['signature, truncated', { signature: Buffer.from(digest.signature, 'base64').subarray(0, 63).toString('base64') }],
    ['signature missing', { signature: undefined }],
  ];
  it.each(tampered)('fails with a changed %s', (_name, change) => {
    expect(verifyDigest(pem, { ...digest, ...change })).toBe(false);
  });

  it('fails under another key', () => {
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(verifyDigest(other, digest)).toBe(false);
    expect(verifyDigest(other, { ...digest, keyId: keyIdOf(other) })).toBe(false);
  });

  it('fails on what is not a digest', () => {
    expect(verifyDigest(pem, null)).toBe(false);
    expect(verifyDigest(pem, 'digest')).toBe(false);
    expect(verifyDigest(pem, {})).toBe(false);
  });

  it('refuses to sign a malformed statement or with a key that is not Ed25519', () => {
    expect(() => signDigest(privateKey, -1, ROOT, ISSUED_AT)).toThrow(MalformedDigest);
    expect(() => signDigest(privateKey, 1.5, ROOT, ISSUED_AT)).toThrow(MalformedDigest);
    expect(() => signDigest(privateKey, 8, 'abc', ISSUED_AT)).toThrow(MalformedDigest);
    expect(() => signDigest(privateKey, 8, ROOT, '2026-12-03T20:15:00Z')).toThrow(MalformedDigest);
    expect(() => signDigest(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, 8, ROOT, ISSUED_AT)).toThrow(
      TypeError,
    );
    expect(() => signDigest(publicKey, 8, ROOT, ISSUED_AT)).toThrow(TypeError);
  });

  describe('RFC 8032 §7.1 TEST 1 through node:crypto (pins the algorithm: pure Ed25519, no prehash)', () => {
    // RFC 8032, section 7.1, "-----TEST 1": SECRET KEY, PUBLIC KEY, MESSAGE (length 0 bytes), SIGNATURE.
    const SECRET_KEY = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
    const PUBLIC_KEY = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
    const SIGNATURE =
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';
    // PKCS#8 and SPKI DER prefixes for an Ed25519 key (RFC 8410): the raw key follows them.
    const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
    const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
    const secret = createPrivateKey({
      key: Buffer.concat([PKCS8_PREFIX, Buffer.from(SECRET_KEY, 'hex')]),
      format: 'der',
      type: 'pkcs8',
    });
    const pub = createPublicKey({
      key: Buffer.concat([SPKI_PREFIX, Buffer.from(PUBLIC_KEY, 'hex')]),
      format: 'der',
      type: 'spki',
    });

    it('derives the public key and our raw-key extraction finds it', () => {
      expect(rawPublicKey(secret).toString('hex')).toBe(PUBLIC_KEY);
      expect(rawPublicKey(pub).toString('hex')).toBe(PUBLIC_KEY);
    });

    it('signs the empty message to the published signature, and verifies it', () => {
      expect(sign(null, Buffer.alloc(0), secret).toString('hex')).toBe(SIGNATURE);
      expect(verify(null, Buffer.alloc(0), pub, Buffer.from(SIGNATURE, 'hex'))).toBe(true);
      expect(verify(null, Buffer.from([0]), pub, Buffer.from(SIGNATURE, 'hex'))).toBe(false);
    });

    it('a digest signed with it verifies under its public key', () => {
      const d = signDigest(secret, 0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', ISSUED_AT);
      expect(verifyDigest(pub, d)).toBe(true);
      expect(d.keyId).toBe(keyIdOf(pub));
    });
  });
});

function flipBit(base64: string): string {
  const b = Buffer.from(base64, 'base64');
  b[10] = b[10]! ^ 0x01;
  return b.toString('base64');
}
