/**
 * A status message kept as its key and values rather than as text, so it is
 * said in whichever language is on screen when it is shown (switching to fa
 * after "3 links minted." reads "۳ پیوند ساخته شد."). Numbers are formatted
 * then, in that language's digits.
 */
import { formatNumber } from './format';
import { t, type StringKey } from './strings';

export interface Said {
  key: StringKey;
  values?: Record<string, string | number>;
}

export function sayNow(said: Said | null): string {
  if (!said) return '';
  const values = Object.fromEntries(Object.entries(said.values ?? {}).map(([name, value]) => [name, typeof value == 'number' ? formatNumber(value) : value]));
  return t(said.key, values);
}
