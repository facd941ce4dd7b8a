/** The team's endpoints (members, API keys, the audit log), typed with shared/'s schemas. */
import type { ApiKeyCreate, ApiKeyCreated, ApiKeyInfo, AuditPage, Member, MemberList, MemberPut } from '../../shared/schemas/team';
import { getJson } from './client';

export type { ApiKeyCreated, ApiKeyInfo, AuditPage, Member, MemberList };

const member = (email: string) => `/v1/admin/members/${encodeURIComponent(email)}`;

export function listMembers(signal?: AbortSignal): Promise<MemberList> {
  return getJson<MemberList>('/v1/admin/members', { signal });
}

/** Add a member, or change its role and sites. */
export function putMember(email: string, body: MemberPut): Promise<Member> {
  return getJson<Member>(member(email), { method: 'PUT', body });
}

export function removeMember(email: string): Promise<void> {
  return getJson(member(email), { method: 'DELETE' });
}

export async function listApiKeys(signal?: AbortSignal): Promise<ApiKeyInfo[]> {
  return (await getJson<{ keys: ApiKeyInfo[] }>('/v1/admin/api-keys', { signal })).keys;
}

/** The key is in this answer only: it cannot be shown again. */
export function createApiKey(body: ApiKeyCreate): Promise<ApiKeyCreated> {
  return getJson<ApiKeyCreated>('/v1/admin/api-keys', { method: 'POST', body });
}

export function revokeApiKey(id: string): Promise<void> {
  return getJson(`/v1/admin/api-keys/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export interface AuditFilter {
  site?: string;
  actor?: string;
  action?: string;
  cursor?: string;
}

export function readAudit(filter: AuditFilter, signal?: AbortSignal): Promise<AuditPage> {
  return getJson<AuditPage>('/v1/admin/audit', { query: { ...filter, limit: 50 }, signal });
}
