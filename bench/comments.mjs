/**
 * Comments for the themes bench: answers with comments written in SQLite
 * straight into a local D1 file (the rollup triggers fire as in production).
 * Words are made up, Zipf-distributed over a vocabulary per script (Persian,
 * Arabic, Latin letters), with spellings that fold together (Arabic yeh and
 * kaf, half-spaces, plurals) and a few words that lean to the low or the high
 * band, so that the answer has themes on both sides to compute. Deterministic.
 */
import { DatabaseSync } from 'node:sqlite';

const DAY = 86_400_000;
const SCRIPTS = [
  { letters: 'ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی', plural: '‌ها' },
  { letters: 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي', prefix: 'ال' },
  { letters: 'abcdefghijklmnoprstuvwy', plural: 's' },
];
const VOCABULARY = 3000;

function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function vocabulary(rand, letters) {
  return Array.from({ length: VOCABULARY }, () => Array.from({ length: 3 + Math.floor(rand() * 6) }, () => letters[Math.floor(rand() * letters.length)]).join(''));
}

/** A Zipf-like pick: word k with weight 1/(k+1). */
function zipf(rand, words) {
  const k = Math.floor(Math.exp(rand() * Math.log(words.length + 1))) - 1;
  return words[Math.min(words.length - 1, Math.max(0, k))];
}

/**
 * Seed `volumes` (e.g. [10_000, 50_000]) commented NPS answers, each volume
 * its own site `bench-themes-<n>`, spread over [to − 30 days, to).
 */
export function seedComments(file, { volumes, to }) {
  const db = new DatabaseSync(file);
  const rand = random(42);
  const words = SCRIPTS.map((s) => vocabulary(rand, s.letters));
  const from = to - 30 * DAY;
  const started = performance.now();
  const sites = {};
  try {
    db.exec('PRAGMA synchronous = OFF;');
    for (const volume of volumes) {
      const site = `bench-themes-${volume}`;
      sites[volume] = site;
      db.prepare('INSERT INTO sites (key, name, origins, created_at) VALUES (?, ?, ?, ?)').run(site, `Bench themes ${volume}`, '[]', from);
      db.prepare('INSERT INTO surveys (id, site, kind, definition, active, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)').run(
        `${site}-nps`, site, 'nps', JSON.stringify({ question: { en: 'Bench?' } }), from, from,
      );
      const insert = db.prepare(
        `INSERT INTO responses (id, site, survey, kind, score, comment, commented_at, touchpoint, locale, country, device, created_at)
         VALUES (?, ?, ?, 'nps', ?, ?, ?, '', ?, '', 'desktop', ?)`,
      );
      db.exec('BEGIN');
      for (let i = 0; i < volume; i++) {
        const lang = i % 3;
        const script = SCRIPTS[lang];
        const score = Math.floor(rand() * 11);
        const lexicon = words[lang];
        const length = 5 + Math.floor(rand() * 20);
        const comment = [];
        for (let w = 0; w < length; w++) {
          // Word 10–19 of each script lean to the low band, 20–29 to the high one.
          let word = rand() < 0.15 ? lexicon[score <= 6 ? 10 + Math.floor(rand() * 10) : 20 + Math.floor(rand() * 10)] : zipf(rand, lexicon);
          if (script.plural && rand() < 0.1) word += script.plural;
          if (script.prefix && rand() < 0.3) word = script.prefix + word;
          comment.push(word);
        }
        const at = from + Math.floor(((i + rand()) / volume) * (to - from));
        insert.run(`${volume.toString(16).padStart(8, '0')}-0000-7000-8000-${i.toString(16).padStart(12, '0')}`, site, `${site}-nps`, score, comment.join(rand() < 0.1 ? '، ' : ' '), at, ['fa', 'ar', 'en'][lang], at);
      }
      db.exec('COMMIT');
    }
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const stats = db.prepare("SELECT COUNT(*) AS n, AVG(length(comment)) AS chars FROM responses WHERE site LIKE 'bench-themes-%'").get();
    return { sites, seconds: (performance.now() - started) / 1000, comments: stats.n, meanCharacters: stats.chars };
  } finally {
    db.close();
  }
}
