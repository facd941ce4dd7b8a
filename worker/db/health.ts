/** Does the database answer at all? (GET /healthz) */
export async function databaseAnswers(db: D1Database): Promise<boolean> {
  try {
    await db.prepare('SELECT 1').first();
    return true;
  } catch {
    return false;
  }
}
