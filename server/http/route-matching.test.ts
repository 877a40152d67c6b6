import { describe, expect, it } from 'vitest';
import { findOperation } from './route-matching.js';

describe('finding the operation of a request', () => {
  it('prefers a literal path segment over a placeholder', () => {
    expect(findOperation('POST', '/api/v1/tracks/wave-batch').operation?.operationId).toBe('getTrackWaves');
    expect(findOperation('GET', '/api/v1/tracks/42').operation?.operationId).toBe('getTrack');
  });

  it('hands over path parameters decoded, as strings for validation to coerce', () => {
    const match = findOperation('GET', '/api/v1/tags/hip%20hop/tracks');
    expect(match.operation?.operationId).toBe('listTagTracks');
    expect(match.params).toEqual({ tag_name: 'hip hop' });
    expect(findOperation('POST', '/api/v1/tracks/plays/7/log').params).toEqual({ track_id: '7' });
  });

  it('answers HEAD with the GET operation and tells a known path from an unknown one', () => {
    expect(findOperation('HEAD', '/api/v1/tracks').operation?.operationId).toBe('listTracks');
    const wrongMethod = findOperation('PATCH', '/api/v1/tracks');
    expect([wrongMethod.operation, wrongMethod.pathKnown]).toEqual([undefined, true]);
    const unknownPath = findOperation('GET', '/api/v1/nothing-here');
    expect([unknownPath.operation, unknownPath.pathKnown]).toEqual([undefined, false]);
  });
});
