/**
 * How a receiver checks that a delivery came from here, in three lines,
 * with the receiver example of docs/webhooks.md (examples/webhook-receiver.mjs, served
 * beside the console by its build) one click away. Header names and the
 * signed text are code, left to right, inside the sentences of any language.
 */
import { h, type ComponentChildren } from 'preact';
import { t, type StringKey } from '../../../i18n/strings';

const CODE: Record<string, string> = {
  signature: 'webhook-signature',
  v1: 'v1,<base64>',
  signed: '{webhook-id}.{webhook-timestamp}.{body}',
  prefix: 'whsec_',
  id: 'webhook-id',
};
const HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'];

const code = (text: string) => <code dir="ltr">{text}</code>;

/** A string's `{name}` placeholders as code elements (text is never HTML). */
function withCode(key: StringKey, values: Record<string, ComponentChildren>): ComponentChildren[] {
  return t(key)
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name && name in values ? values[name] : part;
    });
}

export function VerifyHint() {
  const separator = t('list.separator');
  const headers = HEADERS.flatMap((name, i) => (i == 0 ? [code(name)] : [separator, code(name)]));
  return (
    <aside class="hint-box" aria-labelledby="verify-title">
      <h2 id="verify-title">{t('verify.title')}</h2>
      <p>{withCode('verify.headers', { headers })}</p>
      <p>{withCode('verify.how', Object.fromEntries(Object.entries(CODE).map(([name, text]) => [name, code(text)])))}</p>
      <p>
        {t('verify.example')}{' '}
        <a href="/app/examples/webhook-receiver.mjs" target="_blank" rel="noopener">
          examples/webhook-receiver.mjs
        </a>
      </p>
    </aside>
  );
}
