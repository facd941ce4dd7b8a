/** The device class stored with a response, from the User-Agent (the UA itself is not kept). */
export type Device = 'desktop' | 'mobile' | 'tablet' | 'bot';

const BOT = /bot|crawl|spider|slurp|headlesschrome|lighthouse|facebookexternalhit|preview|curl|wget|python-requests|httpclient|node-fetch|axios|go-http/i;
// iPadOS 13+ reports as Macintosh; only the explicit tablet markers are used here.
const TABLET = /ipad|tablet|playbook|silk|kindle|(android(?!.*mobile))/i;
const MOBILE = /mobi|iphone|ipod|android|blackberry|opera mini|iemobile|windows phone/i;

export function deviceOf(userAgent: string | null | undefined): Device {
  const ua = userAgent ?? '';
  if (ua === '' || BOT.test(ua)) return 'bot';
  if (TABLET.test(ua)) return 'tablet';
  if (MOBILE.test(ua)) return 'mobile';
  return 'desktop';
}
