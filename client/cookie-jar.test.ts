import { describe, expect, it } from 'vitest';
import { empty } from '../test/client/fake-fetch.js';
import { CookieJar } from './cookie-jar.js';

describe('CookieJar', () => {
  const start = Date.parse('2026-03-01T12:00:00Z');

  it('keeps every Set-Cookie of a response and sends them back as one header', () => {
    const jar = new CookieJar(() => start);
    jar.storeFrom(
      empty(204, [
        ['Set-Cookie', 'XSRF-TOKEN=eyJpdiI6%3D; Path=/; SameSite=Lax'],
        ['Set-Cookie', 'beatpass_session="s1"; Path=/; HttpOnly'],
      ]),
    );
    expect(jar.get('XSRF-TOKEN')).toBe('eyJpdiI6%3D');
    expect(jar.get('beatpass_session')).toBe('s1');
    expect(jar.header()).toBe('XSRF-TOKEN=eyJpdiI6%3D; beatpass_session=s1');
  });

  it('replaces a cookie of the same name', () => {
    const jar = new CookieJar(() => start);
    jar.setFromHeader('a=1');
    jar.setFromHeader('a=2');
    expect(jar.header()).toBe('a=2');
  });

  it('drops cookies the server expires, by Max-Age or by Expires', () => {
    const jar = new CookieJar(() => start);
    jar.setFromHeader('a=1');
    jar.setFromHeader('b=2');
    jar.setFromHeader('a=; Max-Age=0');
    jar.setFromHeader('b=deleted; Expires=Thu, 01 Jan 1970 00:00:01 GMT');
    expect(jar.get('a')).toBeUndefined();
    expect(jar.get('b')).toBeUndefined();
    expect(jar.header()).toBeUndefined();
  });

  it('lets Max-Age win over Expires and forgets cookies once they expire', () => {
    let now = start;
    const jar = new CookieJar(() => now);
    jar.setFromHeader('a=1; Expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=60');
    expect(jar.get('a')).toBe('1');
    now += 61_000;
    expect(jar.get('a')).toBeUndefined();
  });

  it('ignores malformed lines and clears on demand', () => {
    const jar = new CookieJar(() => start);
    jar.setFromHeader('no-equals-sign');
    jar.setFromHeader('=nameless');
    expect(jar.header()).toBeUndefined();
    jar.setFromHeader('a=b=c');
    expect(jar.get('a')).toBe('b=c');
    jar.clear();
    expect(jar.get('a')).toBeUndefined();
  });
});
