// `npm run sample:wav [file]`: writes a WAV to try the upload → publish flow with (README, "Trying
// it"): the same 30-second 140 bpm loop the sandbox seeds as demo audio, named the way producers
// name their files, so extract-metadata has a tempo and key to find in the name. It lands in the
// directory npm was run from (INIT_CWD), not the package root npm switches to.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderDemoLoop } from '../server/seed/demo-audio.js';

const BPM = 140;
const path = resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2] ?? `Night Ride ${BPM}bpm F#m.wav`);
writeFileSync(path, renderDemoLoop(BPM, 1));
console.log(`Wrote ${path}`);
