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
});
