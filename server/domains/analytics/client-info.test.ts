import { describe, expect, it } from 'vitest';
import { clientInfo } from './client-info.js';

const UA = {
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  edgeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  chromeIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  safariIpad: 'Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
  chromeAndroidPhone: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36',
  samsungTablet: 'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Safari/537.36',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  operaMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0',
  chromebook: 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
};

describe('clientInfo', () => {
  it.each([
    ['chromeWindows', 'desktop', 'Chrome', 'Windows'],
    ['edgeWindows', 'desktop', 'Edge', 'Windows'],
    ['safariMac', 'desktop', 'Safari', 'macOS'],
    ['safariIphone', 'mobile', 'Safari', 'iOS'],
    ['chromeIphone', 'mobile', 'Chrome', 'iOS'],
    ['safariIpad', 'tablet', 'Safari', 'iOS'],
    ['chromeAndroidPhone', 'mobile', 'Chrome', 'Android'],
    ['samsungTablet', 'tablet', 'Samsung Internet', 'Android'],
    ['firefoxLinux', 'desktop', 'Firefox', 'Linux'],
    ['operaMac', 'desktop', 'Opera', 'macOS'],
    ['chromebook', 'desktop', 'Chrome', 'ChromeOS'],
  ] as const)('reads %s', (name, device, browser, platform) => {
    expect(clientInfo(UA[name], null)).toEqual({ device, browser, platform, country: null });
  });

  it('calls what it does not recognise Other and leaves a missing header unknown', () => {
    expect(clientInfo('curl/8.5.0', null)).toEqual({ device: null, browser: 'Other', platform: 'Other', country: null });
    expect(clientInfo(null, null)).toEqual({ device: null, browser: null, platform: null, country: null });
    expect(clientInfo('   ', null)).toEqual({ device: null, browser: null, platform: null, country: null });
  });

  it("keeps a two-letter country code and drops Cloudflare's unknown and Tor markers", () => {
    expect(clientInfo(null, 'ca').country).toBe('CA');
    expect(clientInfo(null, 'XX').country).toBeNull();
    expect(clientInfo(null, 'T1').country).toBeNull();
    expect(clientInfo(null, 'Canada').country).toBeNull();
  });
});
