// Generates real WAV files for tests: a sine tone whose amplitude envelope is known, so
// duration and peaks can be asserted exactly. Its header can be made to lie about the audio,
// as a doctored or truncated file does.
import { writeFileSync } from 'node:fs';

export interface ToneOptions {
  seconds: number;
  sampleRate?: number;
  channels?: number;
  /** Amplitude (0..1) as a function of the position in the file (0..1). */
  envelope?: (position: number) => number;
  /** The data chunk's length the header claims, instead of the real one (a file cut short). */
  claimedDataBytes?: number;
  /** The block alignment (bytes per frame) the format chunk claims, instead of the real one. */
  claimedBlockAlign?: number;
  /** Adds a `fact` chunk claiming this many frames. */
  claimedFrames?: number;
}

export function wavBytes({
  seconds,
  sampleRate = 8000,
  channels = 1,
  envelope = () => 0.5,
  claimedDataBytes,
  claimedBlockAlign,
  claimedFrames,
}: ToneOptions): Buffer {
  const frames = Math.round(seconds * sampleRate);
  const dataLength = frames * channels * 2;
  const fact = claimedFrames === undefined ? 0 : 12;
  const dataStart = 44 + fact;
  const buffer = Buffer.alloc(dataStart + dataLength);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(Math.min(0xffffffff, dataStart - 8 + (claimedDataBytes ?? dataLength)), 4);
  buffer.write('WAVE', 8, 'ascii');
  buffer.write('fmt ', 12, 'ascii');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(channels, 22);
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * channels * 2, 28);
  buffer.writeUInt16LE(claimedBlockAlign ?? channels * 2, 32);
  buffer.writeUInt16LE(16, 34);
  if (claimedFrames !== undefined) {
    buffer.write('fact', 36, 'ascii');
    buffer.writeUInt32LE(4, 40);
    buffer.writeUInt32LE(claimedFrames, 44);
  }
  buffer.write('data', dataStart - 8, 'ascii');
  buffer.writeUInt32LE(claimedDataBytes ?? dataLength, dataStart - 4);
  for (let i = 0; i < frames; i++) {
    // A 440 Hz tone at 8 kHz reaches its crest within every slice of a few hundred frames.
    const value = Math.sin((2 * Math.PI * 440 * i) / sampleRate) * envelope(i / frames);
    for (let c = 0; c < channels; c++) buffer.writeInt16LE(Math.round(value * 32767), dataStart + (i * channels + c) * 2);
  }
  return buffer;
}

export function writeWav(path: string, options: ToneOptions): void {
  writeFileSync(path, wavBytes(options));
}
