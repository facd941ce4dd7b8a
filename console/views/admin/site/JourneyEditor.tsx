/**
 * The site's journey: touchpoints in the order customers meet them. Reorder
 * by dragging or with the up and down buttons (keyboard and screen readers),
 * add from the touchpoints seen or a new slug, remove, save.
 */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { SitePatch } from '../../../../shared/schemas/site';
import { patchSite, type Site } from '../../../api/admin';
import { ErrorNote, FieldError } from '../../../components/ErrorNote';
import { formatNumber, labelOf } from '../../../i18n/format';
import { check, issueAt, issuesOf, type Issues } from '../../../forms/issues';
import { move } from '../../../forms/move';
import { sayNow } from '../../../i18n/said';
import { t } from '../../../i18n/strings';
import { useAction } from '../../../state/action';
import { forgetMeta, useMeta } from '../../../state/meta';

export function JourneyEditor({ site }: { site: Site }) {
  const meta = useMeta(site.site);
  const [journey, setJourney] = useState<string[]>(site.journey ?? []);
  const [adding, setAdding] = useState('');
  const [dragged, setDragged] = useState<number | null>(null);
  const [issues, setIssues] = useState<Issues | null>(null);
  const action = useAction();
  useEffect(() => setJourney(site.journey ?? []), [site.site]);

  const seen = (meta.data?.touchpoints ?? []).filter((tp) => !journey.includes(tp));
  const add = (event: Event) => {
    event.preventDefault();
    const slug = adding.trim();
    if (!slug || journey.includes(slug)) return;
    setJourney([...journey, slug]);
    setAdding('');
    action.say({ key: 'journey.added', values: { touchpoint: slug } });
  };
  const moveTo = (from: number, to: number) => {
    const next = move(journey, from, to);
    if (next == journey) return;
    setJourney(next);
    action.say({ key: 'journey.moved', values: { touchpoint: journey[from]!, position: String(to + 1) } });
  };
  const save = async () => {
    action.clear();
    const checked = check(SitePatch, { journey });
    setIssues(checked.issues);
    if (checked.issues) return;
    const refused = await action.run('save', async () => {
      await patchSite(site.site, { journey });
      forgetMeta(site.site);
      return { key: 'saved' };
    });
    // Everything typed stays; the API's reasons go beside their fields.
    if (refused) setIssues(issuesOf(refused));
  };
  const issueIndex = Object.keys(issues ?? {}).find((k) => k.startsWith('journey.'))?.split('.')[1];

  return (
    <section class="card" aria-labelledby="journey-title">
      <h2 id="journey-title">{t('journey.editor')}</h2>
      <p class="help">{t('journey.editorHelp')}</p>
      <ol class="journey-editor">
        {journey.map((tp, i) => (
          <li
            draggable
            class={`${dragged == i ? 'dragging' : ''}${issueIndex == String(i) ? ' invalid' : ''}`}
            onDragStart={(e) => {
              setDragged(i);
              e.dataTransfer?.setData('text/plain', tp);
            }}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              if (dragged !== null) moveTo(dragged, i);
              setDragged(null);
            }}
            onDragEnd={() => setDragged(null)}
          >
            <span class="grip" aria-hidden="true">
              ⋮⋮
            </span>
            <span class="step-number" aria-hidden="true">
              {formatNumber(i + 1)}
            </span>
            <span class="slug" dir="ltr">
              {tp}
            </span>
            {labelOf(site.touchpoint_labels, tp) != tp && (
              <span class="muted" dir="auto">
                {labelOf(site.touchpoint_labels, tp)}
              </span>
            )}
            <span class="buttons">
              <button type="button" class="icon" onClick={() => moveTo(i, i - 1)} disabled={i == 0} aria-label={t('journey.up', { touchpoint: tp })}>
                ↑
              </button>
              <button type="button" class="icon" onClick={() => moveTo(i, i + 1)} disabled={i == journey.length - 1} aria-label={t('journey.down', { touchpoint: tp })}>
                ↓
              </button>
              <button type="button" class="icon" onClick={() => setJourney(journey.filter((_, j) => j != i))} aria-label={t('journey.remove', { touchpoint: tp })}>
                ×
              </button>
            </span>
          </li>
        ))}
      </ol>
      {journey.length == 0 && <p class="empty">{t('journey.emptyEditor')}</p>}
      <form class="inline-form" onSubmit={add}>
        <label for="journey-add">{t('journey.add')}</label>
        <input id="journey-add" dir="ltr" list="journey-seen" value={adding} onInput={(e) => setAdding(e.currentTarget.value)} spellcheck={false} />
        <datalist id="journey-seen">
          {seen.map((tp) => (
            <option value={tp} />
          ))}
        </datalist>
        <button type="submit" class="secondary">
          {t('journey.addButton')}
        </button>
      </form>
      <FieldError id="journey-error" message={issueAt(issues, 'journey') && `${issueIndex !== undefined ? journey[Number(issueIndex)] + ': ' : ''}${issueAt(issues, 'journey')}`} />
      <p class="actions">
        <button type="button" onClick={save}>
          {t('journey.save')}
        </button>
        <span role="status" class="saved">
          {sayNow(action.status)}
        </span>
      </p>
      {action.failure && <ErrorNote error={action.failure} />}
    </section>
  );
}
