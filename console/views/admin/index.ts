/** The admin and team views, one chunk loaded only when someone who may opens one (views/screens.ts). */
import { enTeam } from '../../i18n/en-team';
import { enWebhooks } from '../../i18n/en-webhooks';
import { addEnglish } from '../../i18n/strings';

// The team's and the webhooks' deliveries' English strings come with this chunk, not the first screen.
addEnglish(enTeam);
addEnglish(enWebhooks);

export { Links } from './links/Links';
export { Embed } from './site/Embed';
export { SiteSettings } from './site/SiteSettings';
export { Sites } from './site/Sites';
export { SurveyEditor } from './surveys/SurveyEditor';
export { Surveys } from './surveys/Surveys';
export { Deliveries } from './webhooks/Deliveries';
export { WebhookEditor } from './webhooks/WebhookEditor';
export { Webhooks } from './webhooks/Webhooks';
export { Inbox } from '../inbox/index';
export { ApiKeys } from './team/ApiKeys';
export { Audit } from './team/Audit';
export { Members } from './team/Members';
