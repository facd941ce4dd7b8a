/**
 * The inbox of follow-up cases (docs/contract.md §13): the stats cards,
 * then the cases — mine first, then unassigned, then everyone else's —
 * beside the open case. Filters (status, touchpoint, kind) and the open
 * case live in the URL, so a number's drill-down (views/Behind.tsx) and a
 * chat message's link land here. Keys triage without the mouse: j / k move,
 * a assigns to me, c marks contacted, r resolved, n writes a note.
 */
import { Fragment, h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/case-statuses';
import { bandOf, KINDS, type Kind } from '../../../shared/kinds';
import { type CaseSummary, type InboxFilter, listCases } from '../../api/cases';
import { ErrorNote } from '../../components/ErrorNote';
import { Progress } from '../../components/Progress';
import { formatDate, formatNumber } from '../../i18n/format';
import { t } from '../../i18n/strings';
import { filters } from '../../state/filters';
import { useResource } from '../../state/resource';
import { route, setParams } from '../../state/route';
import { session } from '../../state/session';
import { type CaseActions, CasePanel } from './CasePanel';
import { CaseStats } from './CaseStats';

const pickOf = <T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined => allowed.find((a) => a == value);

/** Keys pressed while typing are the text's, not the inbox's. */
const typing = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

export function Inbox() {
  const p = route.value.params;
  const site = filters.value.site;
  const who = session.value?.who;
  const me = who?.role == 'member' ? who.email : null;
  const filter: InboxFilter = { status: pickOf<CaseStatus>(p.status, CASE_STATUSES), touchpoint: p.touchpoint || undefined, kind: pickOf<Kind>(p.kind, KINDS) };
  // Bumped after each change, so that the lists and the cards show it.
  const [round, setRound] = useState(0);
  const key = (section: string) => (site ? JSON.stringify([section, site, filter, round]) : null);
  const mine = useResource(me ? key('mine') : null, (signal) => listCases(site, { ...filter, assignee: 'me' }, null, signal));
  const none = useResource(key('none'), (signal) => listCases(site, { ...filter, assignee: 'none' }, null, signal));
  const all = useResource(key('all'), (signal) => listCases(site, filter, null, signal));
  const others = (all.data?.cases ?? []).filter((c) => c.assignee !== null && c.assignee != me);
  const sections: [string, CaseSummary[]][] = [
    ...(me ? [[t('inbox.mine'), mine.data?.cases ?? []] as [string, CaseSummary[]]] : []),
    [t('inbox.unassigned'), none.data?.cases ?? []],
    [me ? t('inbox.others') : t('inbox.everyone'), me ? others : (all.data?.cases ?? []).filter((c) => c.assignee !== null)],
  ];
  // Once each: while the lists reload, a case just taken may be in two of them for a moment.
  const order = [...new Set(sections.flatMap(([, list]) => list.map((c) => c.id)))];
  const selected = p.case ?? '';
  const actions = useRef<CaseActions | null>(null);
  // The lists reload one by one after each change: for a moment a case just taken or closed may be
  // in none of them. j / k then go on from where it stood in the last order that held it.
  const held = useRef<string[]>([]);
  if (!selected || order.includes(selected)) held.current = order;

  const keys = useRef<(event: KeyboardEvent) => void>(() => undefined);
  keys.current = (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const at = order.indexOf(selected);
    const move = (step: number) => {
      let next = order[Math.min(order.length - 1, Math.max(0, at < 0 ? 0 : at + step))];
      if (at < 0 && selected) {
        const was = held.current.indexOf(selected);
        const ahead = step > 0 ? held.current.slice(was + 1) : held.current.slice(0, Math.max(0, was)).reverse();
        next = ahead.find((id) => order.includes(id)) ?? next;
      }
      if (next) setParams({ case: next });
    };
    const act: Record<string, () => void> = {
      j: () => move(1),
      k: () => move(-1),
      a: () => me && actions.current?.change({ assignee: me }),
      c: () => actions.current?.change({ status: 'contacted' }),
      r: () => actions.current?.change({ status: 'resolved' }),
      n: () => actions.current?.focusNote(),
    };
    const run = act[event.key.toLowerCase()];
    if (!run || (!selected && event.key.toLowerCase() != 'j')) return;
    event.preventDefault();
    run();
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keys.current(event);
    addEventListener('keydown', listener);
    return () => removeEventListener('keydown', listener);
  }, []);
  // The selected row follows j / k on screen.
  useEffect(() => {
    if (selected) document.querySelector(`[data-case="${CSS.escape(selected)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const error = mine.error ?? none.error ?? all.error;
  const loading = (me && !mine.data) || !none.data || !all.data;
  return (
    <section class="view inbox" aria-labelledby="view-title">
      <h1 id="view-title">{t('nav.inbox')}</h1>
      <CaseStats site={site} round={round} />
      <form class="comment-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="control">
          <label for="inbox-status">{t('inbox.status')}</label>
          <select id="inbox-status" value={filter.status ?? ''} onChange={(e) => setParams({ status: e.currentTarget.value })}>
            <option value="">{t('inbox.allStatuses')}</option>
            {CASE_STATUSES.map((status) => (
              <option value={status}>{t(`case.status.${status}`)}</option>
            ))}
          </select>
        </div>
      </form>
      <p class="muted" id="inbox-keys">
        {t('inbox.keys')}
      </p>
      {error && <ErrorNote error={error} />}
      <div class="inbox-split">
        <div class="inbox-lists" aria-describedby="inbox-keys">
          {loading && !error && <Progress label={t('loading')} />}
          {sections.map(([title, list]) => (
            <>
              <h2 class="inbox-section">
                {title} <span class="muted">({formatNumber(list.length)})</span>
              </h2>
              {list.length == 0 ? (
                <p class="muted">{t('inbox.empty')}</p>
              ) : (
                <ol class="case-list">
                  {list.map((c) => (
                    <CaseRow c={c} selected={c.id == selected} />
                  ))}
                </ol>
              )}
            </>
          ))}
        </div>
        <div class="inbox-panel">
          {selected ? (
            <CasePanel site={site} id={selected} me={me} actions={actions} onChanged={() => setRound((r) => r + 1)} />
          ) : (
            <p class="muted">{t('case.pick')}</p>
          )}
        </div>
      </div>
    </section>
  );
}

function CaseRow({ c, selected }: { c: CaseSummary; selected: boolean }) {
  const f = filters.value;
  const r = c.response;
  const band = bandOf(r.kind, r.score);
  return (
    <li data-case={c.id} class={selected ? 'selected' : undefined}>
      <a href={`#/inbox?${new URLSearchParams({ ...route.value.params, case: c.id })}`} aria-current={selected ? 'true' : undefined}>
        <span class={`score-badge small ${band == 'passive' ? 'mid' : band == 'promoter' || band == 'high' ? 'high' : 'low'}`}>{formatNumber(r.score)}</span>{' '}
        <span class="case-status-label" data-status={c.status}>
          {t(`case.status.${c.status}`)}
        </span>{' '}
        {r.comment ? (
          <span dir="auto" class="case-comment">
            {r.comment}
          </span>
        ) : (
          <span class="muted">{t('comments.noComment')}</span>
        )}{' '}
        <time class="muted" dateTime={c.opened_at}>
          {formatDate(Date.parse(c.opened_at), f.tz, f.calendar, 'stamp')}
        </time>
      </a>
    </li>
  );
}
