/**
 * Link surveys: minting signed links (admin), and the two forms a link's
 * page posts (the score, then the follow-up comment).
 */
import * as v from 'valibot';
import { LinkChannelParam } from './channel';
import { Locale, Touchpoint, UserId, Uuid, codePoints, unicodeText, withoutControls } from './common';
import { COMMENT_MAX } from './response';

export const LINK_MAX_RECIPIENTS = 1000;
export const LINK_DEFAULT_DAYS = 30;
/** A year: long enough for a printed QR code's season, short enough that old links die. */
export const LINK_MAX_DAYS = 365;

/** One person (or one printed code) to mint a link for; every field optional, checked as the widget's are. */
export const LinkRecipient = v.strictObject({
  user: v.optional(UserId),
  touchpoint: v.optional(Touchpoint),
  locale: v.optional(Locale),
});
export type LinkRecipient = v.InferOutput<typeof LinkRecipient>;

/** Channels whose links may be reusable: a code or link that many people use, never a person's message. */
export const REUSABLE_CHANNELS: readonly string[] = ['qr', 'link'];

const LinkMintFields = v.strictObject({
  channel: v.optional(LinkChannelParam, 'email'),
  expires_days: v.optional(
    v.pipe(
      v.number('must be a number'),
      v.integer('must be an integer'),
      v.minValue(1, `must be between 1 and ${LINK_MAX_DAYS}`),
      v.maxValue(LINK_MAX_DAYS, `must be between 1 and ${LINK_MAX_DAYS}`),
    ),
    LINK_DEFAULT_DAYS,
  ),
  recipients: v.pipe(
    v.array(LinkRecipient, 'must be a list of recipients'),
    v.minLength(1, 'must have at least one recipient'),
    v.maxLength(LINK_MAX_RECIPIENTS, `must have at most ${LINK_MAX_RECIPIENTS} recipients`),
  ),
  /** One link, many answers (a QR code on a shop counter): each submit is a new response. */
  reusable: v.optional(v.boolean('must be true or false'), false),
});

/** `POST /v1/admin/sites/{site}/surveys/{id}/links` */
export const LinkMint = v.pipe(
  LinkMintFields,
  v.forward(
    v.partialCheck([['reusable'], ['channel']], (mint) => !mint.reusable || REUSABLE_CHANNELS.includes(mint.channel), 'a reusable link is for channel qr or link only'),
    ['reusable'],
  ),
  v.forward(
    v.partialCheck([['reusable'], ['recipients']], (mint) => !mint.reusable || mint.recipients.every((r) => r.user === undefined), 'a reusable link has no user: leave user out of every recipient'),
    ['reusable'],
  ),
);
export type LinkMint = v.InferOutput<typeof LinkMint>;

export const MintedLink = v.object({
  user: v.nullable(v.string()),
  /** The link's page: the question with its buttons. */
  url: v.string(),
  /** One URL per score of the kind, lowest first: `url?score=N`. */
  score_urls: v.array(v.string()),
  /** An email-safe block of score buttons linking to `score_urls`. */
  html: v.string(),
});

/** `201` answer to a mint. */
export const LinksMinted = v.object({
  expires_at: v.string(),
  links: v.array(MintedLink),
});
export type LinksMinted = v.InferOutput<typeof LinksMinted>;

/**
 * `GET /r/{token}` query. Anything else (a mail tool's utm_ parameters) is
 * ignored, so a decorated link still opens.
 */
export const LinkPageQuery = v.object({
  /** A score to send, as the email's buttons link to. Checked against the kind's scale by the page. */
  score: v.optional(v.string()),
  /** Which message to show after a post: set by the page's own redirects only. */
  status: v.optional(v.string()),
});

/** A comment typed on a link's page, as §3's rules take it. Empty means the visitor had nothing to add. */
const LinkComment = v.pipe(
  v.string('is required'),
  unicodeText,
  withoutControls,
  v.trim(),
  v.check((s) => codePoints(s) <= COMMENT_MAX, `must be at most ${COMMENT_MAX} characters`),
);

/** `POST /r/{token}` (form, application/x-www-form-urlencoded): the score, and the comment sent with it. */
export const LinkAnswerForm = v.strictObject({
  score: v.pipe(
    v.string('is required'),
    v.regex(/^\d{1,2}$/, 'must be an integer between 0 and 10'),
    v.transform(Number),
    v.maxValue(10, 'must be an integer between 0 and 10'),
  ),
  comment: v.optional(LinkComment),
  /** A reusable link's answer id, made when its page was shown: a double submit stores one answer. */
  answer: v.optional(Uuid),
});

/** `POST /r/{token}/comment` (form): the follow-up of an answer sent without one. */
export const LinkCommentForm = v.strictObject({
  comment: LinkComment,
});
