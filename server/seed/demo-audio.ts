// Real audio for a few demo tracks, so that the sandbox's download, Range and waveform
// routes work out of the box: a 30-second loop at each track's tempo (kick, hats and a pad),
// rendered deterministically, analysed and stored exactly as an upload would be.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Storage } from '../storage/storage.js';
import { analyseWav } from '../domains/tracks/audio-analysis.js';
import { wavFileEntry } from '../domains/tracks/repository.js';
import type { Db } from '../db/connection.js';
import { fileEntries, tracks } from '../db/schema.js';

const SAMPLE_RATE = 8000;
const SECONDS = 30;

export function renderDemoLoop(bpm: number, seed: number): Buffer {
  const frames = SAMPLE_RATE * SECONDS;
  const buffer = Buffer.alloc(44 + frames * 2);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + frames * 2, 4);
  buffer.write('WAVEfmt ', 8, 'ascii');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(SAMPLE_RATE, 24);
  buffer.writeUInt32LE(SAMPLE_RATE * 2, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(frames * 2, 40);
  const beat = (60 / bpm) * SAMPLE_RATE;
  const root = 110 * 2 ** ((seed % 7) / 12);
  let noise = seed || 1;
  for (let i = 0; i < frames; i++) {
    const t = (i % beat) / SAMPLE_RATE;
    const kick = Math.sin(2 * Math.PI * (50 + 70 * Math.exp(-t * 30)) * t) * Math.exp(-t * 8);
    noise = (noise * 1103515245 + 12345) & 0x7fffffff;
    const offbeat = ((i + beat / 2) % beat) / SAMPLE_RATE;
    const hat = ((noise / 0x7fffffff) * 2 - 1) * Math.exp(-offbeat * 60) * 0.25;
    const s = i / SAMPLE_RATE;
    const pad = (Math.sin(2 * Math.PI * root * s) + Math.sin(2 * Math.PI * root * 1.2 * s) + Math.sin(2 * Math.PI * root * 1.5 * s)) * 0.08;
    const fade = Math.min(1, s / 2, (SECONDS - s) / 2);
    buffer.writeInt16LE(Math.round(Math.max(-1, Math.min(1, (kick * 0.6 + hat + pad) * fade)) * 32767), 44 + i * 2);
  }
  return buffer;
}

/** Gives the newest `count` tracks of the given owner a rendered loop as their audio. */
export async function seedDemoAudio(db: Db, storage: Storage, ownerId: number, count = 6): Promise<number> {
  const targets = await db
    .select()
    .from(tracks)
    .where(and(eq(tracks.ownerId, ownerId), isNull(tracks.fileEntryId)))
    .orderBy(desc(tracks.createdAt))
    .limit(count);
  for (const track of targets) {
    const temp = join(storage.tempDir, `${randomUUID()}.wav`);
    const bytes = renderDemoLoop(track.bpm, track.id);
    await writeFile(temp, bytes);
    const analysis = await analyseWav(temp);
    const key = await storage.adopt(temp, 'wav');
    await db.transaction(async (tx) => {
      const [entry] = await tx
        .insert(fileEntries)
        .values(wavFileEntry({ ownerId, originalName: `${track.name}.wav`, sizeBytes: bytes.length, storageKey: key }, analysis))
        .returning();
      await tx.update(tracks).set({ fileEntryId: entry!.id, durationMs: analysis.durationMs }).where(eq(tracks.id, track.id));
    });
  }
  return targets.length;
}
