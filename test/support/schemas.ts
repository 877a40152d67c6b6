// Reads a value as one of the spec's component schemas, after checking it against that
// schema: how a test reads the rich tier of a reply whose type is the union of the tiers
// (a signed-in caller gets `Track`, not `TrackPublic`), failing if the server sent the other.
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import type { components } from '../../generated/api.js';
import { contractAjv as ajv, spec } from '../fuzz/spec.js';

type Schemas = components['schemas'];

const validators = new Map<string, ValidateFunction>();

function validatorOf(name: string): ValidateFunction {
  let validate = validators.get(name);
  if (!validate) {
    const schema = (spec.components.schemas as Record<string, object | undefined>)[name];
    if (!schema) throw new Error(`No schema ${name} in the spec`);
    validate = ajv.compile(schema);
    validators.set(name, validate);
  }
  return validate;
}

/** `value` as the component schema `name`; the test fails if it does not match it. */
export function asSchema<N extends keyof Schemas>(name: N, value: unknown): Schemas[N] {
  const validate = validatorOf(name);
  expect(validate(value), `expected a ${name}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(value)?.slice(0, 300)}`).toBe(true);
  return value as Schemas[N];
}
