import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import type { FastifyInstance } from 'fastify';

const common: Options = { useDefaults: true, removeAdditional: false, allErrors: false, strict: false };

type LazyValidator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * Bodies are validated exactly: `{"username": 1}` is an error, never the name "1". Path parameters and query
 * strings only ever arrive as text, so there numbers are read from their digits.
 *
 * Each schema is compiled on its route's first request rather than at start-up, where compiling every route's
 * schemas took a good part of the time to listening. Fastify reads a failed validation's `errors` from the
 * function it was given, so they are copied there.
 */
export function installValidation(app: FastifyInstance): void {
  let exact: Ajv | null = null;
  let fromText: Ajv | null = null;
  const compilerFor = (httpPart: string | undefined) =>
    httpPart === 'body' ? (exact ??= new Ajv({ ...common, coerceTypes: false })) : (fromText ??= new Ajv({ ...common, coerceTypes: true }));
  app.setValidatorCompiler(({ schema, httpPart }) => {
    let compiled: ValidateFunction | null = null;
    const validate: LazyValidator = (data) => {
      compiled ??= compilerFor(httpPart).compile(schema);
      const valid = compiled(data);
      validate.errors = compiled.errors;
      return valid;
    };
    return validate;
  });
}
