/**
 * The console's language: one of the built-in locales (shared/locale.ts),
 * chosen in the header and kept in localStorage; first visit follows the
 * browser. fa and ar are right to left.
 */
import { computed, effect, signal } from '@preact/signals';
import { type BuiltInLocale, directionOf, isBuiltInLocale, language } from '../../shared/locale';

export type Lang = BuiltInLocale;
const KEY = 'cx:console:lang';

function initial(): Lang {
  const saved = safeGet(KEY);
  if (saved !== null && isBuiltInLocale(saved)) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const first = language(tag);
    if (isBuiltInLocale(first)) return first;
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
export const dir = computed(() => directionOf(lang.value));

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
