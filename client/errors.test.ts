import { describe, expect, it } from 'vitest';
import { empty, fakeFetch, json } from '../test/client/fake-fetch.js';
import { BeatPassError, createBeatPassClient, unwrap } from './index.js';

const BASE = 'http://api.test';

function clientAnswering(response: () => Response) {
  return createBeatPassClient({ baseUrl: BASE, fetch: fakeFetch(response).fetch, retry: { maxAttempts: 1 } });
}

async function caught(promise: Promise<unknown>): Promise<BeatPassError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BeatPassError);
  return error as BeatPassError;
}

describe('BeatPassError and unwrap', () => {
  it('carries status, body and field errors of a 422', async () => {
    const body = {
      message: 'The per_page field must not be greater than 500.',
      errors: { per_page: ['The per_page field must not be greater than 500.'] },
    };
    const client = clientAnswering(() => json(422, body));

    const error = await caught(client.GET('/api/v1/tracks', { params: { query: { per_page: 501 } } }).then(unwrap));

    expect(error.name).toBe('BeatPassError');
    expect(error.message).toBe('The per_page field must not be greater than 500.');
    expect(error.status).toBe(422);
    expect(error.body).toEqual(body);
    expect(error.fieldErrors).toEqual({ per_page: ['The per_page field must not be greater than 500.'] });
    expect(error.response?.status).toBe(422);
  });

  it('gives an empty fieldErrors map when the body has no errors', async () => {
    const client = clientAnswering(() => json(404, { message: 'Track not found.' }));

    const error = await caught(client.GET('/api/v1/tracks/{track_id}', { params: { path: { track_id: 5 } } }).then(unwrap));

    expect(error.status).toBe(404);
    expect(error.body).toEqual({ message: 'Track not found.' });
    expect(error.fieldErrors).toEqual({});
  });

  it('turns a problem+json body into the contract shape', async () => {
    const client = clientAnswering(
      () =>
        new Response(JSON.stringify({ type: 'TypeError', title: 'Invalid character in header content', status: 500, detail: '' }), {
          status: 500,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    );

    const error = await caught(client.GET('/api/v1/genres').then(unwrap));

    expect(error.status).toBe(500);
    expect(error.body).toEqual({ message: 'Invalid character in header content' });
  });

  it('describes an empty error body by its status', async () => {
    const client = clientAnswering(() => new Response(null, { status: 502, statusText: 'Bad Gateway' }));

    const error = await caught(client.GET('/api/v1/genres').then(unwrap));

    expect(error.status).toBe(502);
    expect(error.body).toEqual({ message: 'HTTP 502 Bad Gateway' });
  });

  it('drops an errors value that is not a field map', async () => {
    const client = clientAnswering(() => json(400, { message: 'Bad', errors: ['not', 'a', 'map'] }));

    const error = await caught(client.GET('/api/v1/genres').then(unwrap));

    expect(error.body).toEqual({ message: 'Bad' });
    expect(error.fieldErrors).toEqual({});
  });

  it('returns data on success, undefined for 204, and leaves the raw result alone', async () => {
    const genres = { status: 'success', pagination: { data: [] } };
    const client = clientAnswering(() => json(200, genres));
    const result = await client.GET('/api/v1/genres');
    expect(unwrap(result)).toEqual(genres);
    expect(result.data).toEqual(genres);
    expect(result.error).toBeUndefined();

    const noContent = clientAnswering(() => empty(204));
    expect(unwrap(await noContent.DELETE('/api/v1/developer-tokens/{token_id}', { params: { path: { token_id: 1 } } }))).toBeUndefined();
  });
});
