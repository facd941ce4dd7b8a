/** The admin views, loaded only when the admin token opens one (analysts never download them). */
import type { FunctionComponent } from 'preact';
import { Deliveries } from './webhooks/Deliveries';
import { Embed } from './site/Embed';
import { Links } from './links/Links';
import { SiteSettings } from './site/SiteSettings';
import { Sites } from './site/Sites';
import { SurveyEditor } from './surveys/SurveyEditor';
import { Surveys } from './surveys/Surveys';
import { WebhookEditor } from './webhooks/WebhookEditor';
import { Webhooks } from './webhooks/Webhooks';

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
