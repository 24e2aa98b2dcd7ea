import type { z } from 'zod';

/** FusionAuth's error body for /api/* endpoints. */
export interface ErrorEntry {
  code: string;
  message: string;
}

export interface FusionAuthErrors {
  fieldErrors: Record<string, ErrorEntry[]>;
  generalErrors: ErrorEntry[];
}

/** An /api/* failure: a status plus FusionAuth's error JSON, or no body at all (e.g. 401, 404). */
export class ApiError extends Error {
  readonly status: number;
  readonly body: FusionAuthErrors | null;

  constructor(status: number, body: FusionAuthErrors | null) {
    super(body ? JSON.stringify(body) : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }

  static empty(status: number): ApiError {
    return new ApiError(status, null);
  }

  static field(field: string, code: string, message: string, status = 400): ApiError {
    return new ApiError(status, { fieldErrors: { [field]: [{ code: `[${code}]${field}`, message }] }, generalErrors: [] });
  }

  static general(code: string, message: string, status = 400): ApiError {
    return new ApiError(status, { fieldErrors: {}, generalErrors: [{ code, message }] });
  }
}

// FusionAuth's names for the validation failures zod reports.
const ISSUE_CODES: Record<string, string> = { too_small: 'tooShort', too_big: 'tooLong', 'format:email': 'notEmail' };

/** Validates with zod and reports failures as FusionAuth field errors: `[blank]loginId`, `[invalid]applicationId`… */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, prefix = ''): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, ErrorEntry[]> = {};
  for (const issue of result.error.issues) {
    const field = prefix + issue.path.map(String).join('.');
    const value = valueAt(input, issue.path);
    const blank = value === undefined || value === null || value === '';
    const code = blank ? 'blank' : (ISSUE_CODES[issue.code === 'invalid_format' ? `format:${issue.format}` : issue.code] ?? 'invalid');
    const message = blank ? `You must specify the [${field}] property.` : `The [${field}] property is invalid: ${issue.message}.`;
    (fieldErrors[field] ??= []).push({ code: `[${code}]${field}`, message });
  }
  throw new ApiError(400, { fieldErrors, generalErrors: [] });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** RFC 6749 error body, with FusionAuth's extra `error_reason`. Used for /oauth2/*. */
export class OAuthError extends Error {
  readonly status: number;
  readonly error: string;
  readonly reason: string;
  readonly description: string;

  constructor(status: number, error: string, reason: string, description: string) {
    super(description);
    this.status = status;
    this.error = error;
    this.reason = reason;
    this.description = description;
  }

  toJSON(): { error: string; error_description: string; error_reason: string } {
    return { error: this.error, error_description: this.description, error_reason: this.reason };
  }
}
