import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Step 3 of publishing: the upload from POST /api/v1/uploads becomes a track.
try {
  const { track } = unwrap(await api.POST('/api/v1/tracks', {
    body: {
      file_entry_id: 900000001,
      name: 'Midnight Drive',
      image: 'https://open.beatpass.ca/storage/covers/midnight-drive.jpg',
      artists: ['CURRENT_USER'],
      genres: ['trap'],
      bpm: 140,
      key: 'F#',
      scale: 'minor',
      price: 29.99,
      currency: 'USD',
      licensing_type: 'both',
      exclusive_status: 'available',
      exclusive_price: 499,
      exclusive_currency: 'USD',
      exclusive_contact_email: 'nova@beatpass.test',
    },
  }));
  console.log(track.id, track.duration_text);
} catch (error) {
  // 422: show each message next to its form field.
  if (error instanceof BeatPassError && error.status === 422) console.log(error.fieldErrors);
  else throw error;
}
