/** Where session mode keeps cookies: a jar in Node, the browser's own store in a browser. */
export interface CookieStore {
  get(name: string): string | undefined;
  /** The `Cookie` request header to send, or undefined when the runtime sends cookies itself. */
  header(): string | undefined;
  storeFrom(response: Response): void;
  clear(): void;
}

interface StoredCookie {
  value: string;
  expiresAt: number | undefined;
}

/**
 * A jar for the one API origin a client talks to. Domain and Path attributes are ignored:
 * with a single origin and the API's `Path=/` cookies, scoping would change nothing.
 */
export class CookieJar implements CookieStore {
  readonly #cookies = new Map<string, StoredCookie>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get(name: string): string | undefined {
    const cookie = this.#cookies.get(name);
    if (cookie === undefined) return undefined;
    if (cookie.expiresAt !== undefined && cookie.expiresAt <= this.#now()) {
      this.#cookies.delete(name);
      return undefined;
    }
    return cookie.value;
  }

  header(): string | undefined {
    const pairs: string[] = [];
    for (const name of [...this.#cookies.keys()]) {
      const value = this.get(name);
      if (value !== undefined) pairs.push(`${name}=${value}`);
    }
    return pairs.length > 0 ? pairs.join('; ') : undefined;
  }

  storeFrom(response: Response): void {
    for (const line of response.headers.getSetCookie()) this.setFromHeader(line);
  }

  setFromHeader(setCookie: string): void {
    const [pair = '', ...attributes] = setCookie.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const name = pair.slice(0, eq).trim();
    const value = unquote(pair.slice(eq + 1).trim());
    let maxAge: number | undefined;
    let expires: number | undefined;
    for (const attribute of attributes) {
      const eqAt = attribute.indexOf('=');
      if (eqAt < 0) continue;
      const key = attribute.slice(0, eqAt).trim().toLowerCase();
      const attributeValue = attribute.slice(eqAt + 1).trim();
      if (key === 'max-age' && /^-?\d+$/.test(attributeValue)) maxAge = Number(attributeValue);
      if (key === 'expires' && !Number.isNaN(Date.parse(attributeValue))) expires = Date.parse(attributeValue);
    }
    // Max-Age wins over Expires (RFC 6265 §5.3).
    const expiresAt = maxAge !== undefined ? this.#now() + maxAge * 1000 : expires;
    // Servers delete a cookie by sending it already expired (Laravel does on logout).
    if (expiresAt !== undefined && expiresAt <= this.#now()) this.#cookies.delete(name);
    else this.#cookies.set(name, { value, expiresAt });
  }

  clear(): void {
    this.#cookies.clear();
  }
}

/** In a browser the runtime keeps and sends cookies; only non-HttpOnly ones are readable here. */
export class DocumentCookies implements CookieStore {
  get(name: string): string | undefined {
    const cookieString = (globalThis as { document?: { cookie?: string } }).document?.cookie ?? '';
    for (const part of cookieString.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === name) return unquote(part.slice(eq + 1).trim());
    }
    return undefined;
  }

  header(): undefined {
    return undefined;
  }

  storeFrom(): void {}

  clear(): void {}
}

export function isBrowser(): boolean {
  return typeof (globalThis as { document?: { cookie?: unknown } }).document?.cookie === 'string';
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}
