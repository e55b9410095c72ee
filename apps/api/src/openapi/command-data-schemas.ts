/**
 * The `data` of each command type, for the OpenAPI document, generated from the domain's own
 * schemas (the ones the pipeline validates with), so that the document cannot drift from the
 * rules. Descriptive only: the pipeline remains the judge, with the contract's messages.
 */
import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import {
  PARTICIPANT_COMMAND_SCHEMAS,
  STUDY_COMMAND_SCHEMAS,
  type FieldRule,
  type Schema,
} from '../../../../libs/trial-domain/src';

const MAX_STRING = 2000;

const ruleSchema = (rule: FieldRule): SchemaObject => {
  switch (rule.kind) {
    case 'string':
      return {
        type: 'string',
        minLength: rule.allowEmpty ? 0 : 1,
        maxLength: MAX_STRING,
        ...(rule.pattern && { pattern: rule.pattern.source }),
      };
    case 'recordId':
      return { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' };
    case 'reason':
      return {
        type: 'string',
        maxLength: MAX_STRING,
        description: 'At least one non-whitespace character (422 otherwise)',
      };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
      return {
        type: 'integer',
        ...(rule.min !== undefined && { minimum: rule.min }),
        ...(rule.max !== undefined && { maximum: rule.max }),
      };
    case 'number':
      return {
        type: 'number',
        ...(rule.min !== undefined && { minimum: rule.min }),
        ...(rule.exclusiveMin && { exclusiveMinimum: true }),
        ...(rule.max !== undefined && { maximum: rule.max }),
        ...(rule.maxDecimals !== undefined && { description: `At most ${rule.maxDecimals} decimal place(s)` }),
      };
    case 'enum':
      return { type: 'string', enum: [...rule.values] };
    case 'enumSet':
      return {
        type: 'array',
        uniqueItems: true,
        items: { type: 'string', enum: [...rule.values] },
        ...(rule.nonEmpty && { minItems: 1 }),
      };
    case 'objects':
      return { type: 'array', items: objectSchema(rule.of), ...(rule.nonEmpty && { minItems: 1 }) };
    case 'object':
      return { type: 'object', additionalProperties: true };
  }
};

const objectSchema = (schema: Schema): SchemaObject => ({
  type: 'object',
  additionalProperties: false,
  required: Object.entries(schema)
    .filter(([, f]) => !f.optional)
    .map(([k]) => k),
  properties: Object.fromEntries(
    Object.entries(schema).map(([k, f]) => [
      k,
      { ...ruleSchema(f.rule), ...(f.nullMeansAbsent && { nullable: true }) },
    ]),
  ),
});

/** Adds `<Type>Data` schemas and makes the envelope's `data` one of them. */
export const addCommandDataSchemas = (document: OpenAPIObject, envelopeSchemaName: string): OpenAPIObject => {
  const schemas = (document.components ??= {}).schemas ?? (document.components.schemas = {});
  const all: Record<string, Schema> = { ...STUDY_COMMAND_SCHEMAS, ...PARTICIPANT_COMMAND_SCHEMAS };
  for (const [type, schema] of Object.entries(all))
    schemas[`${type}Data`] = { ...objectSchema(schema), title: `${type} data` };
  const envelope = schemas[envelopeSchemaName] as SchemaObject | undefined;
  const data = envelope?.properties?.['data'] as SchemaObject | undefined;
  if (envelope?.properties && data)
    envelope.properties['data'] = {
      description: data.description,
      oneOf: Object.keys(all).map((type) => ({ $ref: `#/components/schemas/${type}Data` })),
    };
  return document;
};
