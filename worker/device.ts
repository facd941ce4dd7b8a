/** The device class stored with a response, from the User-Agent (the UA itself is not kept). */
import type { Device } from '../shared/devices';

export type { Device };

const BOT = /bot|crawl|spider|slurp|headlesschrome|lighthouse|facebookexternalhit|preview|curl|wget|python-requests|httpclient|node-fetch|axios|go-http/i;
// iPadOS 13+ reports as Macintosh; only the explicit tablet markers are used here.
// Android without "mobile" is a tablet: two plain tests, since a look-ahead for
// "mobile" after every "android" takes quadratic time on a crafted header.
const TABLET = /ipad|tablet|playbook|silk|kindle/i;
const MOBILE = /mobi|iphone|ipod|android|blackberry|opera mini|iemobile|windows phone/i;
/** Real User-Agents say what they are well within this; the rest is not read. */
const UA_READ = 512;

export function deviceOf(userAgent: string | null | undefined): Device {
  const ua = (userAgent ?? '').slice(0, UA_READ);
  if (ua === '' || BOT.test(ua)) return 'bot';
  if (TABLET.test(ua) || (/android/i.test(ua) && !/mobile/i.test(ua))) return 'tablet';
  if (MOBILE.test(ua)) return 'mobile';
  return 'desktop';
}
