import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

try {
  const { added_count, duplicate_count } = unwrap(
    await api.POST('/api/v1/users/me/add-to-library', {
      body: {
        likeables: [
          { likeable_id: 900000001, likeable_type: 'track' },
          { likeable_id: 900000001, likeable_type: 'artist' },
        ],
      },
    }),
  );
  console.log(`${added_count} saved, ${duplicate_count} already there`);
} catch (error) {
  // 409: everything was already saved, which is what we wanted.
  if (!(error instanceof BeatPassError && error.status === 409)) throw error;
}
