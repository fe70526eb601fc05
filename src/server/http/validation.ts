import { Ajv, type Options } from 'ajv';
import type { FastifyInstance } from 'fastify';

const common: Options = { useDefaults: true, removeAdditional: false, allErrors: false, strict: false };

/**
 * Bodies are validated exactly: `{"username": 1}` is an error, never the name "1". Path parameters and query
 * strings only ever arrive as text, so there numbers are read from their digits.
 */
export function installValidation(app: FastifyInstance): void {
  const exact = new Ajv({ ...common, coerceTypes: false });
  const fromText = new Ajv({ ...common, coerceTypes: true });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? exact : fromText).compile(schema));
}
