/**
 * Boots the real API (createApp) over a fresh SQLite file, with a principal of every role whose
 * bearer tokens are known to the test and stored only hashed, as in production.
 */
import { createHash, randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp, type CreateAppOptions } from '../../../apps/api/src/app.factory';
import { ROLES, type Role } from '../../../libs/trial-domain/src';
import { createTestLedger, TEST_LEDGER_KIND } from '../../support/test-ledgers';

export const PRINCIPAL_IDS: Readonly<Record<Role, string>> = {
  coordinator: 'coord-01',
  investigator: 'inv-01',
  safety_monitor: 'safety-01',
  irb_auditor: 'irb-01',
  admin: 'admin-01',
};

export interface TestApi {
  readonly app: INestApplication;
  readonly tokens: Readonly<Record<Role, string>>;
  readonly dir: string;
  /** LEDGER_STORE of this API's ledger. */
  readonly storeSpec: string;
  /** A supertest client of the app's HTTP server. */
  http(): ReturnType<typeof request>;
  /** POST /api/v1/commands as the principal of `role`. */
  command(role: Role, envelope: unknown): request.Test;
  /** GET a path as the principal of `role` (any role may read). */
  get(path: string, role?: Role): request.Test;
  close(): Promise<void>;
}

export const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The test investigator's signing password (audit.md): re-entered on every command it sends. */
export const SIGNING_PASSWORD = 'correct horse battery staple';

/** A principals-file scrypt hash (a small N: tests need no real cost). */
export const scryptHash = (password: string, N = 1024): string => {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N, r: 8, p: 1 });
  return `scrypt$${N}$8$1$${salt.toString('base64')}$${hash.toString('base64')}`;
};

export async function startApi(name: string, options: CreateAppOptions = {}): Promise<TestApi> {
  const dir = mkdtempSync(join(tmpdir(), `ledger-api-${name}-`));
  const tokens = Object.fromEntries(ROLES.map((r) => [r, `tok-${r}-${randomBytes(16).toString('hex')}`])) as Record<
    Role,
    string
  >;
  const principalsFile = join(dir, 'principals.json');
  writeFileSync(
    principalsFile,
    JSON.stringify(
      ROLES.map((r) => ({
        id: PRINCIPAL_IDS[r],
        role: r,
        tokenSha256: sha256Hex(tokens[r]),
        ...(r === 'investigator' && { name: 'Dr. Ines Vega', signingPasswordScrypt: scryptHash(SIGNING_PASSWORD) }),
      })),
    ),
  );
  const ledger =
    TEST_LEDGER_KIND === 'sqlite'
      ? { spec: `sqlite:${join(dir, 'ledger.db')}`, dispose: async () => undefined }
      : await createTestLedger(TEST_LEDGER_KIND, name);
  process.env.LEDGER_STORE = ledger.spec;
  // The read model beside the ledger: a sibling SQLite file, or the PostgreSQL ledger's own tables.
  delete process.env.LEDGER_PROJECTIONS;
  process.env.LEDGER_PRINCIPALS = principalsFile;
  const app = await createApp({ logLevel: 'silent', ...options });
  const http = () => request(app.getHttpServer());
  return {
    app,
    tokens,
    dir,
    storeSpec: ledger.spec,
    http,
    command: (role, envelope) => {
      const req = http().post('/api/v1/commands').set('Authorization', `Bearer ${tokens[role]}`);
      return (role === 'investigator' ? req.set('X-Signing-Password', SIGNING_PASSWORD) : req).send(envelope as object);
    },
    get: (path, role = 'irb_auditor') => http().get(path).set('Authorization', `Bearer ${tokens[role]}`),
    close: async () => {
      await app.close();
      await ledger.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const participantPath = (studyId: string, participantId: string): string =>
  `/api/v1/studies/${studyId}/participants/${participantId}`;
