import { CodedError } from '../../src/errors';
import { ScheduleWindow, windowRange } from '../../src/schedules/windows';

const SP = 'America/Sao_Paulo';
const NY = 'America/New_York';

function range(window: ScheduleWindow, runAt: string, zone: string): [string, string] {
  const { from, to } = windowRange(window, new Date(runAt), zone);
  return [from.toISOString(), to.toISOString()];
}

const hours = ([from, to]: [string, string]) => (Date.parse(to) - Date.parse(from)) / 3_600_000;

/**
 * Facts the expected values are worked from:
 * - São Paulo has kept UTC-3 all year since 2019 (no DST), so its midnight is 03:00Z every day.
 * - New York: EST (UTC-5) until Sunday 8 March 2026 02:00 local = 07:00Z, when clocks jump to 03:00 EDT
 *   (UTC-4); back to EST on Sunday 1 November 2026 at 02:00 EDT = 06:00Z. Midnight is 05:00Z in EST, 04:00Z in EDT.
 * - 1 March 2026 is a Sunday, so 2 March and 9 March are Mondays; February 2026 has 28 days.
 */
describe('schedule windows', () => {
  describe('São Paulo (UTC-3, no DST)', () => {
    it('PREVIOUS_DAY of a 06:00 run is yesterday 00:00–24:00 local', () => {
      // run 09:00Z = 06:00 on Tue 10 March → 9 March = [03:00Z 9th, 03:00Z 10th)
      expect(range('PREVIOUS_DAY', '2026-03-10T09:00:00Z', SP)).toEqual(['2026-03-09T03:00:00.000Z', '2026-03-10T03:00:00.000Z']);
    });

    it('takes the local day, not the UTC one, late in the evening', () => {
      // run 02:00Z on 1 March = 23:00 on Sat 28 Feb in São Paulo → yesterday is 27 Feb = [03:00Z 27th, 03:00Z 28th)
      expect(range('PREVIOUS_DAY', '2026-03-01T02:00:00Z', SP)).toEqual(['2026-02-27T03:00:00.000Z', '2026-02-28T03:00:00.000Z']);
      // …and the month to date is still February: [03:00Z 1 Feb, the run)
      expect(range('MONTH_TO_DATE', '2026-03-01T02:00:00Z', SP)).toEqual(['2026-02-01T03:00:00.000Z', '2026-03-01T02:00:00.000Z']);
    });

    it('crosses the month end', () => {
      // run 06:00 on Sun 1 March (09:00Z): yesterday = 28 Feb; previous month = February (28 × 24 = 672 h)
      expect(range('PREVIOUS_DAY', '2026-03-01T09:00:00Z', SP)).toEqual(['2026-02-28T03:00:00.000Z', '2026-03-01T03:00:00.000Z']);
      const february = range('PREVIOUS_MONTH', '2026-03-01T09:00:00Z', SP);
      expect(february).toEqual(['2026-02-01T03:00:00.000Z', '2026-03-01T03:00:00.000Z']);
      expect(hours(february)).toBe(672);
      // month to date: [00:00 1 March = 03:00Z, the run at 09:00Z)
      expect(range('MONTH_TO_DATE', '2026-03-01T09:00:00Z', SP)).toEqual(['2026-03-01T03:00:00.000Z', '2026-03-01T09:00:00.000Z']);
      // previous 7 days of that run: 22–28 Feb = [03:00Z 22 Feb, 03:00Z 1 March)
      expect(range('PREVIOUS_7_DAYS', '2026-03-01T09:00:00Z', SP)).toEqual(['2026-02-22T03:00:00.000Z', '2026-03-01T03:00:00.000Z']);
    });

    it('PREVIOUS_WEEK is Monday to Sunday of the week before the run', () => {
      // run Tue 10 March → this week began Mon 9 March → previous week Mon 2 – Sun 8 March = [03:00Z 2nd, 03:00Z 9th)
      expect(range('PREVIOUS_WEEK', '2026-03-10T09:00:00Z', SP)).toEqual(['2026-03-02T03:00:00.000Z', '2026-03-09T03:00:00.000Z']);
      // run Sun 8 March 12:00 local (15:00Z) → this week began Mon 2 March → previous week 23 Feb – 1 March
      expect(range('PREVIOUS_WEEK', '2026-03-08T15:00:00Z', SP)).toEqual(['2026-02-23T03:00:00.000Z', '2026-03-02T03:00:00.000Z']);
    });

    it('PREVIOUS_7_DAYS is the seven whole days before the run day', () => {
      // run Tue 10 March → 3–9 March = [03:00Z 3rd, 03:00Z 10th)
      expect(range('PREVIOUS_7_DAYS', '2026-03-10T09:00:00Z', SP)).toEqual(['2026-03-03T03:00:00.000Z', '2026-03-10T03:00:00.000Z']);
    });

    it('PREVIOUS_HOUR is the whole local hour before the one the run falls in', () => {
      // run 06:30 local = 09:30Z → 05:00–06:00 local = [08:00Z, 09:00Z)
      expect(range('PREVIOUS_HOUR', '2026-03-10T09:30:00Z', SP)).toEqual(['2026-03-10T08:00:00.000Z', '2026-03-10T09:00:00.000Z']);
      // exactly on the hour: run 06:00 local → 05:00–06:00
      expect(range('PREVIOUS_HOUR', '2026-03-10T09:00:00Z', SP)).toEqual(['2026-03-10T08:00:00.000Z', '2026-03-10T09:00:00.000Z']);
    });
  });

  describe('New York around the March DST change (8 March 2026)', () => {
    it('PREVIOUS_DAY of the change day is 23 hours long', () => {
      // run 06:00 EDT on 9 March = 10:00Z → 8 March: from 00:00 EST = 05:00Z to 00:00 EDT on the 9th = 04:00Z
      const day = range('PREVIOUS_DAY', '2026-03-09T10:00:00Z', NY);
      expect(day).toEqual(['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
      expect(hours(day)).toBe(23);
    });

    it('PREVIOUS_DAY before the change is 24 hours in EST', () => {
      // run 07:00 EDT on 8 March = 11:00Z → 7 March = [05:00Z 7th, 05:00Z 8th)
      expect(range('PREVIOUS_DAY', '2026-03-08T11:00:00Z', NY)).toEqual(['2026-03-07T05:00:00.000Z', '2026-03-08T05:00:00.000Z']);
    });

    it('PREVIOUS_HOUR across the skipped hour is one real hour', () => {
      // run 03:30 EDT = 07:30Z; its local hour began at 03:00 EDT = 07:00Z; the hour before: 06:00Z = 01:00 EST to 07:00Z
      expect(range('PREVIOUS_HOUR', '2026-03-08T07:30:00Z', NY)).toEqual(['2026-03-08T06:00:00.000Z', '2026-03-08T07:00:00.000Z']);
    });

    it('PREVIOUS_WEEK holding the change is 7 × 24 − 1 = 167 hours', () => {
      // run Mon 9 March 06:00 EDT = 10:00Z → Mon 2 March 00:00 EST (05:00Z) to Mon 9 March 00:00 EDT (04:00Z)
      const week = range('PREVIOUS_WEEK', '2026-03-09T10:00:00Z', NY);
      expect(week).toEqual(['2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
      expect(hours(week)).toBe(167);
    });

    it('PREVIOUS_7_DAYS starts in EST and ends in EDT', () => {
      // run Wed 11 March 06:00 EDT = 10:00Z → 4–10 March = [05:00Z 4th, 04:00Z 11th)
      expect(range('PREVIOUS_7_DAYS', '2026-03-11T10:00:00Z', NY)).toEqual(['2026-03-04T05:00:00.000Z', '2026-03-11T04:00:00.000Z']);
    });
  });

  describe('New York around the March month end', () => {
    it('PREVIOUS_MONTH of March is 31 × 24 − 1 = 743 hours', () => {
      // run 06:00 EDT on 1 April = 10:00Z → 1 March 00:00 EST (05:00Z) to 1 April 00:00 EDT (04:00Z)
      const march = range('PREVIOUS_MONTH', '2026-04-01T10:00:00Z', NY);
      expect(march).toEqual(['2026-03-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z']);
      expect(hours(march)).toBe(743);
    });

    it('is still March locally when it is already April in UTC', () => {
      // run 02:00Z on 1 April = 22:00 EDT on 31 March → previous month is February (EST both ends): [05:00Z 1 Feb, 05:00Z 1 March)
      expect(range('PREVIOUS_MONTH', '2026-04-01T02:00:00Z', NY)).toEqual(['2026-02-01T05:00:00.000Z', '2026-03-01T05:00:00.000Z']);
      // and the month to date runs from 1 March 00:00 EST to the run
      expect(range('MONTH_TO_DATE', '2026-04-01T02:00:00Z', NY)).toEqual(['2026-03-01T05:00:00.000Z', '2026-04-01T02:00:00.000Z']);
    });

    it('MONTH_TO_DATE on the stroke of a month covers the month just ended', () => {
      // run 00:00 EST on 1 March = 05:00Z: the instant before is in February → [05:00Z 1 Feb, 05:00Z 1 March)
      expect(range('MONTH_TO_DATE', '2026-03-01T05:00:00Z', NY)).toEqual(['2026-02-01T05:00:00.000Z', '2026-03-01T05:00:00.000Z']);
    });

    it('crosses a year end', () => {
      // run 06:00 EST on 1 January 2027 = 11:00Z → December 2026 = [05:00Z 1 Dec, 05:00Z 1 Jan)
      expect(range('PREVIOUS_MONTH', '2027-01-01T11:00:00Z', NY)).toEqual(['2026-12-01T05:00:00.000Z', '2027-01-01T05:00:00.000Z']);
    });
  });

  it('makes the November change day 25 hours long in New York', () => {
    // run 06:00 EST on 2 November = 11:00Z → 1 November: 00:00 EDT (04:00Z) to 00:00 EST on the 2nd (05:00Z)
    const day = range('PREVIOUS_DAY', '2026-11-02T11:00:00Z', NY);
    expect(day).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
    expect(hours(day)).toBe(25);
  });

  it('begins a day whose midnight the clocks skip at its first instant (Santiago, 6 September 2026)', () => {
    // Clocks go from 24:00 on the 5th (UTC-4) to 01:00 on the 6th (UTC-3) = 04:00Z: the 6th begins at 04:00Z, the 7th at 00:00 UTC-3 = 03:00Z
    const sixth = range('PREVIOUS_DAY', '2026-09-07T12:00:00Z', 'America/Santiago');
    expect(sixth).toEqual(['2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z']);
    expect(hours(sixth)).toBe(23);
    // the 5th, entirely in UTC-4: [04:00Z 5th, 04:00Z 6th)
    expect(range('PREVIOUS_DAY', '2026-09-06T12:00:00Z', 'America/Santiago')).toEqual([
      '2026-09-05T04:00:00.000Z',
      '2026-09-06T04:00:00.000Z',
    ]);
  });

  it('refuses an unknown zone with a coded error', () => {
    expect(() => windowRange('PREVIOUS_DAY', new Date('2026-03-10T09:00:00Z'), 'Mars/Olympus')).toThrow(CodedError);
    try {
      windowRange('PREVIOUS_DAY', new Date('2026-03-10T09:00:00Z'), 'Mars/Olympus');
    } catch (error) {
      expect((error as CodedError).code).toBe('BAD_USER_INPUT');
      expect((error as CodedError).details.field).toBe('timeZone');
    }
  });
});
