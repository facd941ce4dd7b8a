// Types of the Worker's bindings (wrangler.toml) and main module, merged into
// the runtime's `Cloudflare` namespace so `env` and `exports` from
// `cloudflare:workers` are typed everywhere, tests included.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    /** The built widget and console files (dist/). */
    ASSETS: Fetcher;
    /** Secret: `wrangler secret put ADMIN_TOKEN`; locally from .dev.vars. */
    ADMIN_TOKEN?: string;
    /**
     * Secret: the key link-survey tokens are encrypted and authenticated
     * under (`wrangler secret put LINK_SIGNING_KEY`, at least 32 characters);
     * locally from .dev.vars. Also keys the erased users' suppression list.
     */
    LINK_SIGNING_KEY?: string;
    /**
     * Secret, optional: the key before a rotation, so that links minted under
     * it keep answering until they expire (at most 365 days).
     */
    LINK_SIGNING_KEY_PREVIOUS?: string;
    /** Secret: keys the hash of a client's address in the hourly answer quota (at least 32 characters). */
    QUOTA_KEY?: string;
    /** "production" or "development". */
    ENVIRONMENT: string;
    /** Public writes per client (hashed IP); see wrangler.toml. */
    RATE_LIMIT_CLIENT: RateLimit;
    /** Public writes per site. */
    RATE_LIMIT_SITE: RateLimit;
    /** Milliseconds exposure events wait in memory before one coalesced write (default 1000). */
    EVENTS_FLUSH_MS?: string;
    /** Answers one client may give one survey per hour (default 10). */
    ANSWERS_PER_CLIENT_HOUR?: string;
    /** Webhook deliveries to attempt (producer; the consumer is this Worker's `queue` handler). */
    WEBHOOKS: Queue<import('../shared/schemas/webhook').DeliveryMessage>;
    /** Seconds before the first retry of a failed webhook delivery (default 60; local run 1). */
    WEBHOOK_RETRY_BASE_S?: string;
    /**
     * Cloudflare Access (docs/deploy.md): the application's audience tag. When
     * set, a request without a bearer token must carry a valid
     * `Cf-Access-Jwt-Assertion`; unset, `ctx.access` is used where present.
     */
    ACCESS_AUD?: string;
    /** The Access team domain, `https://<team>.cloudflareaccess.com`: the assertions' issuer. */
    ACCESS_TEAM_DOMAIN?: string;
    /** Where the signing keys are (default `${ACCESS_TEAM_DOMAIN}/cdn-cgi/access/certs`); https, or http in local runs. */
    ACCESS_CERTS_URL?: string;
    /** Comma-separated emails that are owners whether or not they are members (the bootstrap). */
    OWNER_EMAILS?: string;
    /** Days the audit log keeps an entry (default 365). */
    AUDIT_RETENTION_DAYS?: string;
    /**
     * Where chat messages of webhooks link to the console (`https://cx.example/app/`);
     * default the Worker's origin the webhook was set up through, + `/app/`.
     */
    CONSOLE_URL?: string;
  }
  interface GlobalProps {
    mainModule: typeof import('./index');
  }
}
