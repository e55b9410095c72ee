import { randomBytes, scryptSync } from 'node:crypto';
import { ApiError } from '../http/api-error';
import { parseScrypt, type Principal } from './principals';
import { FAILURE_WINDOW_MS, LOCK_MS, SigningGate } from './signing-gate';

const salt = randomBytes(16);
const signer: Principal = {
  id: 'inv-01',
  role: 'investigator',
  signingPassword: parseScrypt(
    `scrypt$1024$8$1$${salt.toString('base64')}$${scryptSync('s3cret', salt, 32, { N: 1024, r: 8, p: 1 }).toString('base64')}`,
  ),
};

const codeOf = async (p: Promise<void>): Promise<string> =>
  p.then(
    () => 'OK',
    (e: ApiError) => `${e.status} ${e.code}`,
  );

describe('the signing gate (audit.md "Signatures")', () => {
  it('lets the right password through and refuses a missing or wrong one', async () => {
    const gate = new SigningGate();
    expect(await codeOf(gate.check(signer, 's3cret'))).toBe('OK');
    expect(await codeOf(gate.check(signer, undefined))).toBe('401 SIGNATURE_AUTH_FAILED');
    expect(await codeOf(gate.check(signer, 'S3cret'))).toBe('401 SIGNATURE_AUTH_FAILED');
  });

  it('refuses a principal without a signing password (403)', async () => {
    expect(await codeOf(new SigningGate().check({ id: 'inv-09', role: 'investigator' }, 's3cret'))).toBe(
      '403 SIGNING_NOT_ENABLED',
    );
  });

  it('locks after five failures within 15 minutes, for 15 minutes; older failures do not count', async () => {
    let now = 0;
    const gate = new SigningGate(() => now);
    for (let i = 0; i < 4; i++) await gate.check(signer, 'x').catch(() => undefined);
    now += FAILURE_WINDOW_MS + 1; // the four fall out of the window
    await gate.check(signer, 'x').catch(() => undefined);
    expect(await codeOf(gate.check(signer, 's3cret'))).toBe('OK');
    for (let i = 0; i < 4; i++) await gate.check(signer, 'x').catch(() => undefined);
    expect(await codeOf(gate.check(signer, 's3cret'))).toBe('401 SIGNING_LOCKED');
    now += LOCK_MS - 1;
    expect(await codeOf(gate.check(signer, 's3cret'))).toBe('401 SIGNING_LOCKED');
    now += 1;
    expect(await codeOf(gate.check(signer, 's3cret'))).toBe('OK');
  });
});
