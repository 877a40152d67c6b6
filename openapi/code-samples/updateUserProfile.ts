import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

try {
  const { user } = unwrap(
    await api.PUT('/api/v1/users/profile/update', { body: { display_name: 'Maya Lopez', username: 'maya.lopez', country: 'CA', timezone: 'America/Toronto' } }),
  );
  console.log(user.username, user.timezone);
} catch (error) {
  // 422: show the field errors next to their inputs (a taken username, an unknown time zone).
  if (!(error instanceof BeatPassError && error.status === 422)) throw error;
  console.log(error.fieldErrors.username?.[0] ?? error.fieldErrors.timezone?.[0]);
}
