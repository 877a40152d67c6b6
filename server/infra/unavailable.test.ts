import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isRedisUnavailable, isServiceUnavailable, ServiceUnavailable } from './unavailable.js';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code, severity: 'ERROR' });
/** drizzle wraps every driver error in DrizzleQueryError with the original as `cause`. */
const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: select 1\nparams: '), { cause });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['connect timeout', new Error('Connection terminated due to connection timeout')],
    ['connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['pool acquisition timeout', new Error('timeout exceeded when trying to connect')],
    ['client read timeout', new Error('Query read timeout')],
    ['closed client', new Error('Client was closed and is not queryable')],
    ['admin shutdown 57P01', pgError('57P01', 'terminating connection due to administrator command')],
    ['starting up 57P03', pgError('57P03', 'the database system is starting up')],
    ['too many connections 53300', pgError('53300', 'sorry, too many clients already')],
    ['connection exception 08006', pgError('08006')],
    ['statement timeout 57014', pgError('57014', 'canceling statement due to statement timeout')],
    ['dual-stack connect (AggregateError)', Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], ''), {})],
  ])('says yes to %s, bare and wrapped by drizzle', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(isDatabaseUnavailable(wrapped(err))).toBe(true);
    expect(isServiceUnavailable(wrapped(err))).toBe(true);
  });

  it.each([
    ['unique violation 23505', pgError('23505')],
    ['syntax error 42601', pgError('42601')],
    ['undefined table 42P01', pgError('42P01')],
    ['invalid password 28P01', pgError('28P01')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error', 'boom'],
    ['nothing', undefined],
  ])('says no to %s (stays a 500, or a 4xx its handler maps)', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
    expect(isDatabaseUnavailable(wrapped(err))).toBe(false);
  });

  it('knows our own ServiceUnavailable and Redis failures', () => {
    expect(isServiceUnavailable(new ServiceUnavailable('redis'))).toBe(true);
    expect(isRedisUnavailable(new Error('Command timed out'))).toBe(true);
    expect(isRedisUnavailable(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toBe(true);
    expect(isRedisUnavailable(new Error('WRONGTYPE Operation against a key holding the wrong kind of value'))).toBe(false);
  });
});
