// Reads a WAV file's PCM samples as a stream and reduces them to waveform peaks, without
// holding the file in memory. Supports integer PCM (8, 16, 24, 32 bit) and 32-bit float,
// plain or WAVE_FORMAT_EXTENSIBLE.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

export interface WavLayout {
  format: 'pcm' | 'float';
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  dataOffset: number;
  dataLength: number;
}

export class InvalidWavError extends Error {}

/** Walks the RIFF chunks to find the format and the sample data. */
export async function readWavLayout(path: string): Promise<WavLayout> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const header = Buffer.alloc(12);
    await file.read(header, 0, 12, 0);
    if (header.toString('ascii', 0, 4) !== 'RIFF' || header.toString('ascii', 8, 12) !== 'WAVE') {
      throw new InvalidWavError('not a RIFF/WAVE file');
    }
    let fmt: Omit<WavLayout, 'dataOffset' | 'dataLength'> | undefined;
    let offset = 12;
    const chunk = Buffer.alloc(8);
    while (offset + 8 <= size) {
      await file.read(chunk, 0, 8, offset);
      const id = chunk.toString('ascii', 0, 4);
      const length = chunk.readUInt32LE(4);
      const body = offset + 8;
      if (id === 'fmt ') {
        if (length < 16) throw new InvalidWavError('WAV format chunk too short');
        const f = Buffer.alloc(Math.min(length, 40));
        await file.read(f, 0, f.length, body);
        let tag = f.readUInt16LE(0);
        if (tag === 0xfffe && f.length >= 26) tag = f.readUInt16LE(24);
        const bitsPerSample = f.readUInt16LE(14);
        const format = tag === 1 ? 'pcm' : tag === 3 && bitsPerSample === 32 ? 'float' : undefined;
        if (!format || ![8, 16, 24, 32].includes(bitsPerSample)) throw new InvalidWavError(`unsupported WAV encoding ${tag}/${bitsPerSample}`);
        const channels = f.readUInt16LE(2);
        const sampleRate = f.readUInt32LE(4);
        if (channels < 1 || sampleRate < 1) throw new InvalidWavError('invalid WAV format chunk');
        fmt = { format, channels, sampleRate, bitsPerSample };
      } else if (id === 'data') {
        if (!fmt) throw new InvalidWavError('data chunk before format chunk');
        // The header's length is a claim; a file cut short holds only what is there.
        return { ...fmt, dataOffset: body, dataLength: Math.min(length, size - body) };
      }
      offset = body + length + (length % 2);
    }
    throw new InvalidWavError('no data chunk');
  } finally {
    await file.close();
  }
}

/** Whole sample frames (one sample per channel) in the data the file holds. */
export function frameCount(layout: WavLayout): number {
  return Math.floor(layout.dataLength / ((layout.bitsPerSample / 8) * layout.channels));
}

/** Peak amplitude (0..1, three decimals) of each of `count` equal slices of the audio. */
export async function computePeaks(path: string, layout: WavLayout, count: number): Promise<number[]> {
  const bytesPerSample = layout.bitsPerSample / 8;
  const frameBytes = bytesPerSample * layout.channels;
  const frames = frameCount(layout);
  if (frames === 0) return [];
  const peaks = new Array<number>(count).fill(0);
  const read = sampleReader(layout);
  let frame = 0;
  let leftover: Buffer = Buffer.alloc(0);
  const stream = createReadStream(path, { start: layout.dataOffset, end: layout.dataOffset + frames * frameBytes - 1, highWaterMark: 1 << 20 });
  for await (const piece of stream as AsyncIterable<Buffer>) {
    const buffer = leftover.length > 0 ? Buffer.concat([leftover, piece]) : piece;
    const usable = buffer.length - (buffer.length % frameBytes);
    for (let at = 0; at < usable; at += frameBytes, frame++) {
      const bucket = Math.min(count - 1, Math.floor((frame * count) / frames));
      let peak = peaks[bucket]!;
      for (let c = 0; c < layout.channels; c++) {
        const value = Math.abs(read(buffer, at + c * bytesPerSample));
        if (value > peak) peak = value;
      }
      peaks[bucket] = peak;
    }
    leftover = buffer.subarray(usable);
  }
  return peaks.map((p) => Math.round(Math.min(1, p) * 1000) / 1000);
}

function sampleReader({ format, bitsPerSample }: WavLayout): (buffer: Buffer, at: number) => number {
  if (format === 'float') return (b, at) => b.readFloatLE(at);
  switch (bitsPerSample) {
    case 8:
      return (b, at) => (b[at]! - 128) / 128;
    case 16:
      return (b, at) => b.readInt16LE(at) / 32768;
    case 24:
      return (b, at) => b.readIntLE(at, 3) / 8388608;
    default:
      return (b, at) => b.readInt32LE(at) / 2147483648;
  }
}
