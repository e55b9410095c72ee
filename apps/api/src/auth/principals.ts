/**
 * Who may call the API: the principals file named by LEDGER_PRINCIPALS (commands.md "HTTP"),
 * `[{ "id": "coord-01", "role": "coordinator", "tokenSha256": "<hex SHA-256 of the token>" }]`.
 * Tokens are never stored in clear; a bearer token is hashed and compared with every known
 * hash in constant time, so neither the answer's timing nor an early exit says how close it was.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ROLES, type Role } from '../../../../libs/trial-domain/src';
import { unauthorized } from '../http/api-error';

export interface Principal {
  readonly id: string;
  readonly role: Role;
  /** The printed name shown on every signature (Part 11 §11.50). */
  readonly name?: string;
  /** The signing password's scrypt hash: SignRecord over HTTP needs it re-entered (audit.md). */
  readonly signingPassword?: ScryptHash;
}

/** `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>`, a 32-byte hash. */
export interface ScryptHash {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

const SCRYPT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

export const parseScrypt = (text: string): ScryptHash | undefined => {
  const m = SCRYPT.exec(text);
  if (!m) return undefined;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const salt = Buffer.from(m[4] ?? '', 'base64');
  const hash = Buffer.from(m[5] ?? '', 'base64');
  // N a power of two above 1 (scrypt's own rule), a salt, and the 32-byte hash audit.md names.
  if (N < 2 || (N & (N - 1)) !== 0 || r < 1 || p < 1 || salt.length === 0 || hash.length !== 32) return undefined;
  return { N, r, p, salt, hash };
};

interface Entry {
  readonly principal: Principal;
  readonly hash: Buffer;
}

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

export const sha256 = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export class PrincipalRegistry {
  private readonly entries: readonly Entry[];

  constructor(
    principals: readonly {
      id: string;
      role: Role;
      tokenSha256: string;
      name?: string;
      signingPassword?: ScryptHash;
    }[],
  ) {
    this.entries = principals.map((p) => ({
      principal: {
        id: p.id,
        role: p.role,
        ...(p.name !== undefined && { name: p.name }),
        ...(p.signingPassword !== undefined && { signingPassword: p.signingPassword }),
      },
      hash: Buffer.from(p.tokenSha256, 'hex'),
    }));
  }

  /** Parses and checks the principals file; throws with a message naming the entry at fault. */
  static fromFile(path: string): PrincipalRegistry {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new Error(`LEDGER_PRINCIPALS: cannot read ${path}: ${(e as Error).message}`, { cause: e });
    }
    return PrincipalRegistry.fromJson(parsed, path);
  }

  static fromJson(parsed: unknown, source = 'principals'): PrincipalRegistry {
    if (!Array.isArray(parsed)) throw new Error(`${source}: must be a JSON array of { id, role, tokenSha256 }`);
    const seen = new Set<string>();
    const principals = parsed.map((p: unknown, i) => {
      const o = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>;
      const { id, role, tokenSha256, name, signingPasswordScrypt } = o;
      if (typeof id !== 'string' || id.length < 1 || id.length > 128)
        throw new Error(`${source}[${i}].id must be a string of 1-128 characters`);
      if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role))
        throw new Error(`${source}[${i}].role must be one of ${ROLES.join(', ')}`);
      if (typeof tokenSha256 !== 'string' || !HEX_SHA256.test(tokenSha256))
        throw new Error(`${source}[${i}].tokenSha256 must be the hex SHA-256 of the bearer token (64 hex digits)`);
      if (name !== undefined && (typeof name !== 'string' || name.trim().length === 0 || name.length > 200))
        throw new Error(`${source}[${i}].name must be the printed name, a string of 1-200 characters`);
      const signingPassword =
        signingPasswordScrypt === undefined
          ? undefined
          : typeof signingPasswordScrypt === 'string'
            ? parseScrypt(signingPasswordScrypt)
            : undefined;
      if (signingPasswordScrypt !== undefined && signingPassword === undefined)
        throw new Error(
          `${source}[${i}].signingPasswordScrypt must be scrypt$<N>$<r>$<p>$<salt base64>$<hash base64> (a 32-byte hash)`,
        );
      const hash = tokenSha256.toLowerCase();
      if (seen.has(hash)) throw new Error(`${source}[${i}].tokenSha256 is shared with another principal`);
      seen.add(hash);
      return {
        id,
        role: role as Role,
        tokenSha256: hash,
        ...(typeof name === 'string' && { name }),
        ...(signingPassword !== undefined && { signingPassword }),
      };
    });
    return new PrincipalRegistry(principals);
  }

  get size(): number {
    return this.entries.length;
  }

  /** The principal whose token hashes to the given one; every entry is compared, match or not. */
  byToken(token: string): Principal | undefined {
    const hash = sha256(token);
    let found: Principal | undefined;
    for (const e of this.entries) if (timingSafeEqual(hash, e.hash) && found === undefined) found = e.principal;
    return found;
  }

  /** `Authorization: Bearer <token>` to a principal; 401 when missing, malformed or unknown. */
  authenticate(authorization: string | undefined): Principal {
    if (authorization === undefined || authorization.trim() === '')
      throw unauthorized('a bearer token is required (Authorization: Bearer <token>)');
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    if (!match?.[1]) throw unauthorized('the Authorization header must be "Bearer <token>"');
    const principal = this.byToken(match[1]);
    if (!principal) throw unauthorized('the bearer token is not known');
    return principal;
  }
}
