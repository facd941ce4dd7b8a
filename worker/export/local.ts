/**
 * The local columns of an export (docs/contract.md §17): `local_time`, the
 * wall-clock time in `tz` without an offset, and `local_date`, the local day
 * named in a calendar. Both stay the same within a UTC quarter hour (every
 * offset and every local midnight falls on one), so an export of many
 * answers asks Intl once per quarter hour, not once per row.
 */
import { type Calendar, calendarDateAt, dayLabel } from '../../shared/calendar';
import { QUARTER, offsetAt } from '../../shared/time';

export interface LocalColumns {
  local_time?: string;
  local_date?: string;
}

/** What an export asked for: a zone adds `local_time`, a calendar `local_date`. */
export interface LocalAsk {
  tz?: string;
  calendar?: Calendar;
}

/** The columns' values of an instant (ms), or null when none was asked for. */
export function localColumns(ask: LocalAsk): ((ms: number) => LocalColumns) | null {
  if (ask.tz === undefined && ask.calendar === undefined) return null;
  const tz = ask.tz ?? 'UTC';
  let quarter = NaN;
  let offset = 0;
  let date = '';
  return (ms) => {
    const q = Math.floor(ms / QUARTER);
    if (q !== quarter) {
      quarter = q;
      offset = offsetAt(tz, ms);
      if (ask.calendar !== undefined) date = dayLabel(calendarDateAt(tz, ask.calendar, ms));
    }
    const columns: LocalColumns = {};
    // Whole seconds: what a spreadsheet reads as a time.
    if (ask.tz !== undefined) columns.local_time = new Date(ms + offset).toISOString().slice(0, 19);
    if (ask.calendar !== undefined) columns.local_date = date;
    return columns;
  };
}
