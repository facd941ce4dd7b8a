/** The admin views, loaded only when the admin token opens one (analysts never download them). */
import type { FunctionComponent } from 'preact';
import { Deliveries } from './Deliveries';
import { Embed } from './Embed';
import { Links } from './Links';
import { SiteSettings } from './SiteSettings';
import { Sites } from './Sites';
import { SurveyEditor } from './SurveyEditor';
import { Surveys } from './Surveys';
import { WebhookEditor } from './WebhookEditor';
import { Webhooks } from './Webhooks';

export const ADMIN_VIEWS: Record<string, FunctionComponent> = {
  sites: Sites,
  site: SiteSettings,
  surveys: Surveys,
  survey: SurveyEditor,
  embed: Embed,
  links: Links,
  webhooks: Webhooks,
  webhook: WebhookEditor,
  deliveries: Deliveries,
};
