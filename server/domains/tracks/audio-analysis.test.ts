import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeWav } from '../../../test/support/wav.js';
import { analyseWav, PEAK_COUNT, RejectedAudioError } from './audio-analysis.js';

const dir = mkdtempSync(join(tmpdir(), 'beatpass-wav-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('analyseWav', () => {
  it('reads duration, rate and channels and computes peaks that follow the envelope', async () => {
    const path = join(dir, 'ramp.wav');
    writeWav(path, { seconds: 3, sampleRate: 8000, channels: 2, envelope: (p) => (p < 0.5 ? 0.25 : 0.75) });
    const analysis = await analyseWav(path);
    expect(analysis).toMatchObject({ durationMs: 3000, sampleRate: 8000, channels: 2, bitsPerSample: 16 });
    expect(analysis.peaks).toHaveLength(PEAK_COUNT);
    expect(analysis.peaks.slice(10, PEAK_COUNT / 2 - 10).every((p) => Math.abs(p - 0.25) < 0.01)).toBe(true);
    expect(analysis.peaks.slice(PEAK_COUNT / 2 + 10, -10).every((p) => Math.abs(p - 0.75) < 0.01)).toBe(true);
  });

  it('rejects audio shorter than a second', async () => {
    const path = join(dir, 'short.wav');
    writeWav(path, { seconds: 0.5 });
    await expect(analyseWav(path)).rejects.toThrow(new RejectedAudioError('The audio must be at least 1 second long.'));
  });

  it('rejects a file that is not WAV audio, whatever its name', async () => {
    const path = join(dir, 'fake.wav');
    writeFileSync(path, 'this is not audio at all, just text pretending to be a .wav file');
    await expect(analyseWav(path)).rejects.toThrow(RejectedAudioError);
    const truncated = join(dir, 'truncated.wav');
    writeFileSync(truncated, Buffer.from('RIFF\u0024\u0000\u0000\u0000WAVEfmt ', 'latin1'));
    await expect(analyseWav(truncated)).rejects.toThrow(RejectedAudioError);
  });
});
