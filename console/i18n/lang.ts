/**
 * The console's language: en, fa or ar, chosen in the header and kept in
 * localStorage; first visit follows the browser. fa and ar are right to left.
 */
import { computed, effect, signal } from '@preact/signals';

export const LANGS = ['en', 'fa', 'ar'] as const;
export type Lang = (typeof LANGS)[number];
const KEY = 'cx:console:lang';

function initial(): Lang {
  const saved = safeGet(KEY);
  if (LANGS.includes(saved as Lang)) return saved as Lang;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const language = tag.split('-')[0]!.toLowerCase();
    if (LANGS.includes(language as Lang)) return language as Lang;
  }
  return 'en';
}

function safeGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export const lang = signal<Lang>(initial());
export const dir = computed<'ltr' | 'rtl'>(() => (lang.value == 'en' ? 'ltr' : 'rtl'));

/** Make `next` the console's language and remember it (i18n/strings.ts `setLang` loads its strings first). */
export function rememberLang(next: Lang): void {
  lang.value = next;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // storage blocked: the choice lasts for this page
  }
}

// The whole document follows: screen readers, fonts and the browser's own widgets.
effect(() => {
  document.documentElement.lang = lang.value;
  document.documentElement.dir = dir.value;
});
