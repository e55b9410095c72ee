import { describeWriteError } from './stdout';

describe('describeWriteError', () => {
  it("names the system error by its errno, with the system's words", () => {
    expect(
      describeWriteError(
        Object.assign(new Error('ENOSPC: no space left on device, write'), { errno: -28, code: 'ENOSPC' }),
      ),
    ).toBe('ENOSPC (no space left on device)');
    expect(describeWriteError(Object.assign(new Error('write EPIPE'), { errno: -32, code: 'EPIPE' }))).toBe(
      'EPIPE (broken pipe)',
    );
  });

  it('falls back to the code, then to the message', () => {
    expect(describeWriteError(Object.assign(new Error('x'), { code: 'ERR_STREAM_DESTROYED' }))).toBe(
      'ERR_STREAM_DESTROYED',
    );
    expect(describeWriteError(new Error('write after end'))).toBe('write after end');
    expect(describeWriteError(undefined)).toBe('undefined');
  });
});
