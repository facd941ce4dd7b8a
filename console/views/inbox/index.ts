/** The inbox of follow-up cases: a chunk of its own (views/screens.ts), with its English strings. */
import { enInbox } from '../../i18n/en-inbox';
import { addEnglish } from '../../i18n/strings';
import './inbox.css';

addEnglish(enInbox);

export { Inbox } from './Inbox';
