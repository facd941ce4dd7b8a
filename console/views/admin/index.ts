/** The admin views, loaded only when the admin token opens one (analysts never download them). */
import type { FunctionComponent } from 'preact';
import { Embed } from './Embed';
import { SiteSettings } from './SiteSettings';
import { Sites } from './Sites';
import { SurveyEditor } from './SurveyEditor';
import { Surveys } from './Surveys';

export const ADMIN_VIEWS: Record<string, FunctionComponent> = {
  sites: Sites,
  site: SiteSettings,
  surveys: Surveys,
  survey: SurveyEditor,
  embed: Embed,
};
