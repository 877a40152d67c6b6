// A scripted stand-in for fetch in client unit tests: records what the client sent and answers
// with whatever the test's handler returns (or throws).

export interface SentRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

export type Handler = (request: SentRequest, index: number) => Response | Promise<Response>;

export function fakeFetch(handler: Handler): {
  fetch: (request: Request) => Promise<Response>;
  sent: SentRequest[];
} {
  const sent: SentRequest[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const recorded: SentRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: new Headers(request.headers),
      body: await request.text(),
    };
    sent.push(recorded);
    return handler(recorded, sent.length - 1);
  };
  return { fetch, sent };
}

/** Answers from a list, one response (or thrown error) per call, in order. */
export function scripted(...steps: (Response | Error | (() => Response))[]): Handler {
  return (_request, index) => {
    const step = steps[index];
    if (step === undefined) throw new Error(`fake fetch: unexpected request #${index + 1}`);
    if (step instanceof Error) throw step;
    return typeof step === 'function' ? step() : step;
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> | [string, string][] = {}): Response {
  const all = new Headers(headers);
  all.set('Content-Type', 'application/json');
  return new Response(JSON.stringify(body), { status, headers: all });
}

export function empty(status: number, headers: [string, string][] = []): Response {
  return new Response(null, { status, headers });
}

/** A Laravel length-aware page in the contract's shape. */
export function lengthAwarePage<T>(items: T[], page: number, perPage: number, total: number) {
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const from = items.length > 0 ? (page - 1) * perPage + 1 : null;
  const url = (p: number) => `http://api.test/api/v1/tracks?page=${p}`;
  return {
    status: 'success',
    pagination: {
      current_page: page,
      per_page: perPage,
      total,
      last_page: lastPage,
      from,
      to: from === null ? null : from + items.length - 1,
      first_page_url: url(1),
      last_page_url: url(lastPage),
      next_page_url: page < lastPage ? url(page + 1) : null,
      prev_page_url: page > 1 ? url(page - 1) : null,
      path: 'http://api.test/api/v1/tracks',
      links: [],
      data: items,
    },
  };
}
