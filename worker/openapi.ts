/**
 * The OpenAPI 3.1 document, generated from the same valibot schemas the
 * Worker validates with: one operation table below, JSON Schema from
 * @valibot/to-json-schema. Served at GET /v1/openapi.json.
 */
import { type ConversionConfig, toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { Locale, RECORD_BEHIND_GUARD, SiteKey, SurveyId, UserId, Uuid } from '../shared/schemas/common';
import { ErrorBody } from '../shared/schemas/error';
import { ExportQuery, ExportedResponse } from '../shared/schemas/export';
import { LinkAnswerForm, LinkCommentForm, LinkMint, LinkPageQuery, LinksMinted } from '../shared/schemas/links';
import { CommentBody, CommentStored, EventBody, ResponseBody, ResponseStored } from '../shared/schemas/response';
import { DueAnswer, DueBody } from '../shared/schemas/cooldown';
import { ReasonsBody, ReasonsStored } from '../shared/schemas/reasons';
import { ScoresQuery, ScoresResult } from '../shared/schemas/scores';
import { ThemesQuery, ThemesResult } from '../shared/schemas/themes';
import { KeyCreated, ReadKeyList, SessionInfo, Site, SiteCreate, SiteCreated, SiteMeta, SitePatch } from '../shared/schemas/site';
import { ConfigQuery, LocalConfig, SiteConfig, SurveyCreate, SurveyCreated, SurveyPatch, SurveyRecord } from '../shared/schemas/survey';
import { ROLE_ABILITIES, SCOPES, SCOPE_ABILITIES, whoMay } from '../shared/roles';
import { SiteValues, ValueFieldParam } from '../shared/schemas/values';
import type { Operation, Schema } from './openapi-operation';
import { permissionOf } from './permissions';
import { CASE_OPERATIONS } from './cases/openapi';
import { TEAM_OPERATIONS } from './team/openapi';
import { WEBHOOK_DELIVERIES, WEBHOOK_OPERATIONS } from './webhooks/openapi';

type JsonSchema = Record<string, unknown>;

const Ok = v.object({ ok: v.literal(true) });
const Sites = v.object({ sites: v.array(Site) });
const Surveys = v.object({ surveys: v.array(SurveyRecord) });
const Erased = v.object({ user: v.string(), deleted: v.number() });

const site = { site: SiteKey };
const token = { token: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+$/)) };
const Html = { media: 'text/html', schema: v.string() };
const OPERATIONS: Operation[] = [
  { method: 'get', path: '/healthz', summary: 'Liveness: 200 once the database answers', tag: 'meta', responses: { 200: Ok }, errors: [503] },
  { method: 'post', path: '/v1/noop', summary: 'Does nothing: the yardstick of npm run bench', tag: 'meta', responses: { 204: null }, errors: [] },
  { method: 'get', path: '/v1/openapi.json', summary: 'This document', tag: 'meta', responses: { 200: null }, errors: [] },
  { method: 'get', path: '/v1/sites/{site}/config', summary: "A site's active surveys and cooldown, for the widget (ETag, max-age=60); with locale, each survey as that visitor reads it", tag: 'public', path_params: site, query: ConfigQuery, responses: { 200: v.union([LocalConfig, SiteConfig]), 304: null }, errors: [403, 404] },
  { method: 'post', path: '/v1/responses', summary: 'Store an answer; the client UUID makes retries harmless', tag: 'public', body: ResponseBody, responses: { 201: ResponseStored, 200: ResponseStored }, errors: [400, 403, 404, 409, 413, 415, 429] },
  { method: 'post', path: '/v1/responses/{id}/comment', summary: 'Add the follow-up comment, once, within 60 minutes', tag: 'public', path_params: { id: Uuid }, body: CommentBody, responses: { 200: CommentStored }, errors: [400, 403, 404, 409, 413, 415, 429] },
  { method: 'post', path: '/v1/responses/{id}/reasons', summary: "Add the reasons chosen after the score (the survey's option ids), once, within 60 minutes", tag: 'public', path_params: { id: Uuid }, body: ReasonsBody, responses: { 200: ReasonsStored }, errors: [400, 403, 404, 409, 413, 415, 429] },
  { method: 'post', path: '/v1/events', summary: 'Count a survey shown or dismissed (response rates)', tag: 'public', body: EventBody, responses: { 204: null }, errors: [400, 403, 404, 413, 415, 429] },
  { method: 'post', path: '/v1/due', summary: "May this identified visitor be shown a survey now, under the site's cooldown?", tag: 'public', body: DueBody, responses: { 200: DueAnswer }, errors: [400, 403, 404, 413, 415, 429] },
  { method: 'get', path: '/v1/session', summary: 'Who is asking: a read key (and its site), the admin token, a member (email, role, sites) or an API key (prefix, scopes, sites)', tag: 'analyst', responses: { 200: SessionInfo }, errors: [401] },
  { method: 'get', path: '/v1/sites/{site}/meta', summary: "The site's name, journey, surveys, and the touchpoints and channels seen in 90 days", tag: 'analyst', path_params: site, responses: { 200: SiteMeta }, errors: [401, 403, 404] },
  { method: 'get', path: '/v1/sites/{site}/scores', summary: 'NPS, CSAT or CES with 95% intervals: total, series, groups, comparison', tag: 'analyst', path_params: site, query: ScoresQuery, responses: { 200: ScoresResult }, errors: [400, 401, 403, 404] },
  { method: 'get', path: '/v1/sites/{site}/themes', summary: 'What the low band talks about more (or less) than the rest: terms by weighted log-odds z, with count, spellings, score and examples', tag: 'analyst', path_params: site, query: ThemesQuery, responses: { 200: ThemesResult }, errors: [400, 401, 403, 404] },
  { method: 'get', path: '/v1/sites/{site}/responses', summary: 'Raw answers, NDJSON or CSV, paged by Link rel="next": oldest first (an export) or, with order=desc and filters, a comments feed', tag: 'analyst', path_params: site, query: ExportQuery, responses: { 200: { media: 'application/x-ndjson', schema: ExportedResponse } }, errors: [400, 401, 403, 404] },
  { method: 'post', path: '/v1/admin/sites', summary: 'Create a site; its first read key is shown once', tag: 'admin', body: SiteCreate, responses: { 201: SiteCreated }, errors: [400, 401, 413, 415, 503] },
  { method: 'get', path: '/v1/admin/sites', summary: 'The sites the caller reaches (every site for owners, admins of every site and the admin token)', tag: 'admin', responses: { 200: Sites }, errors: [401, 503] },
  { method: 'get', path: '/v1/admin/sites/{site}', summary: 'One site', tag: 'admin', path_params: site, responses: { 200: Site }, errors: [401, 404, 503] },
  { method: 'patch', path: '/v1/admin/sites/{site}', summary: "Rename a site, replace its origins, its journey or its touchpoints' labels, or set complete_after_s or cooldown_days", tag: 'admin', path_params: site, body: SitePatch, responses: { 200: Site }, errors: [400, 401, 404, 413, 415, 503] },
  { method: 'post', path: '/v1/admin/sites/{site}/surveys', summary: 'Create a survey (kind and question required)', tag: 'admin', path_params: site, body: SurveyCreate, responses: { 201: SurveyCreated }, errors: [400, 401, 404, 413, 415, 503] },
  { method: 'get', path: '/v1/admin/sites/{site}/surveys', summary: "A site's surveys, paused ones included", tag: 'admin', path_params: site, responses: { 200: Surveys }, errors: [401, 404, 503] },
  { method: 'get', path: '/v1/admin/sites/{site}/surveys/{id}', summary: 'One survey', tag: 'admin', path_params: { ...site, id: SurveyId }, responses: { 200: SurveyRecord }, errors: [401, 404, 503] },
  { method: 'patch', path: '/v1/admin/sites/{site}/surveys/{id}', summary: 'Change a survey; "active": false pauses it', tag: 'admin', path_params: { ...site, id: SurveyId }, body: SurveyPatch, responses: { 200: SurveyRecord }, errors: [400, 401, 404, 409, 413, 415, 503] },
  { method: 'post', path: '/v1/admin/sites/{site}/keys', summary: 'Mint a read key (shown once)', tag: 'admin', path_params: site, responses: { 201: KeyCreated }, errors: [401, 404, 503] },
  { method: 'get', path: '/v1/admin/sites/{site}/keys', summary: "A site's read keys by prefix, newest first, revoked ones with when (never the keys)", tag: 'admin', path_params: site, responses: { 200: ReadKeyList }, errors: [401, 404, 503] },
  { method: 'delete', path: '/v1/admin/sites/{site}/keys/{prefix}', summary: 'Revoke a read key by its prefix', tag: 'admin', path_params: { ...site, prefix: v.string() }, responses: { 204: null }, errors: [401, 404, 503] },
  { method: 'post', path: '/v1/admin/sites/{site}/surveys/{id}/links', summary: 'Mint 1 to 1,000 survey links (email, SMS, QR; encrypted tokens, "reusable" for a QR code or link many people use): page URLs, one URL per score, an email block of buttons', tag: 'admin', path_params: { ...site, id: SurveyId }, body: LinkMint, responses: { 201: LinksMinted }, errors: [400, 401, 404, 409, 413, 415, 503] },
  { method: 'get', path: '/r/{token}', summary: "A link survey's page: the score, a comment box and one send button (?score=N chooses N). Has no script and records nothing", tag: 'links', pages: true, path_params: token, query: LinkPageQuery, responses: { 200: Html }, errors: [400, 404, 410, 429, 503] },
  { method: 'post', path: '/r/{token}', summary: "Record the score and comment sent together: once per single-use link, once per send of a reusable one; 303 to the page", tag: 'links', pages: true, path_params: token, form: LinkAnswerForm, responses: { 303: null }, errors: [400, 403, 404, 409, 410, 413, 415, 429, 503] },
  { method: 'post', path: '/r/{token}/comment', summary: "Add the follow-up comment to an answer sent without one, once, within 60 minutes; 303 to the page", tag: 'links', pages: true, path_params: token, form: LinkCommentForm, responses: { 303: null }, errors: [400, 403, 404, 409, 410, 413, 415, 429, 503] },
  { method: 'get', path: '/r/{token}/comment', summary: 'The comment form opened as a page: 303 to the link page (a token that is not one: 404 page)', tag: 'links', pages: true, path_params: token, responses: { 303: null }, errors: [404, 503] },
  { method: 'get', path: '/preview/email/{site}/{survey}', summary: "An active survey's email block as a mail client shows it, for the console's sandboxed preview (no script; framed by this origin only)", tag: 'links', pages: true, path_params: { ...site, survey: SurveyId }, query: v.object({ locale: v.optional(Locale) }), responses: { 200: Html }, errors: [400, 404, 429] },
  { method: 'get', path: '/r/page.css', summary: "The link pages' stylesheet", tag: 'links', responses: { 200: { media: 'text/css', schema: v.string() } }, errors: [] },
  { method: 'get', path: '/r/theme/{color}', summary: "A survey's colour for its link pages (`1f6feb.css`)", tag: 'links', pages: true, path_params: { color: v.string() }, responses: { 200: { media: 'text/css', schema: v.string() } }, errors: [404] },
  { method: 'delete', path: '/v1/admin/sites/{site}/responses/{id}', summary: 'Erase one answer (its id stays, so a replay stores nothing), rollups included', tag: 'admin', path_params: { ...site, id: Uuid }, responses: { 204: null }, errors: [400, 401, 404, 503] },
  { method: 'delete', path: '/v1/admin/sites/{site}/users/{user}', summary: "Erase a user's answers (GDPR), rollups included, and suppress the user's links (410, nothing stored)", tag: 'admin', path_params: { ...site, user: UserId }, responses: { 200: Erased }, errors: [400, 401, 404, 503] },
  { method: 'get', path: '/v1/admin/sites/{site}/values', summary: "A site's value slots: its touchpoints and locales, each with its source and the day it was last seen", tag: 'admin', path_params: site, responses: { 200: SiteValues }, errors: [401, 404, 503] },
  { method: 'delete', path: '/v1/admin/sites/{site}/values/{field}/{value}', summary: 'Free a value slot (past answers keep their value); a journey step is freed by editing the journey', tag: 'admin', path_params: { ...site, field: ValueFieldParam, value: v.string() }, responses: { 204: null }, errors: [400, 401, 404, 409, 503] },
  ...WEBHOOK_OPERATIONS,
  ...CASE_OPERATIONS,
  ...TEAM_OPERATIONS,
];

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content', 303: 'See other (the page to show next)', 304: 'Not modified', 410: 'Gone (an expired link, a closed survey, or an erased user)', 400: 'Invalid body or query', 401: 'No credential, or a wrong one (bearer token or Access assertion)',
  403: 'Origin not allowed, a site out of reach, a role or scope that may not, or (not_a_member) a signed-in person who is not a member', 404: 'Unknown site, survey or resource', 409: 'Conflict', 412: 'Precondition failed (a stale If-Match)', 413: 'Body over 8 KiB',
  415: 'Content-Type is not JSON', 429: 'Rate limited (see Retry-After)', 503: 'Unavailable (e.g. ADMIN_TOKEN not set)',
};

function convert(schema: Schema, typeMode: 'input' | 'output'): JsonSchema {
  const config: ConversionConfig = {
    target: 'draft-2020-12',
    typeMode,
    errorMode: 'ignore',
    // A plain-object guard in front of a record (shared/schemas/common.ts)
    // would stop the conversion; describe the record behind it.
    overrideSchema: ({ valibotSchema }) => {
      const record = RECORD_BEHIND_GUARD.get(valibotSchema);
      return record ? convert(record, typeMode) : undefined;
    },
  };
  const { $schema: _ignored, ...json } = toJsonSchema(schema, config) as JsonSchema;
  return json;
}

/** The entries of an object schema, looking through a pipe (checks around it). */
function entriesOf(schema: Schema): Record<string, Schema> {
  const direct = (schema as { entries?: Record<string, Schema> }).entries;
  if (direct) return direct;
  const first = (schema as { pipe?: Schema[] }).pipe?.[0];
  return first ? entriesOf(first) : {};
}

function parameters(op: Operation): JsonSchema[] {
  const list: JsonSchema[] = [];
  for (const [name, schema] of Object.entries(op.path_params ?? {})) {
    list.push({ name, in: 'path', required: true, schema: convert(schema, 'input') });
  }
  for (const [name, schema] of Object.entries(op.query ? entriesOf(op.query) : {})) {
    list.push({ name, in: 'query', required: schema.type !== 'optional', schema: convert(schema, 'input') });
  }
  return list;
}

function responses(op: Operation): JsonSchema {
  const out: JsonSchema = {};
  for (const [status, spec] of Object.entries(op.responses)) {
    if (spec === null) out[status] = { description: STATUS_TEXT[Number(status)] };
    else if ('media' in spec) {
      const csv = spec.media === 'application/x-ndjson' ? { 'text/csv': { schema: { type: 'string' } } } : {};
      out[status] = { description: STATUS_TEXT[Number(status)], content: { [spec.media]: { schema: convert(spec.schema, 'output') }, ...csv } };
    }
    else out[status] = { description: STATUS_TEXT[Number(status)], content: { 'application/json': { schema: convert(spec, 'output') } } };
  }
  // Every guarded operation may refuse who asks.
  const guarded = permissionOf(routeOf(op)) !== 'public';
  const errors = [...new Set([...op.errors, ...(guarded ? [401, 403] : [])])].sort((a, b) => a - b);
  for (const status of errors) {
    const content = op.pages ? { 'text/html': { schema: { type: 'string' } } } : { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
    out[status] = { description: STATUS_TEXT[status], content };
  }
  return out;
}

/** The operation as a route of the app: `GET /v1/sites/:site/scores`. */
const routeOf = (op: Operation) => `${op.method.toUpperCase()} ${op.path.replace(/\{([A-Za-z]+)\}/g, ':$1')}`;

const SITES_IN_WORDS = { path: "on the path's site", every: 'on every site', own: 'on the sites the caller reaches' } as const;

/** Who may call an operation, from the permission table (worker/permissions.ts): security schemes and a sentence. */
function whoMayCall(op: Operation): { security: JsonSchema[]; description?: string } {
  const route = routeOf(op);
  const permission = permissionOf(route);
  if (permission === undefined) throw new Error(`${route} has no permission (worker/permissions.ts)`);
  if (permission === 'public') return { security: [] };
  const everyone = [{ adminToken: [] }, { cloudflareAccess: [] }, { apiKey: [] }, { readKey: [] }];
  if (permission === 'signed_in') return { security: everyone, description: 'Anyone signed in: a key, the admin token, or a member through Cloudflare Access.' };
  const { ability, sites } = permission;
  const security = everyone.filter(
    (scheme) =>
      !('readKey' in scheme || 'apiKey' in scheme) ||
      ('readKey' in scheme && ROLE_ABILITIES.viewer.includes(ability)) ||
      ('apiKey' in scheme && SCOPES.some((scope) => SCOPE_ABILITIES[scope].includes(ability))),
  );
  return { security, description: `Allowed to ${whoMay(ability)} (the admin token is an owner, a read key a viewer of its site), ${SITES_IN_WORDS[sites]}.` };
}

function operation(op: Operation): JsonSchema {
  const doc: JsonSchema = {
    operationId: `${op.method}${op.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    summary: op.summary,
    tags: [op.tag],
    parameters: parameters(op),
    responses: responses(op),
    ...whoMayCall(op),
  };
  if (op.form) {
    doc.requestBody = { required: true, content: { 'application/x-www-form-urlencoded': { schema: convert(op.form, 'input') } } };
  }
  if (op.body) {
    doc.requestBody = {
      required: !op.optional_body,
      content: {
        'application/json': { schema: convert(op.body, 'input') },
        'text/plain': { schema: { type: 'string', description: 'The same JSON, sent as text/plain (navigator.sendBeacon)' } },
      },
    };
  }
  return doc;
}

let cached: JsonSchema | null = null;

export function openApiDocument(): JsonSchema {
  if (cached) return cached;
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operation(op);
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'cx-feedback',
      version: '1',
      description: 'One-question NPS, CSAT and CES surveys: collection, scores with 95% intervals, export and administration.',
    },
    tags: [
      { name: 'public', description: 'Called by the widget; CORS only for the site origins' },
      { name: 'analyst', description: 'A read key of the site, an API key with scope read, the admin token, or a member through Cloudflare Access' },
      { name: 'admin', description: 'The admin token, an API key with scope manage, or an owner or admin through Cloudflare Access' },
      { name: 'cases', description: 'Follow-up cases: owners, admins and analysts of the site, the admin token, or an API key with scope cases' },
      { name: 'team', description: 'Members, API keys and the audit log' },
      { name: 'links', description: 'Pages of signed survey links (HTML, same-origin forms); a GET never records an answer' },
      { name: 'meta', description: 'Health and this document' },
    ],
    paths,
    webhooks: {
      delivery: {
        post: {
          summary: WEBHOOK_DELIVERIES.summary,
          description: WEBHOOK_DELIVERIES.description,
          requestBody: { required: true, content: { 'application/json': { schema: { oneOf: WEBHOOK_DELIVERIES.bodies.map((body) => convert(body, 'output')) } } } },
          responses: { 200: { description: 'Any 2xx: delivered' } },
        },
      },
    },
    components: {
      schemas: { Error: convert(ErrorBody, 'output') },
      securitySchemes: {
        readKey: { type: 'http', scheme: 'bearer', description: 'A read key of the site (cxr_…): a viewer of that site' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (cxk_…) with scopes read, cases or manage on its sites' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'The ADMIN_TOKEN secret: an owner' },
        cloudflareAccess: { type: 'apiKey', in: 'header', name: 'Cf-Access-Jwt-Assertion', description: 'A member signed in through Cloudflare Access (sent by Access itself)' },
      },
    },
  };
  return cached;
}
