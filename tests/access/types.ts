/** What tests ask the Access stand-in to sign (no Node imports: workerd tests use these too). */
export interface SignRequest {
  /** The team key to sign with (and the `kid` of the header unless `header.kid` says otherwise). */
  kid: string;
  claims: Record<string, unknown>;
  /** Header fields over the defaults (`alg`, `kid`, `typ`). */
  header?: Record<string, unknown>;
  /** `rs256` (default); `none`: unsigned; `hs256-public-key`: HMAC with the public key as the secret. */
  mode?: 'rs256' | 'none' | 'hs256-public-key';
}
