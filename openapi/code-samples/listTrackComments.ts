import { createBeatPassClient, paginate } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

// Threads newest first, each comment followed by its replies; 20 a page by default.
for await (const comment of paginate(api, '/api/v1/tracks/{track_id}/comments', { params: { path: { track_id: 900000001 } } })) {
  const indent = '  '.repeat(comment.depth);
  const at = comment.position === null ? '' : ` @${comment.position}s`;
  console.log(`${indent}${comment.user?.display_name ?? '[deleted]'}${at}: ${comment.content}`);
}
