/** The admin views, one chunk loaded only when the admin token opens one (views/screens.ts). */
export { Links } from './links/Links';
export { Embed } from './site/Embed';
export { SiteSettings } from './site/SiteSettings';
export { Sites } from './site/Sites';
export { SurveyEditor } from './surveys/SurveyEditor';
export { Surveys } from './surveys/Surveys';
export { Deliveries } from './webhooks/Deliveries';
export { WebhookEditor } from './webhooks/WebhookEditor';
export { Webhooks } from './webhooks/Webhooks';
