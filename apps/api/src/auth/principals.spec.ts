import { createHash } from 'node:crypto';
import { ApiError } from '../http/api-error';
import { PrincipalRegistry } from './principals';

const hex = (token: string) => createHash('sha256').update(token).digest('hex');

describe('PrincipalRegistry', () => {
  const registry = PrincipalRegistry.fromJson([
    { id: 'coord-01', role: 'coordinator', tokenSha256: hex('t-coord') },
    { id: 'inv-01', role: 'investigator', tokenSha256: hex('t-inv').toUpperCase() },
  ]);

  it('finds the principal of a bearer token by its hash', () => {
    expect(registry.authenticate('Bearer t-coord')).toEqual({ id: 'coord-01', role: 'coordinator' });
    expect(registry.authenticate('bearer   t-inv ')).toEqual({ id: 'inv-01', role: 'investigator' });
  });

  it.each([undefined, '', 'Bearer', 'Bearer ', 'Basic t-coord', 't-coord', 'Bearer t-coord extra', 'Bearer t-nobody'])(
    '401 for %p',
    (header) => {
      expect(() => registry.authenticate(header)).toThrow(ApiError);
      try {
        registry.authenticate(header);
      } catch (e) {
        expect((e as ApiError).status).toBe(401);
      }
    },
  );

  it('refuses a malformed file with a message naming the entry', () => {
    expect(() => PrincipalRegistry.fromJson({})).toThrow(/JSON array/);
    expect(() => PrincipalRegistry.fromJson([{ id: 'x', role: 'root', tokenSha256: hex('a') }])).toThrow(/\[0\]\.role/);
    expect(() => PrincipalRegistry.fromJson([{ id: 'x', role: 'admin', tokenSha256: 'secret' }])).toThrow(
      /\[0\]\.tokenSha256/,
    );
    expect(() =>
      PrincipalRegistry.fromJson([
        { id: 'x', role: 'admin', tokenSha256: hex('a') },
        { id: 'y', role: 'admin', tokenSha256: hex('a') },
      ]),
    ).toThrow(/\[1\]\.tokenSha256 is shared/);
  });

  it('reads the printed name and the signing password scrypt, and refuses malformed ones', () => {
    const scrypt = `scrypt$1024$8$1$${Buffer.from('salt').toString('base64')}$${Buffer.alloc(32, 7).toString('base64')}`;
    const signer = PrincipalRegistry.fromJson([
      { id: 'inv-02', role: 'investigator', tokenSha256: hex('t2'), name: 'Dr. A. B.', signingPasswordScrypt: scrypt },
    ]).authenticate('Bearer t2');
    expect(signer).toMatchObject({ id: 'inv-02', name: 'Dr. A. B.', signingPassword: { N: 1024, r: 8, p: 1 } });
    const entry = (extra: object) => [{ id: 'x', role: 'investigator', tokenSha256: hex('x'), ...extra }];
    expect(() => PrincipalRegistry.fromJson(entry({ name: ' ' }))).toThrow(/\[0\]\.name/);
    for (const bad of [
      'plain',
      'scrypt$1000$8$1$c2FsdA==$AAAA',
      scrypt.replace('$1024$', '$1023$'),
      'scrypt$1024$8$1$$AAAA',
    ])
      expect(() => PrincipalRegistry.fromJson(entry({ signingPasswordScrypt: bad }))).toThrow(/signingPasswordScrypt/);
  });
});
