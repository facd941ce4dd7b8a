/** Clearing a site's answers and counts (the demo seed does, before writing fresh ones). */

/**
 * Statements that remove every answer of the site (the delete trigger takes
 * each out of the rollups) and then the rollup rows of its surveys, exposure
 * counts included, and the counts of links minted for them.
 */
export function clearSiteAnswers(db: D1Database, site: string): D1PreparedStatement[] {
  return [
    db.prepare('DELETE FROM responses WHERE site = ?').bind(site),
    db.prepare('DELETE FROM rollups WHERE survey IN (SELECT id FROM surveys WHERE site = ?)').bind(site),
    db.prepare('DELETE FROM link_mints WHERE survey IN (SELECT id FROM surveys WHERE site = ?)').bind(site),
  ];
}
