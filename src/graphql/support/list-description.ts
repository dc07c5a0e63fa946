/** One wording for every list field, so each names its order the same way. */
export function listDescription(what: string, timeField: string): string {
  return `${what}, ordered by (${timeField}, id): newest first, or oldest first with \`order: OLDEST_FIRST\`.`;
}
