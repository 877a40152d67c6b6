import { describe, expect, it } from 'vitest';
import { invalid, invalidField, validationMessage } from './responses.js';

describe("the 422 message (Laravel's rule)", () => {
  it('is the only message when there is one', () => {
    expect(validationMessage({ name: ['The name field is required.'] })).toBe('The name field is required.');
  });

  it('is the first message and how many more follow, across fields and within one', () => {
    expect(validationMessage({ name: ['The name field is required.'], bpm: ['The bpm field must be an integer.'] })).toBe(
      'The name field is required. (and 1 more error)',
    );
    expect(validationMessage({ name: ['A.', 'B.'], bpm: ['C.'], key: ['D.'] })).toBe('A. (and 3 more errors)');
  });

  it('falls back to a generic message without any', () => {
    expect(validationMessage({})).toBe('The given data was invalid.');
  });

  it('is what invalid() and invalidField() answer with, as a 422 in the documented shape', () => {
    expect(invalid({ a: ['First.'], b: ['Second.'] })).toEqual({
      status: 422,
      body: { message: 'First. (and 1 more error)', errors: { a: ['First.'], b: ['Second.'] } },
    });
    expect(invalidField('user_id', 'The selected user id is invalid.')).toEqual({
      status: 422,
      body: { message: 'The selected user id is invalid.', errors: { user_id: ['The selected user id is invalid.'] } },
    });
  });
});
