import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { openApiDocument } from '../../worker/openapi';

const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { parameters: { name: string; in: string }[] }>> };

describe('GET /v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('covers every API route of the app, and nothing the app does not route', () => {
    const routed = new Set(
      app.routes
        // Middleware, CORS preflights, and the development-only demo page are not API.
        .filter((r) => r.method !== 'ALL' && r.method !== 'OPTIONS' && !r.path.startsWith('/demo'))
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`),
    );
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)));
    expect([...routed].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((d) => !routed.has(d))).toEqual([]);
  });

  it('derives parameters from the shared schemas', () => {
    const scores = doc.paths['/v1/sites/{site}/scores']!.get!;
    expect(scores.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      'path:site', 'query:kind', 'query:survey', 'query:from', 'query:to', 'query:interval', 'query:tz', 'query:touchpoint', 'query:channel', 'query:reason', 'query:group_by', 'query:compare',
      'query:calendar', 'query:week_start',
    ]);
    const compare = scores.parameters.find((p) => p.name === 'compare') as unknown as { schema: { enum: string[] } };
    expect(compare.schema.enum).toEqual(['previous', 'previous_month', 'previous_year']);
    const exported = doc.paths['/v1/sites/{site}/responses']!.get!.parameters.map((p) => p.name);
    expect(exported).toEqual(expect.arrayContaining(['tz', 'calendar', 'bom', 'band', 'min_score', 'max_score', 'has_comment', 'q', 'reason']));
    const config = doc.paths['/v1/sites/{site}/config']!.get!.parameters.map((p) => `${p.in}:${p.name}`);
    expect(config).toEqual(['path:site', 'query:locale']);
    const body = (doc.paths['/v1/responses']!.post as unknown as { requestBody: { content: Record<string, { schema: { required: string[]; properties: Record<string, { type?: string }> } }> } }).requestBody;
    const schema = body.content['application/json']!.schema;
    expect(schema.required).toEqual(['id', 'site', 'survey', 'score']);
    expect(schema.properties.meta!.type).toBe('object');
  });
});
