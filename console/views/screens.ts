/**
 * The component of each view of state/views.ts. Analyst views come with the
 * first screen; admin and team views, and the inbox of cases, are in the
 * admin chunk, loaded when someone whose role allows one first opens it
 * (viewers never download it, analysts only for the inbox).
 */
import type { FunctionComponent } from 'preact';
import type { View } from '../state/views';
import { Breakdowns } from './Breakdowns';
import { Comments } from './Comments';
import { Export } from './Export';
import { Journey } from './Journey';
import { Scores } from './Scores';
import { Themes } from './Themes';

/** The admin chunk's module: every admin view's component, by name. */
export type AdminViews = typeof import('./admin/index');

export const loadAdminViews = (): Promise<AdminViews> => import('./admin/index');

/** A view's component, or its name in the admin chunk. */
export type Screen = { component: FunctionComponent } | { admin: keyof AdminViews };

export const SCREENS: Record<View, Screen> = {
  scores: { component: Scores },
  journey: { component: Journey },
  breakdowns: { component: Breakdowns },
  themes: { component: Themes },
  comments: { component: Comments },
  // The inbox shares the admin chunk, loaded when someone who may work cases opens it: a chunk of its
  // own would share other modules with the first screen than the admin views do, and the bundler would
  // split the first screen into one more file for it (about 0.8 KB more to load at first, gzip -9).
  inbox: { admin: 'Inbox' },
  export: { component: Export },
  sites: { admin: 'Sites' },
  site: { admin: 'SiteSettings' },
  surveys: { admin: 'Surveys' },
  survey: { admin: 'SurveyEditor' },
  embed: { admin: 'Embed' },
  links: { admin: 'Links' },
  webhooks: { admin: 'Webhooks' },
  webhook: { admin: 'WebhookEditor' },
  deliveries: { admin: 'Deliveries' },
  members: { admin: 'Members' },
  apikeys: { admin: 'ApiKeys' },
  audit: { admin: 'Audit' },
};
