import { createHmac, timingSafeEqual } from 'node:crypto';

// The console's signed values: session cookies and CSRF tokens (links and sessions: store/sign-in.ts).

/** Signs and checks values with the console's secret: session cookies and CSRF tokens. */
export class Signer {
  constructor(private readonly secret: string) {}

  private mac(value: string): string {
    return createHmac('sha256', this.secret).update(value).digest('base64url');
  }

  /** `value.mac`, for a cookie. */
  sign(value: string): string {
    return `${value}.${this.mac(value)}`;
  }

  /** The value of a signed string, if its signature holds. */
  unsign(signed: string): string | undefined {
    const dot = signed.lastIndexOf('.');
    if (dot < 0) return undefined;
    const value = signed.slice(0, dot);
    const given = Buffer.from(signed.slice(dot + 1));
    const expected = Buffer.from(this.mac(value));
    return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
  }

  /** The CSRF token bound to `binding`: a browser's session or its signed visitor id (web/shared.ts). */
  csrfToken(binding: string): string {
    return this.mac(`csrf:${binding}`);
  }

  checkCsrf(binding: string | undefined, token: unknown): boolean {
    if (!binding || typeof token !== 'string') return false;
    const given = Buffer.from(token);
    const expected = Buffer.from(this.csrfToken(binding));
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
