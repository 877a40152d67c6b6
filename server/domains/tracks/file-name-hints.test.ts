import { describe, expect, it } from 'vitest';
import { hintsFromFileName } from './file-name-hints.js';

describe('hintsFromFileName', () => {
  it.each([
    ['Night Ride 140bpm F#m.wav', { name: 'Night Ride', bpm: 140, key: 'F#', scale: 'minor' }],
    ['sunset_vibes_92 BPM_Bb major.wav', { name: 'sunset vibes', bpm: 92, key: 'Bb', scale: 'major' }],
    ['Dark Lights - Cmin - 150bpm.WAV', { name: 'Dark Lights', bpm: 150, key: 'C', scale: 'minor' }],
    ['A Walk In The Park.wav', { name: 'A Walk In The Park', bpm: null, key: null, scale: null }],
    ['Too Fast 300bpm.wav', { name: 'Too Fast', bpm: null, key: null, scale: null }],
  ])('reads %s', (file, expected) => {
    expect(hintsFromFileName(file)).toEqual(expected);
  });
});
