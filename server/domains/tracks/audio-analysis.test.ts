import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { wavBytes, writeWav } from '../../../test/support/wav.js';
import { analyseWav, MIN_SAMPLE_RATE, PEAK_COUNT, RejectedAudioError } from './audio-analysis.js';

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

  it('takes the duration from the audio the file holds, not from the length its header claims', async () => {
    const tenHours = 10 * 3600 * 8000;
    const claims = [{ claimedFrames: tenHours }, { claimedDataBytes: tenHours * 2 }, { claimedBlockAlign: 1 }];
    for (const [index, claim] of claims.entries()) {
      const path = join(dir, `claims-${index}.wav`);
      writeWav(path, { seconds: 2, ...claim });
      expect(await analyseWav(path), JSON.stringify(claim)).toMatchObject({ durationMs: 2000, sampleRate: 8000 });
    }
  });

  it('ignores header claims that would put the duration past what the column holds', async () => {
    for (const [index, claim] of [{ claimedBlockAlign: 0 }, { claimedFrames: 0xffffffff, sampleRate: 8000 }].entries()) {
      const path = join(dir, `claims-forever-${index}.wav`);
      writeWav(path, { seconds: 2, ...claim });
      expect((await analyseWav(path)).durationMs, JSON.stringify(claim)).toBe(2000);
    }
  });

  it('rejects a header that claims audio the file does not hold', async () => {
    const path = join(dir, 'header-only.wav');
    writeWav(path, { seconds: 0, claimedFrames: 10 * 3600 * 8000, claimedDataBytes: 10 * 3600 * 8000 * 2 });
    await expect(analyseWav(path)).rejects.toThrow(new RejectedAudioError('The audio must be at least 1 second long.'));
  });

  it('rejects sample rates outside 8 kHz to 384 kHz, which also bounds every duration', async () => {
    const path = join(dir, 'slow.wav');
    writeWav(path, { seconds: 20, sampleRate: 100 });
    await expect(analyseWav(path)).rejects.toThrow(new RejectedAudioError('The sample rate must be between 8000 and 384000 Hz.'));
    // The longest data chunk RIFF can describe, at the lowest rate, in the smallest frames.
    expect(Math.round((0xffffffff / MIN_SAMPLE_RATE) * 1000)).toBeLessThan(2 ** 31);
  });

  it('rejects a format chunk too short to hold a format', async () => {
    const path = join(dir, 'short-fmt.wav');
    const bytes = Buffer.from(wavBytes({ seconds: 2 }));
    bytes.writeUInt32LE(2, 16);
    writeFileSync(path, bytes);
    await expect(analyseWav(path)).rejects.toThrow(new RejectedAudioError('The file must be a WAV audio file.'));
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
