/** `GET /v1/sites/{site}/meta`: what the console needs to know of a site to offer its filters. */
import type { Kind } from '../../shared/kinds';

export interface SiteMeta {
  site: string;
  name: string;
  journey: string[];
  surveys: { id: string; kind: Kind; name?: string | null; active: boolean }[];
  /** Seen in the last 90 days. */
  touchpoints: string[];
  channels: string[];
}
