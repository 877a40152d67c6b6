// Generates real WAV files for tests: a sine tone whose amplitude envelope is known, so
// duration and peaks can be asserted exactly.
import { writeFileSync } from 'node:fs';

export interface ToneOptions {
  seconds: number;
  sampleRate?: number;
  channels?: number;
  /** Amplitude (0..1) as a function of the position in the file (0..1). */
  envelope?: (position: number) => number;
}

export function wavBytes({ seconds, sampleRate = 8000, channels = 1, envelope = () => 0.5 }: ToneOptions): Buffer {
  const frames = Math.round(seconds * sampleRate);
  const dataLength = frames * channels * 2;
  const buffer = Buffer.alloc(44 + dataLength);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + dataLength, 4);
  buffer.write('WAVE', 8, 'ascii');
  buffer.write('fmt ', 12, 'ascii');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(channels, 22);
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * channels * 2, 28);
  buffer.writeUInt16LE(channels * 2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(dataLength, 40);
  for (let i = 0; i < frames; i++) {
    // A 440 Hz tone at 8 kHz reaches its crest within every slice of a few hundred frames.
    const value = Math.sin((2 * Math.PI * 440 * i) / sampleRate) * envelope(i / frames);
    for (let c = 0; c < channels; c++) buffer.writeInt16LE(Math.round(value * 32767), 44 + (i * channels + c) * 2);
  }
  return buffer;
}

export function writeWav(path: string, options: ToneOptions): void {
  writeFileSync(path, wavBytes(options));
}
