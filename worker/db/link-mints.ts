/**
 * Links minted, counted per survey, channel, touchpoint and bucket at the
 * rollups' grains: the denominator of a link channel's response rate
 * (docs/contract.md §17). No row per link. Read by the same plan as the
 * rollups (the ranges of a RollupRead), so the counts fall into buckets the
 * way answers do, in any zone.
 */
import { GRAINS_SQL, type RollupRange } from '../../shared/rollups';
import type { LinkChannel } from '../../shared/schemas/channel';

export interface LinkMintCount {
  survey: string;
  channel: LinkChannel;
  /** Unix ms of the minting. */
  at: number;
  /** The touchpoint of each link minted (undefined: none). A reusable link is one link. */
  touchpoints: readonly (string | undefined)[];
}

/** The one statement that adds a mint's links to every grain's bucket of its time. */
export function countLinkMints(db: D1Database, mint: LinkMintCount): D1PreparedStatement {
  // A Map, not an object: a touchpoint may be named `constructor`.
  const links = new Map<string, number>();
  for (const touchpoint of mint.touchpoints) links.set(touchpoint ?? '', (links.get(touchpoint ?? '') ?? 0) + 1);
  return db
    .prepare(
      `INSERT INTO link_mints (survey, channel, grain, start, touchpoint, links)
       SELECT ?1, ?2, g.grain, ?3 - ?3 % g.grain, t.key, t.value
         FROM (${GRAINS_SQL}) AS g CROSS JOIN json_each(?4) AS t
        WHERE true
       ON CONFLICT (survey, channel, grain, start, touchpoint) DO UPDATE SET links = links + excluded.links`,
    )
    .bind(mint.survey, mint.channel, Math.floor(mint.at / 1000), JSON.stringify(Object.fromEntries(links)));
}

export interface LinkMintRow {
  grain: number;
  start: number;
  /** '' unless the read keeps touchpoints apart. */
  touchpoint: string;
  links: number;
}

export interface LinkMintRead {
  surveys: string[];
  channel: LinkChannel;
  touchpoint?: string;
  /** Keep touchpoints apart (a `group_by=touchpoint`); otherwise they are summed. */
  byTouchpoint: boolean;
  ranges: RollupRange[];
}

function mintQuery(db: D1Database, read: LinkMintRead): D1PreparedStatement {
  const params: unknown[] = [JSON.stringify(read.surveys), JSON.stringify(read.ranges.map((p) => [p.grain, p.lo, p.hi])), read.channel];
  let filter = '';
  if (read.touchpoint !== undefined) {
    params.push(read.touchpoint);
    filter = ' AND m.touchpoint = ?4';
  }
  const touchpoint = read.byTouchpoint ? 'm.touchpoint' : `''`;
  return db
    .prepare(
      `SELECT m.grain, m.start, ${touchpoint} AS touchpoint, SUM(m.links) AS links
         FROM json_each(?1) AS s
        CROSS JOIN json_each(?2) AS p
        CROSS JOIN link_mints AS m
        WHERE m.survey = s.value
          AND m.channel = ?3
          AND m.grain = json_extract(p.value, '$[0]')
          AND m.start >= json_extract(p.value, '$[1]')
          AND m.start < json_extract(p.value, '$[2]')${filter}
        GROUP BY m.grain, m.start${read.byTouchpoint ? ', m.touchpoint' : ''}`,
    )
    .bind(...params);
}

/** The rows of each read, in order, and D1's `rows_read` summed over them. */
export async function readLinkMints(db: D1Database, reads: LinkMintRead[]): Promise<{ rows: LinkMintRow[][]; rowsRead: number }> {
  const live = reads.filter((read) => read.surveys.length > 0);
  if (live.length === 0) return { rows: reads.map(() => []), rowsRead: 0 };
  const answers = await db.batch<LinkMintRow>(live.map((read) => mintQuery(db, read)));
  let next = 0;
  return {
    rows: reads.map((read) => (read.surveys.length > 0 ? answers[next++]!.results : [])),
    rowsRead: answers.reduce((sum, a) => sum + (a.meta.rows_read ?? 0), 0),
  };
}
