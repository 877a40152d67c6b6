// What an upload must be to become a track: a WAV file of at least one second. music-metadata
// reads the container's duration, rate and channels; peaks come from the samples themselves.
import { parseFile } from 'music-metadata';
import { computePeaks, InvalidWavError, readWavLayout } from './wav.js';

export const PEAK_COUNT = 512;
export const MIN_DURATION_MS = 1000;

export interface AudioAnalysis {
  durationMs: number;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  peaks: number[];
}

export class RejectedAudioError extends Error {}

export async function analyseWav(path: string): Promise<AudioAnalysis> {
  let metadata;
  try {
    metadata = await parseFile(path, { duration: true, skipCovers: true });
  } catch {
    throw new RejectedAudioError('The file must be a WAV audio file.');
  }
  const { format } = metadata;
  // A file that merely claims to be WAV parses without audio; check what was actually read.
  if (format.container !== 'WAVE' || !format.hasAudio || !format.duration || !format.sampleRate || !format.numberOfChannels) {
    throw new RejectedAudioError('The file must be a WAV audio file.');
  }
  const durationMs = Math.round(format.duration * 1000);
  if (durationMs < MIN_DURATION_MS) throw new RejectedAudioError('The audio must be at least 1 second long.');
  try {
    const layout = await readWavLayout(path);
    return {
      durationMs,
      sampleRate: format.sampleRate,
      channels: format.numberOfChannels,
      bitsPerSample: layout.bitsPerSample,
      peaks: await computePeaks(path, layout, PEAK_COUNT),
    };
  } catch (err) {
    if (err instanceof InvalidWavError) throw new RejectedAudioError('The file must be a WAV audio file.');
    throw err;
  }
}
