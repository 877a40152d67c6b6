/** A 422 response for one field, in Laravel's shape. */
export function invalidField(field: string, message: string) {
  return { status: 422 as const, body: { message, errors: { [field]: [message] } } };
}
