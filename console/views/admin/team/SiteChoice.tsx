/**
 * The sites a member or a key reaches: every site (today's and those made
 * later), or some of the sites the signed-in caller reaches. Owners and
 * admins of every site may choose "every site"; others only their own.
 */
import { h } from 'preact';
import { ALL_SITES } from '../../../../shared/roles';
import { FieldError } from '../../../components/ErrorNote';
import { t } from '../../../i18n/strings';
import { reachesEverySite } from '../../../state/session';
import { sites } from '../../../state/sites';

export interface SiteChoiceProps {
  id: string;
  value: string[];
  onChange: (sites: string[]) => void;
  error?: string;
}

export function SiteChoice({ id, value, onChange, error }: SiteChoiceProps) {
  const every = value.includes(ALL_SITES);
  const toggle = (site: string, on: boolean) => onChange(on ? [...value.filter((s) => s != site), site] : value.filter((s) => s != site));
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t('team.sites')}</legend>
      <div class="checks">
        {reachesEverySite.value && (
          <label class="check">
            <input type="checkbox" id={`${id}-every`} checked={every} onChange={(e) => onChange(e.currentTarget.checked ? [ALL_SITES] : [])} />
            {t('team.everySite')}
          </label>
        )}
        {(sites.value ?? []).map((s) => (
          <label class="check">
            <input type="checkbox" value={s.site} checked={every || value.includes(s.site)} disabled={every} onChange={(e) => toggle(s.site, e.currentTarget.checked)} />
            {s.name} <code dir="ltr">{s.site}</code>
          </label>
        ))}
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}

/** A grant's sites in words: "every site", or their keys. */
export function sitesText(list: readonly string[]): string {
  return list.includes(ALL_SITES) ? t('team.everySite') : list.join(t('list.separator'));
}
