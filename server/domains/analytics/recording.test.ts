import { describe, expect, it } from 'vitest';
import { startsDownload } from './recording.js';

describe('startsDownload', () => {
  it('counts a whole-file request and one for the first bytes', () => {
    expect(startsDownload(null)).toBe(true);
    expect(startsDownload('bytes=0-')).toBe(true);
    expect(startsDownload('bytes=0-1')).toBe(true);
    expect(startsDownload('bytes=0-1023, 4096-')).toBe(true);
  });

  it('does not count a resumed or tail request', () => {
    expect(startsDownload('bytes=1024-')).toBe(false);
    expect(startsDownload('bytes=100-1123')).toBe(false);
    expect(startsDownload('bytes=-500')).toBe(false);
  });

  it('counts a Range header the server ignores, since the whole file is sent', () => {
    expect(startsDownload('items=0-5')).toBe(true);
    expect(startsDownload('bytes=abc')).toBe(true);
  });
});
