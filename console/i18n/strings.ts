/**
 * `t(key, values)`: the console's strings in the current language, from a
 * small table per language (en.ts is the source of keys; fa.ts and ar.ts
 * are checked against it by the type system and loaded only when chosen).
 * `{name}` placeholders take values already formatted for the language.
 */
import { signal } from '@preact/signals';
import { en } from './en';
import { lang, rememberLang, type Lang } from './lang';

export type StringKey = keyof typeof en;
type Table = Record<StringKey, string>;

const tables = signal<Partial<Record<Lang, Table>>>({ en });

const LOADERS: Record<Lang, () => Promise<Table>> = {
  en: async () => en,
  fa: async () => (await import('./fa')).fa,
  ar: async () => (await import('./ar')).ar,
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
  const text = tables.value[lang.value]?.[key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Is this a key of the tables? For keys made of what the API sends (an error code, a device class). */
export function isStringKey(key: string): key is StringKey {
  return Object.hasOwn(en, key);
}

/** An API error code in words (the code itself is shown beside it). */
export function errorText(code: string): string {
  const key = `error.${code}`;
  return isStringKey(key) ? t(key) : t('error.other');
}
