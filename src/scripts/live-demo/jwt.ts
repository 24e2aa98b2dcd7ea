/** Reads a JWT's header and claims for display. It never verifies: that is the servers' job. */

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

export function looksLikeJwt(value: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(value);
}

export function decodeJwt(value: string): DecodedJwt | undefined {
  if (!looksLikeJwt(value)) return undefined;
  const [header, claims] = value.split('.').slice(0, 2).map(decodePart);
  return header && claims ? { header, claims } : undefined;
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** "4 min 12 s", "expired 3 s ago". */
export function describeRemaining(seconds: number): string {
  const whole = Math.round(Math.abs(seconds));
  const text = whole >= 60 ? `${Math.floor(whole / 60)} min ${whole % 60} s` : `${whole} s`;
  return seconds > 0 ? `expires in ${text}` : `expired ${text} ago`;
}
