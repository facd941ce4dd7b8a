/**
 * The component of each view of state/views.ts. Analyst views come with the
 * first screen; admin and team views are in the admin chunk, loaded when
 * someone whose role allows one first opens it (analysts never download them).
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

/** The inbox of follow-up cases: a chunk of its own, loaded when someone who may work cases opens it. */
export const loadInbox = (): Promise<FunctionComponent> => import('./inbox/index').then((chunk) => chunk.Inbox);

/** A view's component, its name in the admin chunk, or the loader of its own chunk. */
export type Screen = { component: FunctionComponent } | { admin: keyof AdminViews } | { load: () => Promise<FunctionComponent> };

export const SCREENS: Record<View, Screen> = {
  scores: { component: Scores },
  journey: { component: Journey },
  breakdowns: { component: Breakdowns },
  themes: { component: Themes },
  comments: { component: Comments },
  inbox: { load: loadInbox },
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
