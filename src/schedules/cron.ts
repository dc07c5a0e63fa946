import cronParser from 'cron-parser';
import { badUserInput } from '../errors';

/**
 * The same parser pg-boss's scheduler uses (cron-parser 4), so a slot computed here is one pg-boss
 * fires on. Five fields only: pg-boss looks for due slots about once a minute and debounces on 60
 * seconds, so a seconds field could not be honoured.
 */
export function checkCron(cron: string, timeZone: string, field: string): string {
  const text = cron.trim().replace(/\s+/g, ' ');
  if (text.split(' ').length !== 5 || text.length > 200) {
    throw badUserInput('cron must have five fields: minute hour day-of-month month day-of-week (e.g. "0 6 * * *").', field);
  }
  try {
    cronParser.parseExpression(text, { tz: timeZone }).next();
  } catch (error) {
    throw badUserInput(`cron "${text}" is not a valid expression: ${(error as Error).message}.`, field);
  }
  return text;
}

/** The latest slot of the cron at or before `instant`, in the zone. */
export function latestSlot(cron: string, timeZone: string, instant: Date): Date {
  // prev() is strictly before currentDate; a slot at the exact instant counts as reached.
  return cronParser
    .parseExpression(cron, { tz: timeZone, currentDate: new Date(instant.getTime() + 1) })
    .prev()
    .toDate();
}

export function nextSlot(cron: string, timeZone: string, after: Date): Date {
  return cronParser.parseExpression(cron, { tz: timeZone, currentDate: after }).next().toDate();
}
