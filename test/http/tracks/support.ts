import { expect } from 'vitest';
import type { Agent } from '../../support/http.js';
import { wavBytes, type ToneOptions } from '../../support/wav.js';

export function wavForm(name: string, bytes: Buffer | string, type = 'audio/wav'): FormData {
  const form = new FormData();
  form.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type }), name);
  return form;
}

export async function upload(agent: Agent, name: string, tone: ToneOptions = { seconds: 2 }) {
  const reply = await agent.request('POST', '/api/v1/uploads', { form: wavForm(name, wavBytes(tone)), xsrf: true });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.fileEntry as { id: number; duration: number };
}

let counter = 0;
/** The smallest valid publish body for an upload; names are unique per call. */
export function publishBody(fileEntryId: number, overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    file_entry_id: fileEntryId,
    name: `Test Beat ${process.pid}-${counter}`,
    image: 'https://open.beatpass.ca/storage/covers/test.jpg',
    artists: ['CURRENT_USER'],
    genres: ['trap'],
    bpm: 140,
    key: 'F#',
    scale: 'minor',
    licensing_type: 'non_exclusive_only',
    ...overrides,
  };
}

export async function publish(agent: Agent, fileEntryId: number, overrides: Record<string, unknown> = {}) {
  const reply = await agent.request('POST', '/api/v1/tracks', { json: publishBody(fileEntryId, overrides), xsrf: true });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.track as { id: number; name: string; duration: number };
}
