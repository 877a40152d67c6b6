// Producers name exports like "Night Ride 140bpm F#m.wav"; the publish form is prefilled
// from what such a name says. Only explicit tags are read: a bare capital letter is a word.
export interface FileNameHints {
  name: string;
  bpm: number | null;
  key: string | null;
  scale: 'major' | 'minor' | null;
}

const BPM = /\b(\d{2,3})\s?bpm\b/i;
const KEY = /(?<![\w#])([A-G])([#b♯♭]?)\s?(maj(?:or)?|min(?:or)?|m)(?![\w#])|(?<![\w#])([A-G])([#♯b♭])(?![\w#])/;

export function hintsFromFileName(fileName: string): FileNameHints {
  let rest = fileName.replace(/\.[a-z0-9]{2,4}$/i, '').replace(/_+/g, ' ');
  let bpm: number | null = null;
  const bpmMatch = BPM.exec(rest);
  if (bpmMatch) {
    const value = Number(bpmMatch[1]);
    if (value >= 60 && value <= 200) bpm = value;
    rest = rest.replace(bpmMatch[0], ' ');
  }
  let key: string | null = null;
  let scale: FileNameHints['scale'] = null;
  const keyMatch = KEY.exec(rest);
  if (keyMatch) {
    const letter = keyMatch[1] ?? keyMatch[4]!;
    const accidental = (keyMatch[2] ?? keyMatch[5] ?? '').replace('♯', '#').replace('♭', 'b');
    key = letter + accidental;
    const quality = keyMatch[3]?.toLowerCase();
    scale = quality === undefined ? null : quality.startsWith('maj') ? 'major' : 'minor';
    rest = rest.replace(keyMatch[0], ' ');
  }
  const name = rest
    .replace(/(\s*[-–|]\s*){2,}/g, ' - ')
    .replace(/^(\s*[-–|]\s*)+|(\s*[-–|]\s*)+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { name: name || fileName, bpm, key, scale };
}
