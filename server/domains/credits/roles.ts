import type { components } from '../../../generated/api.js';

export type CreditRole = components['schemas']['CreditRole'];

/**
 * Every credit role with its help text, in picker order. Typed by the spec's CreditRole
 * enumeration, so a role added to or removed from the spec fails the build until this follows.
 */
export const CREDIT_ROLES: Readonly<Record<CreditRole, string>> = Object.freeze({
  Producer: 'Made the beat or led the production of the track.',
  'Co-Producer': 'Shared the production with another producer.',
  'Additional Producer': "Added production elements (drums, a melody, a bridge) to another producer's beat.",
  'Executive Producer': 'Oversaw the project and its budget rather than one beat.',
  Songwriter: 'Wrote lyrics or top-line melodies.',
  Composer: 'Wrote the music (chords, melodies, arrangement of the instrumental).',
  Arranger: "Arranged the song's structure or its instrumental parts.",
  Programmer: 'Programmed drums, synths or sequences.',
  Engineer: 'Engineered the session in general.',
  'Recording Engineer': 'Recorded the vocals or instruments.',
  'Mixing Engineer': 'Mixed the track.',
  'Mastering Engineer': 'Mastered the track.',
  Instrumentalist: 'Played an instrument on the recording.',
  Vocalist: 'Sang or rapped on the recording without being a featured artist.',
  'Featured Artist': 'Credited as a featured artist on the release.',
});
