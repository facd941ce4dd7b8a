/** What a link's page reads: its survey, its site's name, whether its user was erased, and its answer. */
import type { SurveyRecord } from '../../shared/schemas/survey';
import { type SurveyRow, SURVEY_COLUMNS, toRecord } from './surveys';

/** What a link's page reads of its answer: whether there is one yet, and whether it may still get a comment. */
export interface LinkAnswer {
  score: number;
  commented: boolean;
  /** Unix ms. */
  createdAt: number;
}

export interface LinkRecords {
  survey: SurveyRecord;
  siteName: string;
  /** The link's user is on the site's suppression list. */
  suppressed: boolean;
  /** The answer stored under the link's answer id, if any (never for a reusable link). */
  answer: LinkAnswer | null;
}

/**
 * Everything a link's page needs, in one read: the survey (null when it or
 * its site is gone), the site's name, the suppression of any of `userHashes`,
 * and the answer stored under `answerId`.
 */
export async function readLink(
  db: D1Database,
  args: { site: string; survey: string; userHashes: readonly string[]; answerId: string | null },
): Promise<LinkRecords | null> {
  const row = await db
    .prepare(
      `SELECT ${SURVEY_COLUMNS.split(', ').map((c) => `s.${c}`).join(', ')}, t.name AS site_name,
              EXISTS (SELECT 1 FROM suppressed_users WHERE site = ?1 AND hash IN (SELECT value FROM json_each(?3))) AS suppressed,
              r.score AS answer_score, r.comment IS NOT NULL AS answer_commented, r.created_at AS answer_at
         FROM surveys AS s JOIN sites AS t ON t.key = s.site
         LEFT JOIN responses AS r ON r.id = ?4 AND r.site = ?1
        WHERE s.site = ?1 AND s.id = ?2`,
    )
    .bind(args.site, args.survey, JSON.stringify(args.userHashes), args.answerId)
    .first<SurveyRow & { site_name: string; suppressed: number; answer_score: number | null; answer_commented: number; answer_at: number | null }>();
  if (!row) return null;
  return {
    survey: toRecord(row),
    siteName: row.site_name,
    suppressed: row.suppressed === 1,
    answer: row.answer_score === null ? null : { score: row.answer_score, commented: row.answer_commented === 1, createdAt: row.answer_at! },
  };
}
