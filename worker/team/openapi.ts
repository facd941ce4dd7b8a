/** The team's endpoints in the OpenAPI document (rows of the operation table in ../openapi.ts). */
import { AuditPage, AuditQuery, ApiKeyCreate, ApiKeyCreated, ApiKeyId, ApiKeyList, Email, Member, MemberList, MemberPut } from '../../shared/schemas/team';
import type { Operation } from '../openapi-operation';

const member = { email: Email };

export const TEAM_OPERATIONS: Operation[] = [
  { method: 'get', path: '/v1/admin/members', summary: 'The members, and the bootstrap owners of OWNER_EMAILS', tag: 'team', responses: { 200: MemberList }, errors: [] },
  { method: 'put', path: '/v1/admin/members/{email}', summary: 'Add a member or change its role and sites; the last owner stays an owner (409)', tag: 'team', path_params: member, body: MemberPut, responses: { 200: Member }, errors: [400, 409, 413, 415] },
  { method: 'delete', path: '/v1/admin/members/{email}', summary: 'Remove a member; never the last owner (409)', tag: 'team', path_params: member, responses: { 204: null }, errors: [400, 404, 409] },
  { method: 'post', path: '/v1/admin/api-keys', summary: 'Create an API key with scopes and sites; the key is shown once', tag: 'team', body: ApiKeyCreate, responses: { 201: ApiKeyCreated }, errors: [400, 413, 415] },
  { method: 'get', path: '/v1/admin/api-keys', summary: 'API keys by prefix, newest first, revoked ones with when (never the keys)', tag: 'team', responses: { 200: ApiKeyList }, errors: [] },
  { method: 'delete', path: '/v1/admin/api-keys/{id}', summary: 'Revoke an API key: its next request is 401', tag: 'team', path_params: { id: ApiKeyId }, responses: { 204: null }, errors: [404] },
  { method: 'get', path: '/v1/admin/audit', summary: 'The audit log, newest first: who changed what (field names, never values)', tag: 'team', query: AuditQuery, responses: { 200: AuditPage }, errors: [400] },
];
