import type { components } from '../../../generated/api.js';

// The platform's exclusive-license terms (ExclusiveLicenseConfig), the value of every key a
// producer's preset or default leaves out. Figures from BeatPass's help pages (license
// configuration): publishing 20/80, Worldwide, United States law, 3% producer royalty, WAV,
// tagged WAV, MP3 320 and stems, broad rights. The arbitration seat is designed here, to
// match the governing law.
export const PLATFORM_EXCLUSIVE_LICENSE_CONFIG = {
  publishing_share: { producer: 20, licensee: 80 },
  territory: 'Worldwide',
  governing_law_country: 'United States',
  arbitration_location: { state_province: 'New York', country: 'United States' },
  broadcasting_rights: true,
  streaming_rights: true,
  performances_for_profit: true,
  files_to_deliver: ['wav', 'wav_tagged', 'mp3_320', 'stems'],
  producer_royalty_percentage: 3,
  exclusive_rights: true,
  transferable: false,
  content_id_registration_allowed: true,
  distribute_copies_allowed: 'unlimited',
  audio_streams_allowed: 'unlimited',
  monetized_music_videos_allowed: 'unlimited',
  non_monetized_music_videos_allowed: 'unlimited',
  monetized_video_streams_allowed: 'unlimited',
  non_monetized_video_streams_allowed: 'unlimited',
  radio_stations_allowed: 'unlimited',
  performances_not_for_profit_allowed: 'unlimited',
} as const satisfies components['schemas']['ExclusiveLicenseConfig'];

/** Non-exclusive terms are the platform's, the same for every track (live shows capped at 50 attendees). */
export const NON_EXCLUSIVE_LICENSE_TERMS = {
  publishing_share: { producer: 20, licensee: 80 },
  territory: 'Worldwide',
  exclusive_rights: false,
  transferable: false,
  live_performance_attendee_cap: 50,
  files_to_deliver: ['wav'],
} as const;
