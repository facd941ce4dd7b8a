/**
 * The analyst's filters, written to the URL as they change: survey or kind,
 * range, time zone, interval, calendar, week start, touchpoint, channel and
 * what a change is compared with. When the API refuses one, its reason
 * appears beside that control. On a phone they fold behind one button that
 * says how many are set, so that the numbers come first.
 */
import { h } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { KINDS } from '../../shared/kinds';
import { CHANNELS } from '../../shared/channels';
import { FieldError } from '../components/ErrorNote';
import { CopyButton } from '../components/CopyButton';
import { formatNumber, labelOf } from '../i18n/format';
import { lang } from '../i18n/lang';
import { t } from '../i18n/strings';
import { CALENDARS, WEEK_STARTS } from '../../shared/calendar';
import { INTERVALS } from '../../shared/time';
import { browserZone, comparesFor, DEFAULT_CALENDAR, filters } from '../state/filters';
import { useMeta } from '../state/meta';
import { issueOf } from '../state/query-error';
import { formatHash, route, setParams } from '../state/route';
import { PeriodControl } from './PeriodControl';

/** Which view uses which control; `any` offers "all surveys" (every kind), which the feed and the export can read. */
const USES: Record<string, string[]> = {
  scores: ['interval', 'calendar', 'week', 'touchpoint', 'channel', 'compare'],
  journey: ['channel', 'compare'],
  breakdowns: ['touchpoint', 'channel', 'compare'],
  comments: ['calendar', 'touchpoint', 'channel', 'any'],
  export: ['touchpoint', 'channel', 'any'],
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

  const any = uses.includes('any');
  const subject = f.survey ? `survey:${f.survey}` : f.kindChosen || !any ? `kind:${f.kind}` : 'any:';
  const setSubject = (value: string) => {
    const [type, id] = value.split(':') as [string, string];
    setParams(type == 'survey' ? { survey: id, kind: undefined } : { kind: id || undefined, survey: undefined });
  };
  // What differs from the defaults, for the button that unfolds the filters on a phone.
  const set = [
    f.survey || f.kindChosen,
    f.range != '30d',
    f.tz != browserZone(),
    uses.includes('interval') && f.interval != 'day',
    uses.includes('calendar') && f.calendar != DEFAULT_CALENDAR[lang.value],
    uses.includes('touchpoint') && f.touchpoint,
    uses.includes('channel') && f.channel,
    uses.includes('compare') && route.value.params.compare,
  ].filter(Boolean).length;
  const [open, setOpen] = useState(false);

  return (
    <div class="filter-bar">
      <button type="button" class="secondary filters-toggle" aria-expanded={open} aria-controls="filters" onClick={() => setOpen(!open)}>
        {t('filters.toggle', { count: formatNumber(set) })}
      </button>
      <form id="filters" class={`filters${open ? ' open' : ''}`} aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
        <div class="control">
          <label for="f-subject">{t('filters.subject')}</label>
          <select id="f-subject" value={subject} onChange={(e) => setSubject(e.currentTarget.value)} aria-describedby={described('f-subject', 'kind', 'survey')}>
            {any && <option value="any:">{t('kind.any')}</option>}
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

        <PeriodControl f={f} issue={issue('from', 'to')} />

        {uses.includes('compare') && (
          <div class="control">
            <label for="f-compare">{t('filters.compare')}</label>
            <select id="f-compare" value={f.compare} onChange={(e) => setParams({ compare: e.currentTarget.value })} aria-describedby={described('f-compare', 'compare')}>
              {comparesFor(f.from, f.to).map((compare) => (
                <option value={compare}>{t(`compare.${compare}`)}</option>
              ))}
            </select>
            <FieldError id="f-compare-error" message={issue('compare')} />
          </div>
        )}

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
                <option value={tp}>{labelOf(meta.data?.touchpoint_labels, tp)}</option>
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
    </div>
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
  const params = { ...route.value.params, tz: f.tz, calendar: f.calendar, range: 'custom', from: f.from, to: f.to, compare: f.compare };
  return `${location.origin}${location.pathname}${formatHash({ view: route.value.view, params })}`;
}

/** The journey's touchpoints in order, then the others seen, then the one in the URL if neither has it. */
export function touchpointOptions(journey: string[] = [], seen: string[] = [], current = ''): string[] {
  const all = [...journey, ...seen.filter((tp) => !journey.includes(tp))];
  if (current && !all.includes(current)) all.push(current);
  return all;
}
