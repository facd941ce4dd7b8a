/** Every payload of the wire contract, one valibot schema each. */
export * from './common';
export * from './response';
export * from './survey';
export * from './site';
export * from './scores';
export * from './error';
export * from './export';
export * from './webhook';
export * from './team';
export * from './webhook-payload';
