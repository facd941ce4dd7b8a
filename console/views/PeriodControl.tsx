/**
 * The period: a preset (the last N days, or this month, quarter or year, or
 * last month, of the chosen calendar) or two days picked in that calendar,
 * the last one included: what the person sees is what is asked (the API's
 * `to` is the day after, kept so in the URL). Below, the period in words.
 */
import { h } from 'preact';
import { DatePicker } from '../components/DatePicker';
import { FieldError } from '../components/ErrorNote';
import { formatRange } from '../i18n/format';
import { t } from '../i18n/strings';
import { type Filters, isoDate, parseDate, RANGES } from '../state/filters';
import { addDays } from '../../shared/time';
import { setParams } from '../state/route';

/** A local date `days` after an ISO date (the date part of a local time). */
function shifted(iso: string, days: number): string {
  const date = parseDate(iso);
  return date ? isoDate(addDays(date, days)) : iso;
}

export function PeriodControl({ f, issue }: { f: Filters; issue: string | undefined }) {
  const described = issue ? 'f-range-error' : undefined;
  const range = formatRange(f.from, f.to, f.calendar);
  return (
    <div class="control">
      <label for="f-range">{t('filters.range')}</label>
      <select
        id="f-range"
        value={f.range}
        onChange={(e) => {
          const range = e.currentTarget.value;
          // Custom starts from the dates on screen; a preset brings its own comparison.
          setParams(range == 'custom' ? { range, from: f.from, to: f.to } : { range, from: undefined, to: undefined, compare: undefined });
        }}
        aria-describedby={described}
      >
        {RANGES.map((range) => (
          <option value={range}>{t(`range.${range}`)}</option>
        ))}
      </select>
      {f.range == 'custom' && (
        <span class="dates">
          <DatePicker id="f-from" label={t('filters.from')} value={f.from} calendar={f.calendar} onChange={(from) => setParams({ from })} describedBy={described} />
          <DatePicker id="f-to" label={t('filters.to')} value={shifted(f.to, -1)} calendar={f.calendar} onChange={(last) => setParams({ to: shifted(last, 1) })} describedBy={described} />
        </span>
      )}
      {f.from && f.to && (
        <p class="hint">
          {range.from} – {range.to}
        </p>
      )}
      <FieldError id="f-range-error" message={issue} />
    </div>
  );
}
