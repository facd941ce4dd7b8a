/**
 * The triggers that keep the rollups equal to the raw answers, generated from
 * shared/rollups.ts. Migrations hold this text verbatim (a migration is
 * plain SQL); a Worker test checks that the triggers in the database are
 * exactly these, so a change of the rollup shape cannot leave them behind:
 * a migration that changes the shape drops both triggers and creates them
 * again with what this prints.
 */
import { HISTOGRAM_SLOTS } from '../../shared/kinds';
import { ROLLUP_KEY, rollupRowsSql } from '../../shared/rollups';

const HISTOGRAM = Array.from({ length: HISTOGRAM_SLOTS }, (_, i) => `h${i}`);

/** `CREATE TRIGGER responses_rollup_insert …` (or `_delete`, which takes the answer out again). */
export function rollupTriggerSql(op: 'insert' | 'delete'): string {
  const row = op === 'insert' ? 'NEW' : 'OLD';
  const sign = op === 'insert' ? '' : '-';
  const seconds = `(${row}.created_at / 1000)`;
  const counts = HISTOGRAM.map((_, score) => `${sign}(${row}.score = ${score})`).join(', ');
  const rows = rollupRowsSql('answers', { locale: `${row}.locale`, country: `${row}.country`, device: `${row}.device` });
  return `CREATE TRIGGER responses_rollup_${op} AFTER ${op.toUpperCase()} ON responses
BEGIN
  INSERT INTO rollups (${ROLLUP_KEY}, ${HISTOGRAM.join(', ')}, shown, dismissed)
  SELECT ${row}.survey, r.grain, r.dim, ${seconds} - ${seconds} % r.grain, ${row}.touchpoint, ${row}.channel, r.value,
         ${counts}, 0, 0
    FROM (${rows}) AS r
   WHERE true
  ON CONFLICT (${ROLLUP_KEY}) DO UPDATE SET
    ${HISTOGRAM.map((h) => `${h} = ${h} + excluded.${h}`).join(',\n    ')};
END;`;
}
