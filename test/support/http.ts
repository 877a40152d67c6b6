// A small cookie-keeping HTTP agent for tests that speak to the server like a browser
// would (session cookie + XSRF header) or like a developer (bearer token).
export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export class Agent {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string, private readonly defaults: Record<string, string> = {}) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  /** Fetches the XSRF cookie, as the web app does before signing in. */
  async csrf(): Promise<string> {
    await this.request('GET', '/sanctum/csrf-cookie');
    return decodeURIComponent(this.cookies.get('XSRF-TOKEN')!);
  }

  async request<T = any>(
    method: string,
    path: string,
    options: { json?: unknown; body?: string; form?: FormData; headers?: Record<string, string>; xsrf?: boolean } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...this.defaults, ...options.headers };
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    if (options.xsrf && this.cookies.has('XSRF-TOKEN')) headers['x-xsrf-token'] = decodeURIComponent(this.cookies.get('XSRF-TOKEN')!);
    let body: string | FormData | undefined = options.form ?? options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    const type = response.headers.get('content-type') ?? '';
    if (/^(audio|video|image)\/|octet-stream/.test(type)) {
      return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) as T };
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON: tests assert on the raw text.
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  /** Signs in through the web flow (csrf-cookie, then POST /login with the header). */
  async login(email: string, password: string): Promise<Reply> {
    await this.csrf();
    return this.request('POST', '/login', { json: { email, password }, xsrf: true });
  }
}
