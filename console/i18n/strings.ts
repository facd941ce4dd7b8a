/**
 * `t(key, values)`: the console's strings in the current language, from a
 * small table per language (en.ts is the source of keys; fa.ts and ar.ts
 * are checked against it by the type system and loaded only when chosen).
 * `{name}` placeholders take values already formatted for the language.
 */
import { signal } from '@preact/signals';
import type { ErrorCode } from '../../shared/schemas/error';
import { en } from './en';
import type { enInbox } from './en-inbox';
import type { enTeam } from './en-team';
import type { enWebhooks } from './en-webhooks';
import { lang, rememberLang, type Lang } from './lang';

export type StringKey = keyof typeof en | keyof typeof enTeam | keyof typeof enInbox | keyof typeof enWebhooks;
type Table = Record<StringKey, string>;

/** English strings of views that come in a chunk of their own (en-team.ts, en-inbox.ts, en-webhooks.ts), taken when it loads. */
let laterEnglish: Partial<Table> = {};

export function addEnglish(table: Partial<Table>): void {
  laterEnglish = { ...laterEnglish, ...table };
}

const tables = signal<Partial<Record<Lang, Partial<Table>>>>({ en });

/**
 * A table as the build ships it (console/build.ts): fa and ar as their strings
 * in en's key order, then one object of the keys en does not hold (the team's,
 * whose English comes later); keyed again here.
 */
function keyed(table: Partial<Table> | readonly unknown[]): Partial<Table> {
  if (!Array.isArray(table)) return table as Partial<Table>;
  const keys = Object.keys(en);
  return { ...Object.fromEntries(keys.map((key, i) => [key, table[i]])), ...(table[keys.length] as Partial<Table>) };
}

const LOADERS: Record<Lang, () => Promise<Partial<Table>>> = {
  en: async () => en,
  fa: async () => keyed((await import('./fa')).fa),
  ar: async () => keyed((await import('./ar')).ar),
};

/** Load a language's table (once); resolve when `t` can speak it. */
export async function loadStrings(language: Lang): Promise<void> {
  if (tables.value[language]) return;
  const table = await LOADERS[language]();
  tables.value = { ...tables.value, [language]: table };
}

/** Switch language once its strings are loaded, so that no screen shows half of each. */
export async function setLang(next: Lang): Promise<void> {
  await loadStrings(next);
  rememberLang(next);
}

export function t(key: StringKey, values: Record<string, string> = {}): string {
  const text = tables.value[lang.value]?.[key] ?? (en as Partial<Table>)[key] ?? laterEnglish[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * Every error code of the contract, and the client's own (`network`,
 * `client`), has its words in the tables: a code without them fails the
 * typecheck here.
 */
const SAID: Record<`error.${ErrorCode | 'network' | 'client'}`, string> = en;

/** An API error code in words (the code itself is shown beside it); an unexpected answer (`http_502`) is "something went wrong". */
export function errorText(code: string): string {
  const key = `error.${code}`;
  return t(Object.hasOwn(SAID, key) ? (key as keyof typeof SAID) : 'error.other');
}
