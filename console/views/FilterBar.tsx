/**
 * The analyst's filters, written to the URL as they change: survey or kind,
 * range, time zone, interval, calendar, week start and touchpoint. When the
 * API refuses one, its reason appears beside that control.
 */
import { h } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import { KINDS } from '../../shared/kinds';
import { CHANNELS } from '../../shared/schemas/channel';
import { FieldError } from '../components/ErrorNote';
import { CopyButton } from '../components/CopyButton';
import { formatLocalDate } from '../i18n/format';
import { t } from '../i18n/strings';
import { CALENDARS, WEEK_STARTS } from '../../shared/calendar';
import { INTERVALS } from '../../shared/time';
import { RANGES, filters } from '../state/filters';
import { useMeta } from '../state/meta';
import { issueOf } from '../state/query-error';
import { formatHash, route, setParams } from '../state/route';

/** Which view uses which control. */
const USES: Record<string, string[]> = {
  scores: ['interval', 'calendar', 'week', 'touchpoint', 'channel'],
  journey: ['channel'],
  breakdowns: ['touchpoint', 'channel'],
  comments: ['calendar', 'touchpoint', 'channel'],
  export: ['touchpoint', 'channel'],
};

function zones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}

export function FilterBar() {
  const f = filters.value;
  const view = route.value.view;
  const uses = USES[view] ?? [];
  const meta = useMeta(f.site);
  const zoneList = useMemo(zones, []);
  // The zone defaults to the browser's: write it into the URL, so that a copied address means the same days.
  useEffect(() => {
    if (!route.value.params.tz) setParams({ tz: f.tz });
  }, [route.value.params.tz]);
  // An error names API parameters; each control shows those it sets.
  const issue = (...names: string[]) => names.map((name) => issueOf.value(name)).find(Boolean);
  const described = (name: string, ...params: string[]) => (issue(...params) ? `${name}-error` : undefined);

  const subject = f.survey ? `survey:${f.survey}` : `kind:${f.kind}`;
  const setSubject = (value: string) => {
    const [type, id] = value.split(':') as [string, string];
    setParams(type == 'survey' ? { survey: id, kind: undefined } : { kind: id, survey: undefined });
  };

  return (
    <form class="filters" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
      <div class="control">
        <label for="f-subject">{t('filters.subject')}</label>
        <select id="f-subject" value={subject} onChange={(e) => setSubject(e.currentTarget.value)} aria-describedby={described('f-subject', 'kind', 'survey')}>
          {KINDS.map((kind) => (
            <option value={`kind:${kind}`}>{t(`kind.all.${kind}`)}</option>
          ))}
          {(meta.data?.surveys ?? []).map((s) => (
            <option value={`survey:${s.id}`}>
              {s.name || s.id} · {t(`kind.${s.kind}`)}
              {s.active ? '' : ` (${t('survey.paused')})`}
            </option>
          ))}
        </select>
        <FieldError id="f-subject-error" message={issue('kind', 'survey')} />
      </div>

      <div class="control">
        <label for="f-range">{t('filters.range')}</label>
        <select
          id="f-range"
          value={f.range}
          onChange={(e) => {
            const range = e.currentTarget.value;
            // Custom starts from the dates on screen.
            setParams(range == 'custom' ? { range, from: f.from, to: f.to } : { range, from: undefined, to: undefined });
          }}
          aria-describedby={described('f-range', 'from', 'to')}
        >
          {RANGES.map((range) => (
            <option value={range}>{t(`range.${range}`)}</option>
          ))}
        </select>
        {f.range == 'custom' ? (
          <span class="dates">
            <label>
              <span class="visually-hidden">{t('filters.from')}</span>
              <input type="date" value={f.from} onChange={(e) => setParams({ from: e.currentTarget.value })} aria-describedby={described('f-range', 'from', 'to')} />
            </label>
            <span aria-hidden="true">–</span>
            <label>
              <span class="visually-hidden">{t('filters.to')}</span>
              <input type="date" value={f.to} onChange={(e) => setParams({ to: e.currentTarget.value })} aria-describedby={described('f-range', 'from', 'to')} />
            </label>
          </span>
        ) : null}
        {f.from && f.to && (
          <p class="hint">
            {formatLocalDate(f.from, f.calendar)} – {formatLocalDate(f.to, f.calendar)} {t('filters.exclusive')}
          </p>
        )}
        <FieldError id="f-range-error" message={issue('from', 'to')} />
      </div>

      <div class="control">
        <label for="f-tz">{t('filters.tz')}</label>
        <input
          id="f-tz"
          list="f-tz-list"
          dir="ltr"
          value={f.unknownZone ?? f.tz}
          spellcheck={false}
          onChange={(e) => setParams({ tz: e.currentTarget.value.trim() })}
          aria-describedby={f.unknownZone ? 'f-tz-error' : described('f-tz', 'tz')}
        />
        <datalist id="f-tz-list">
          {zoneList.map((zone) => (
            <option value={zone} />
          ))}
        </datalist>
        <FieldError id="f-tz-error" message={f.unknownZone ? t('filters.unknownZone', { zone: f.unknownZone }) : issue('tz')} />
      </div>

      {uses.includes('interval') && (
        <div class="control">
          <label for="f-interval">{t('filters.interval')}</label>
          <select id="f-interval" value={f.interval} onChange={(e) => setParams({ interval: e.currentTarget.value })} aria-describedby={described('f-interval', 'interval')}>
            {INTERVALS.map((interval) => (
              <option value={interval}>{t(`interval.${interval}`)}</option>
            ))}
          </select>
          <FieldError id="f-interval-error" message={issue('interval')} />
        </div>
      )}

      {uses.includes('calendar') && (
        <div class="control">
          <label for="f-calendar">{t('filters.calendar')}</label>
          <select id="f-calendar" value={f.calendar} onChange={(e) => setParams({ calendar: e.currentTarget.value })} aria-describedby={described('f-calendar', 'calendar')}>
            {CALENDARS.map((calendar) => (
              <option value={calendar}>{t(`calendar.${calendar}`)}</option>
            ))}
          </select>
          <FieldError id="f-calendar-error" message={issue('calendar')} />
        </div>
      )}

      {uses.includes('week') && f.interval == 'week' && (
        <div class="control">
          <label for="f-week">{t('filters.week')}</label>
          <select id="f-week" value={f.week} onChange={(e) => setParams({ week: e.currentTarget.value })} aria-describedby={described('f-week', 'week_start')}>
            <option value="">{t('week.default')}</option>
            {WEEK_STARTS.map((day) => (
              <option value={day}>{t(`week.${day}`)}</option>
            ))}
          </select>
          <FieldError id="f-week-error" message={issue('week_start')} />
        </div>
      )}

      {uses.includes('touchpoint') && (
        <div class="control">
          <label for="f-touchpoint">{t('filters.touchpoint')}</label>
          <select id="f-touchpoint" value={f.touchpoint} onChange={(e) => setParams({ touchpoint: e.currentTarget.value })} aria-describedby={described('f-touchpoint', 'touchpoint')}>
            <option value="">{t('filters.allTouchpoints')}</option>
            {touchpointOptions(meta.data?.journey, meta.data?.touchpoints, f.touchpoint).map((tp) => (
              <option value={tp}>{tp}</option>
            ))}
          </select>
          <FieldError id="f-touchpoint-error" message={issue('touchpoint')} />
        </div>
      )}

      {uses.includes('channel') && (
        <div class="control">
          <label for="f-channel">{t('filters.channel')}</label>
          <select id="f-channel" value={f.channel} onChange={(e) => setParams({ channel: e.currentTarget.value })} aria-describedby={described('f-channel', 'channel')}>
            <option value="">{t('filters.allChannels')}</option>
            {CHANNELS.map((channel) => (
              <option value={channel}>{t(`channel.${channel}`)}</option>
            ))}
          </select>
          <FieldError id="f-channel-error" message={issue('channel')} />
        </div>
      )}

      <div class="control share">
        <CopyButton text={shareLink()} label={t('filters.copyLink')} />
      </div>
    </form>
  );
}

/**
 * This view's address with every filter spelled out (zone and calendar
 * included, which otherwise follow the reader's browser and language, and a
 * range such as "last 30 days" pinned to its dates), so that whoever opens
 * it, whenever, sees the same numbers. Never the token.
 */
function shareLink(): string {
  const f = filters.value;
  const params = { ...route.value.params, tz: f.tz, calendar: f.calendar, range: 'custom', from: f.from, to: f.to };
  return `${location.origin}${location.pathname}${formatHash({ view: route.value.view, params })}`;
}

/** The journey's touchpoints in order, then the others seen, then the one in the URL if neither has it. */
export function touchpointOptions(journey: string[] = [], seen: string[] = [], current = ''): string[] {
  const all = [...journey, ...seen.filter((tp) => !journey.includes(tp))];
  if (current && !all.includes(current)) all.push(current);
  return all;
}
