/**
 * Where an answer came from. `web` is the widget; the others are answers
 * given on the page of a signed link (email, SMS, a printed QR code, or a
 * link shared some other way). Signed tokens carry a channel as its index in
 * CHANNELS, so the list only ever grows at its end.
 */
export const CHANNELS = ['web', 'email', 'sms', 'qr', 'link'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The widget's channel, and the one exposure events (shown, dismissed) count under. */
export const WEB_CHANNEL: Channel = 'web';

/** Channels a signed link may be minted for: every one but the widget's. */
export const LINK_CHANNELS = ['email', 'sms', 'qr', 'link'] as const;
export type LinkChannel = (typeof LINK_CHANNELS)[number];

export function isLinkChannel(channel: string | undefined): channel is LinkChannel {
  return (LINK_CHANNELS as readonly (string | undefined)[]).includes(channel);
}
