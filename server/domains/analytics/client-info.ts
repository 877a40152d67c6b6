// What a play's request says about the listener's device, browser, platform and country.
// A few patterns for the big browsers and platforms are enough for analytics; anything else
// is `Other`, and a request without the header leaves the field unknown (null).

export interface ClientInfo {
  device: 'desktop' | 'mobile' | 'tablet' | null;
  browser: string | null;
  platform: string | null;
  country: string | null;
}

// Order matters: Edge, Opera and Samsung Internet also claim Chrome, and Chrome claims Safari.
const BROWSERS: readonly (readonly [string, RegExp])[] = [
  ['Edge', /\bEdg(?:e|A|iOS)?\//],
  ['Opera', /\bOPR\/|\bOpera\b/],
  ['Samsung Internet', /\bSamsungBrowser\//],
  ['Firefox', /\bFirefox\/|\bFxiOS\//],
  ['Chrome', /\bChrome\/|\bCriOS\//],
  ['Safari', /\bVersion\/[\d.]+ .*\bSafari\//],
];

// iOS before macOS (iPhones say "like Mac OS X"), Android and ChromeOS before Linux.
const PLATFORMS: readonly (readonly [string, RegExp])[] = [
  ['iOS', /\b(?:iPhone|iPad|iPod)\b/],
  ['Android', /\bAndroid\b/],
  ['ChromeOS', /\bCrOS\b/],
  ['Windows', /\bWindows\b/],
  ['macOS', /\bMacintosh\b|\bMac OS X\b/],
  ['Linux', /\bLinux\b/],
];

const DESKTOP_PLATFORMS = new Set(['Windows', 'macOS', 'Linux', 'ChromeOS']);

/** Long headers are cut before matching: the patterns only need the start of one. */
const MAX_USER_AGENT = 512;

function deviceOf(userAgent: string, platform: string | null): ClientInfo['device'] {
  // Android tablets are the Android devices that do not say "Mobile".
  if (/\biPad\b|\bTablet\b/.test(userAgent) || (platform === 'Android' && !/\bMobile\b/.test(userAgent))) return 'tablet';
  if (/\bMobi|\biPhone\b|\biPod\b|\bWindows Phone\b/.test(userAgent)) return 'mobile';
  return platform !== null && DESKTOP_PLATFORMS.has(platform) ? 'desktop' : null;
}

/** Reads the User-Agent and the CDN's country header (CF-IPCountry) of a request. */
export function clientInfo(userAgentHeader: string | null, countryHeader: string | null): ClientInfo {
  const country = countryOf(countryHeader);
  const userAgent = userAgentHeader?.slice(0, MAX_USER_AGENT).trim();
  if (!userAgent) return { device: null, browser: null, platform: null, country };
  const browser = BROWSERS.find(([, pattern]) => pattern.test(userAgent))?.[0] ?? 'Other';
  const platform = PLATFORMS.find(([, pattern]) => pattern.test(userAgent))?.[0] ?? null;
  return { device: deviceOf(userAgent, platform), browser, platform: platform ?? 'Other', country };
}

/** An ISO 3166-1 alpha-2 code, or null; Cloudflare sends `XX` when it does not know and `T1` for Tor. */
function countryOf(header: string | null): string | null {
  const code = header?.trim().toUpperCase();
  return code && /^[A-Z]{2}$/.test(code) && code !== 'XX' ? code : null;
}
