/**
 * The English strings of the webhooks' deliveries and of verifying a
 * signature: they come with the admin chunk rather than the first screen
 * (i18n/strings.ts takes them when the chunk loads). fa.ts and ar.ts hold
 * their translations like any other key.
 */
export const enWebhooks = {
  'verify.title': 'Verify the signature',
  'verify.headers': 'Each delivery carries three headers: {headers}.',
  'verify.how': '{signature} is {v1} and the base64 HMAC-SHA256 of {signed}, keyed with the part of the secret after {prefix}, base64-decoded. Refuse old timestamps, and handle each {id} once: a delivery can arrive twice.',
  'verify.example': 'The receiver example of docs/webhooks.md does all of it in Node, with no dependencies:',
  'deliveries.help': 'The latest {shown}, newest first. A delivery is retried for about a day; then it is failed and can be sent again.',
  'deliveries.none': 'No deliveries yet: they appear when a matching answer arrives.',
  'deliveries.refresh': 'Refresh',
  'deliveries.created': 'Event time',
  'deliveries.event': 'Event',
  'deliveries.answer': 'Answer id',
  'deliveries.attempts': 'Attempts',
  'deliveries.lastStatus': 'Last status',
  'deliveries.lastError': 'Last error',
  'deliveries.next': 'Next attempt',
  'deliveries.delivered': 'Delivered at',
  'deliveries.retry': 'Retry',
  'deliveries.retryOne': 'Retry the delivery of answer {answer}',
  'deliveries.retried': 'Sent again: it is pending.',
};
