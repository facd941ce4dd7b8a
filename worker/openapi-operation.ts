/**
 * One row of the OpenAPI operation table (worker/openapi.ts): a route and the
 * shared schemas of what it takes and answers (who may call it is the
 * permission table's, worker/permissions.ts). Its own
 * module so that the tables of other parts (webhooks/openapi.ts) and the
 * document that gathers them do not import each other.
 */
import type * as v from 'valibot';

export type Schema = v.GenericSchema;

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path template, e.g. /v1/sites/{site}/scores. */
  path: string;
  summary: string;
  tag: 'public' | 'analyst' | 'admin' | 'cases' | 'team' | 'links' | 'meta';
  path_params?: Record<string, Schema>;
  query?: Schema;
  body?: Schema;
  /** The body may be left out. */
  optional_body?: true;
  /** A form post (application/x-www-form-urlencoded) instead of a JSON body. */
  form?: Schema;
  /** Answers and refusals are HTML pages, not JSON (the link pages). */
  pages?: true;
  /** Status → schema of the body (null: no body), or a media type and schema. */
  responses: Record<number, Schema | null | { media: string; schema: Schema }>;
  errors: number[];
}
