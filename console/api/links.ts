/** Minting signed survey links (docs/contract.md §10). */
import type { LinkMint, LinksMinted } from '../../shared/schemas/links';
import { getJson } from './client';

export type { LinksMinted };

export function mintLinks(site: string, survey: string, body: LinkMint): Promise<LinksMinted> {
  return getJson<LinksMinted>(`/v1/admin/sites/${encodeURIComponent(site)}/surveys/${encodeURIComponent(survey)}/links`, { method: 'POST', body });
}
