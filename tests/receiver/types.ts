/** What tests tell the webhook receiver, and what it tells them back (no Node imports: workerd tests use these too). */
export interface BoxScript {
  /** The webhook's secret (`whsec_…`), to verify signatures with. */
  secret: string;
  /** Statuses to answer first, in order; afterwards `then`. */
  answers?: number[];
  /** Status once `answers` are used up (default 200). */
  then?: number;
  /** Milliseconds to wait before answering, per request in order (to outlast the sender's timeout). */
  delays?: number[];
  /** The JSON body to answer with (default `{"ok": …}`), as a Bot API says why it refused. */
  reply?: unknown;
}

export interface Received {
  /** The path it was posted to. */
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Did the reference library accept the signature? */
  verified: boolean;
  /** What the receiver answered. */
  answered: number;
  at: number;
}
