/**
 * One case: its answer (the comment in its own direction), status,
 * assignee, tags, history, notes and the customer's other answers. Every
 * change names the version it was made on: when someone else changed the
 * case meanwhile, the API refuses it (412), the panel shows their change
 * and keeps this person's, to make again with one click. Nothing typed is lost.
 */
import { Fragment, h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/case-statuses';
import type { CaseChange, CasePatch } from '../../../shared/schemas/case';
import { addNote, type CaseDetail, getCase, patchCase } from '../../api/cases';
import { type ApiFailure, toFailure } from '../../api/client';
import { ErrorNote, FieldError } from '../../components/ErrorNote';
import { Progress } from '../../components/Progress';
import { formatDate, formatNumber } from '../../i18n/format';
import { t } from '../../i18n/strings';
import { filters } from '../../state/filters';
import { CaseAnswer } from './CaseAnswer';

/** What the inbox's keys ask of the open case. */
export interface CaseActions {
  change(patch: CasePatch): void;
  focusNote(): void;
}

interface State {
  detail?: CaseDetail;
  /** The answer has no case (yet). */
  missing?: boolean;
  error?: ApiFailure;
  /** A change refused because the case had moved on: what this person asked, and the version they saw. */
  conflict?: { mine: CasePatch; saw: number };
  busy: boolean;
}

export function CasePanel({ site, id, me, actions, onChanged }: { site: string; id: string; me: string | null; actions: { current: CaseActions | null }; onChanged: () => void }) {
  const [state, setState] = useState<State>({ busy: false });
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<ApiFailure | undefined>();
  const [tags, setTags] = useState('');
  const noteRef = useRef<HTMLTextAreaElement>(null);

  const load = async (keep: Partial<State> = {}) => {
    try {
      const detail = await getCase(site, id);
      setState({ detail, busy: false, ...keep });
      setTags(detail.tags.join(' '));
    } catch (error) {
      const failure = toFailure(error);
      setState(failure.status == 404 ? { missing: true, busy: false } : { error: failure, busy: false });
    }
  };
  useEffect(() => {
    setState({ busy: false });
    setNote('');
    setNoteError(undefined);
    void load();
  }, [site, id]);

  const change = async (patch: CasePatch) => {
    const seen = state.detail;
    if (state.busy || (!seen && !state.missing)) return;
    setState((now) => ({ ...now, busy: true, error: undefined }));
    try {
      const detail = await patchCase(site, id, patch, seen?.version ?? null);
      setState({ detail, busy: false });
      setTags(detail.tags.join(' '));
      onChanged();
    } catch (error) {
      const failure = toFailure(error);
      if (failure.code == 'precondition_failed' && seen) await load({ conflict: { mine: patch, saw: seen.version } });
      else setState((now) => ({ ...now, busy: false, error: failure }));
    }
  };
  actions.current = { change, focusNote: () => noteRef.current?.focus() };

  const submitNote = async (event: Event) => {
    event.preventDefault();
    setNoteError(undefined);
    try {
      await addNote(site, id, note);
      setNote('');
      await load({ conflict: state.conflict });
      onChanged();
    } catch (error) {
      // The text stays in the box: nothing typed is lost to a refusal.
      setNoteError(toFailure(error));
    }
  };

  const f = filters.value;
  const { detail, conflict } = state;
  if (state.missing) {
    return (
      <section class="case-panel" aria-labelledby="case-title">
        <h2 id="case-title">{t('case.none')}</h2>
        {state.error && <ErrorNote error={state.error} />}
        <button type="button" onClick={() => change({ status: 'open' })} disabled={state.busy}>
          {t('case.openOne')}
        </button>
      </section>
    );
  }
  if (!detail) return state.error ? <ErrorNote error={state.error} /> : <Progress label={t('loading')} />;
  const theirs = conflict ? detail.history.filter((change) => change.version > conflict.saw) : [];
  return (
    <section class="case-panel" aria-labelledby="case-title" data-testid="case-panel" data-version={detail.version}>
      <h2 id="case-title">
        {t(`case.status.${detail.status}`)} <span class="muted">· {t('case.version', { n: formatNumber(detail.version) })}</span>
      </h2>
      <CaseAnswer response={detail.response} />
      {state.error && <ErrorNote error={state.error} />}
      {conflict && (
        <div class="conflict" role="alert" data-testid="case-conflict">
          <p>{t('case.conflict')}</p>
          <ul>
            {theirs.map((change) => (
              <HistoryLine change={change} />
            ))}
          </ul>
          <button type="button" onClick={() => change(conflict.mine)} disabled={state.busy}>
            {t('case.applyMine')}
          </button>
        </div>
      )}
      <fieldset class="inner case-status">
        <legend>{t('case.setStatus')}</legend>
        {CASE_STATUSES.map((status: CaseStatus) => (
          <button type="button" class="secondary" aria-pressed={detail.status == status} disabled={state.busy} onClick={() => change({ status })}>
            {t(`case.status.${status}`)}
          </button>
        ))}
      </fieldset>
      <p class="case-assignee">
        {t('case.assignee')}: <bdi data-testid="case-assignee">{detail.assignee ?? t('case.nobody')}</bdi>{' '}
        {me && detail.assignee != me && (
          <button type="button" class="secondary" disabled={state.busy} onClick={() => change({ assignee: me })}>
            {t('case.assignMe')}
          </button>
        )}
        {detail.assignee && (
          <button type="button" class="secondary" disabled={state.busy} onClick={() => change({ assignee: null })}>
            {t('case.unassign')}
          </button>
        )}
      </p>
      <form
        class="case-tags"
        onSubmit={(event) => {
          event.preventDefault();
          void change({ tags: tags.split(/\s+/).filter(Boolean) });
        }}
      >
        <label for="case-tags">{t('case.tags')}</label>
        <input id="case-tags" dir="ltr" value={tags} onInput={(e) => setTags(e.currentTarget.value)} aria-describedby="case-tags-help" />
        <button type="submit" class="secondary" disabled={state.busy}>
          {t('case.saveTags')}
        </button>
        <p id="case-tags-help" class="muted">
          {t('case.tagsHelp')}
        </p>
      </form>
      <h3>{t('case.notes')}</h3>
      {detail.notes.length == 0 ? (
        <p class="muted">{t('case.noNotes')}</p>
      ) : (
        <ul class="case-notes">
          {detail.notes.map((n) => (
            <li>
              <p class="comment-meta">
                <bdi>{n.author}</bdi> · <time dateTime={n.at}>{formatDate(Date.parse(n.at), f.tz, f.calendar, 'stamp')}</time>
              </p>
              <p dir="auto" class="note-text">
                {n.text}
              </p>
            </li>
          ))}
        </ul>
      )}
      <form class="case-note" onSubmit={submitNote}>
        <label for="case-note">{t('case.newNote')}</label>
        <textarea id="case-note" ref={noteRef} dir="auto" rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} aria-describedby={noteError ? 'case-note-error' : undefined} />
        <FieldError id="case-note-error" message={noteError?.issue('text') ?? noteError?.message} />
        <button type="submit" disabled={note.trim() == ''}>
          {t('case.addNote')}
        </button>
      </form>
      <h3>{t('case.history')}</h3>
      <ul class="case-history">
        {detail.history.map((change) => (
          <HistoryLine change={change} />
        ))}
      </ul>
      {detail.other_answers.length > 0 && (
        <>
          <h3>{t('case.otherAnswers')}</h3>
          {detail.other_answers.map((r) => (
            <CaseAnswer response={r} />
          ))}
        </>
      )}
    </section>
  );
}

/** "mina@example.com: Contacted · Assignee: mina@example.com", with when. (Not `h`: that is the JSX factory.) */
function HistoryLine({ change }: { change: CaseChange }) {
  const f = filters.value;
  const who = change.actor ?? t('case.theAnswer');
  const what: string[] = [];
  if (change.status) what.push(t(`case.status.${change.status}`));
  if (change.assignee !== undefined) what.push(`${t('case.assignee')}: ${change.assignee ?? t('case.nobody')}`);
  if (change.tags) what.push(`${t('case.tags')}: ${change.tags.join(' ')}`);
  return (
    <li data-version={change.version}>
      <time dateTime={change.at}>{formatDate(Date.parse(change.at), f.tz, f.calendar, 'stamp')}</time>{' '}
      <bdi>{change.version == 1 ? t('case.openedBy', { who }) : t('case.changedBy', { who, what: what.join(' · ') })}</bdi>
    </li>
  );
}
