// One form for every caller: a comment and its author's public profile are what the
// waveform shows anyone.
import type { components } from '../../../generated/api.js';
import { serializeUser } from '../users/serializers.js';
import type { CommentWithAuthor } from './repository.js';

export function serializeComment({ comment, author }: CommentWithAuthor): components['schemas']['Comment'] {
  const deleted = comment.deletedAt !== null;
  return {
    id: comment.id,
    content: deleted ? '' : comment.content,
    position: comment.position,
    depth: comment.parentId === null ? 0 : 1,
    parent_id: comment.parentId,
    deleted,
    user: deleted ? null : serializeUser(author, false),
    model_type: 'comment',
    created_at: comment.createdAt.toISOString(),
  };
}
