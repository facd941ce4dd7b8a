/** Surveys: kind and state in columns, the rest of the definition as JSON. */
import type { Kind } from '../../shared/kinds';
import type { SurveyConfig, SurveyCreate, SurveyRecord } from '../../shared/schemas/survey';
import { isoUtc } from '../../shared/time';
import { type AuditRecord, auditStatement } from './audit';

/** The parts of a survey kept in its `definition` JSON column. */
export type SurveyDefinition = Omit<SurveyCreate, 'kind' | 'active'>;

export interface SurveyRow {
  id: string;
  kind: Kind;
  definition: string;
  active: number;
  created_at: number;
  updated_at: number;
}

export const SURVEY_COLUMNS = 'id, kind, definition, active, created_at, updated_at';

export function toRecord(row: SurveyRow): SurveyRecord {
  const definition = JSON.parse(row.definition) as SurveyDefinition;
  return {
    id: row.id,
    kind: row.kind,
    ...definition,
    active: row.active === 1,
    created_at: isoUtc(row.created_at),
    updated_at: isoUtc(row.updated_at),
  };
}

/** What the widget needs of a survey, nothing more. */
export function toConfig(record: SurveyRecord): SurveyConfig {
  const { name: _name, active: _active, created_at: _created, updated_at: _updated, ...config } = record;
  return config;
}

export async function insertSurvey(db: D1Database, site: string, id: string, survey: SurveyCreate, now: number, audit: AuditRecord): Promise<void> {
  const { kind, active, ...definition } = survey;
  await db.batch([
    db
      .prepare(`INSERT INTO surveys (${SURVEY_COLUMNS}, site, paused_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .bind(id, kind, JSON.stringify(definition), active ? 1 : 0, now, now, site, active ? null : now),
    auditStatement(db, audit),
  ]);
}

export async function getSurvey(db: D1Database, site: string, id: string): Promise<SurveyRecord | null> {
  const row = await db.prepare(`SELECT ${SURVEY_COLUMNS} FROM surveys WHERE site = ? AND id = ?`).bind(site, id).first<SurveyRow>();
  return row ? toRecord(row) : null;
}

export async function listSurveys(db: D1Database, site: string, options: { activeOnly: boolean }): Promise<SurveyRecord[]> {
  const filter = options.activeOnly ? ' AND active = 1' : '';
  const { results } = await db
    .prepare(`SELECT ${SURVEY_COLUMNS} FROM surveys WHERE site = ?${filter} ORDER BY created_at, id`)
    .bind(site)
    .all<SurveyRow>();
  return results.map(toRecord);
}

export async function replaceSurvey(db: D1Database, site: string, record: SurveyRecord, now: number, audit: AuditRecord): Promise<void> {
  const { id, kind, active, created_at: _c, updated_at: _u, ...definition } = record;
  await db.batch([
    db
      .prepare(
        `UPDATE surveys SET kind = ?1, definition = ?2, active = ?3, updated_at = ?4,
                paused_at = CASE WHEN ?3 = 1 THEN NULL WHEN active = 1 THEN ?4 ELSE paused_at END
          WHERE site = ?5 AND id = ?6`,
      )
      .bind(kind, JSON.stringify(definition), active ? 1 : 0, now, site, id),
    auditStatement(db, audit, { ifChanged: true }),
  ]);
}

/** Ids of a site's surveys of one kind, paused ones included (their history still counts). */
export async function surveyIdsOfKind(db: D1Database, site: string, kind: Kind): Promise<string[]> {
  const { results } = await db.prepare('SELECT id FROM surveys WHERE site = ? AND kind = ?').bind(site, kind).all<{ id: string }>();
  return results.map((r) => r.id);
}
