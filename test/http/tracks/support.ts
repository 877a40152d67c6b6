import type { components } from '../../../generated/api.js';
import { expectStatus, type Agent, type CallInput } from '../../support/http.js';
import { wavBytes, type ToneOptions } from '../../support/wav.js';

/** What `createTrack` accepts, as the spec types it. */
export type CreateTrackBody = CallInput<'createTrack'>['body'];
type FileEntry = components['schemas']['FileEntry'];
type Track = components['schemas']['Track'];

export function wavForm(name: string, bytes: Buffer | string, type = 'audio/wav'): FormData {
  const form = new FormData();
  form.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type }), name);
  return form;
}

export async function upload(agent: Agent, name: string, tone: ToneOptions = { seconds: 2 }): Promise<FileEntry> {
  const reply = await agent.call('uploadTrackAudio', { form: wavForm(name, wavBytes(tone)) });
  expectStatus(reply, 201);
  return reply.body.fileEntry;
}

let counter = 0;
/** The smallest valid publish body for an upload, typed; names are unique per call. */
export function createTrackBody(fileEntryId: number, overrides: CreateTrackBody = {}): CreateTrackBody {
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

/**
 * The smallest valid publish body for an upload; names are unique per call. The overrides
 * need not be valid (for `callUnchecked` and raw requests); `createTrackBody` is the typed one.
 */
export function publishBody(fileEntryId: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...createTrackBody(fileEntryId), ...overrides };
}

export async function publish(agent: Agent, fileEntryId: number, overrides: CreateTrackBody = {}): Promise<Track> {
  const reply = await agent.call('createTrack', { body: createTrackBody(fileEntryId, overrides) });
  expectStatus(reply, 200);
  return reply.body.track;
}
