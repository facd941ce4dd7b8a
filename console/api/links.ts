/** Minting signed survey links (docs/contract.md §10). */
import type { LinkMint, LinksMinted } from '../../shared/schemas/links';
import { getJson } from './client';
import { segment } from './path';

export type { LinksMinted };

export function mintLinks(site: string, survey: string, body: LinkMint): Promise<LinksMinted> {
  return getJson<LinksMinted>(`/v1/admin/sites/${segment('site', site)}/surveys/${segment('survey', survey)}/links`, { method: 'POST', body });
}
