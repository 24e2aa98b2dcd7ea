/** The token of an `Authorization: Bearer …` header, or undefined for any other header. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
}
