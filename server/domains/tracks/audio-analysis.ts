// What an upload must be to become a track: a WAV file holding at least one second of audio.
// Everything comes from the file's own chunks, and the duration from the sample data actually
// present: a header may claim hours that the file does not hold.
import { computePeaks, frameCount, InvalidWavError, readWavLayout } from './wav.js';

export const PEAK_COUNT = 512;
export const MIN_DURATION_MS = 1000;
/**
 * The sample rates accepted. The floor also bounds the duration: a data chunk holds at most
 * 4 GiB, which at 8 kHz is about 149 hours, well inside the integer column it is stored in.
 */
export const MIN_SAMPLE_RATE = 8_000;
export const MAX_SAMPLE_RATE = 384_000;

export interface AudioAnalysis {
  durationMs: number;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  peaks: number[];
}

export class RejectedAudioError extends Error {}

const NOT_WAV = 'The file must be a WAV audio file.';

export async function analyseWav(path: string): Promise<AudioAnalysis> {
  let layout;
  try {
    layout = await readWavLayout(path);
  } catch (err) {
    if (err instanceof InvalidWavError) throw new RejectedAudioError(NOT_WAV);
    throw err;
  }
  if (layout.sampleRate < MIN_SAMPLE_RATE || layout.sampleRate > MAX_SAMPLE_RATE) {
    throw new RejectedAudioError(`The sample rate must be between ${MIN_SAMPLE_RATE} and ${MAX_SAMPLE_RATE} Hz.`);
  }
  const durationMs = Math.round((frameCount(layout) * 1000) / layout.sampleRate);
  if (durationMs < MIN_DURATION_MS) throw new RejectedAudioError('The audio must be at least 1 second long.');
  return {
    durationMs,
    sampleRate: layout.sampleRate,
    channels: layout.channels,
    bitsPerSample: layout.bitsPerSample,
    peaks: await computePeaks(path, layout, PEAK_COUNT),
  };
}
