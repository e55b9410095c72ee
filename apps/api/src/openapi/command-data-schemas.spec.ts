import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import { addCommandDataSchemas } from './command-data-schemas';

describe('the command data schemas of the OpenAPI document', () => {
  it('document ReportAdverseEvent awareOn as an optional date, from the domain schema', () => {
    const doc = addCommandDataSchemas(
      { openapi: '3.0.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas: {} } } as OpenAPIObject,
      'CommandEnvelope',
    );
    const data = doc.components?.schemas?.['ReportAdverseEventData'] as SchemaObject;
    expect(data.properties?.['awareOn']).toEqual({ type: 'string', format: 'date' });
    expect(data.required).not.toContain('awareOn');
    expect(data.required).toContain('onsetOn');
  });
});
