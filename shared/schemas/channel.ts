/** The `channel` parameters and fields (the channels themselves are in shared/channels.ts, which needs no schema library). */
import * as v from 'valibot';
import { CHANNELS, LINK_CHANNELS } from '../channels';

export { CHANNELS, isLinkChannel, LINK_CHANNELS, WEB_CHANNEL } from '../channels';
export type { Channel, LinkChannel } from '../channels';

/** A `channel` filter or field. */
export const ChannelParam = v.picklist(CHANNELS, `must be ${CHANNELS.join(', ')}`);

/** The channel of minted links. */
export const LinkChannelParam = v.picklist(LINK_CHANNELS, `must be ${LINK_CHANNELS.join(', ')} (web is the widget's)`);
