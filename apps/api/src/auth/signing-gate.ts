/**
 * Part 11 signatures over HTTP (audit.md "Signatures"; 21 CFR 11.200): SignRecord needs the
 * signer's signing password re-entered in `X-Signing-Password`, checked against the scrypt hash of
 * the principals file. Missing or wrong is 401 SIGNATURE_AUTH_FAILED; five failures within 15
 * minutes refuse that principal's signatures for 15 minutes (401 SIGNING_LOCKED). An investigator
 * with no signing password cannot sign over HTTP (403). The password is never stored or logged.
 */
import { Injectable } from '@nestjs/common';
import { scrypt, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../http/api-error';
import type { Principal, ScryptHash } from './principals';

export const SIGNING_PASSWORD_HEADER = 'x-signing-password';
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

const derive = (password: string, h: ScryptHash): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(
      password,
      h.salt,
      h.hash.length,
      { N: h.N, r: h.r, p: h.p, maxmem: 256 * h.N * h.r + (32 << 20) },
      (e, key) => (e ? reject(e) : resolve(key)),
    ),
  );

@Injectable()
export class SigningGate {
  /** Per principal: the times of recent failures, and until when signing is refused. */
  private readonly failures = new Map<string, number[]>();
  private readonly lockedUntil = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Resolves when the principal may sign with this password; throws the contract's error otherwise. */
  async check(principal: Principal, password: unknown): Promise<void> {
    if (principal.signingPassword === undefined)
      throw new ApiError(
        403,
        'SIGNING_NOT_ENABLED',
        `principal ${principal.id} has no signing password: signatures over HTTP need one (signingPasswordScrypt)`,
        'X-Signing-Password',
      );
    const now = this.now();
    const until = this.lockedUntil.get(principal.id) ?? 0;
    if (until > now)
      throw new ApiError(
        401,
        'SIGNING_LOCKED',
        `signing is locked for ${principal.id} after ${MAX_FAILURES} failed attempts, until ${new Date(until).toISOString()}`,
        'X-Signing-Password',
      );
    const given = typeof password === 'string' ? password : '';
    const ok =
      given !== '' && timingSafeEqual(await derive(given, principal.signingPassword), principal.signingPassword.hash);
    if (ok) return;
    const recent = (this.failures.get(principal.id) ?? []).filter((t) => t > now - FAILURE_WINDOW_MS);
    recent.push(now);
    this.failures.set(principal.id, recent);
    if (recent.length >= MAX_FAILURES) {
      this.lockedUntil.set(principal.id, now + LOCK_MS);
      this.failures.delete(principal.id);
    }
    throw new ApiError(
      401,
      'SIGNATURE_AUTH_FAILED',
      given === ''
        ? 'a signature needs the signing password re-entered in the X-Signing-Password header'
        : 'the signing password is not correct',
      'X-Signing-Password',
    );
  }
}
