/**
 * `t(key, values)`: the console's strings in the current language, from a
 * small table per language (en.ts is the source of keys; fa.ts and ar.ts
 * are checked against it by the type system). `{name}` placeholders take
 * values already formatted for the language.
 */
import { ar } from './ar';
import { en } from './en';
import { fa } from './fa';
import { lang, type Lang } from './lang';

export type StringKey = keyof typeof en;

const TABLES: Record<Lang, Record<StringKey, string>> = { en, fa, ar };

export function t(key: StringKey, values: Record<string, string> = {}): string {
  const text = TABLES[lang.value][key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** An API error code in words (the code itself is shown beside it). */
export function errorText(code: string): string {
  const key = `error.${code}` as StringKey;
  return key in en ? t(key) : t('error.other');
}
