// Reads a value as one of the spec's component schemas, after checking it against that
// schema: how a test reads the rich tier of a reply whose type is the union of the tiers
// (a signed-in caller gets `Track`, not `TrackPublic`), failing if the server sent the other.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';
import type { components } from '../../generated/api.js';
import { spec } from '../fuzz/spec.js';

type Schemas = components['schemas'];

// ajv-formats is CommonJS; under ESM the callable is sometimes behind `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
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
