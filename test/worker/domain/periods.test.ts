import { describe, expect, it } from 'vitest';
import { PERIOD_TYPES, type DueRule } from '../../../schemas';
import { formatDeadline } from '../../../schemas/labels';
import {
  DEFAULT_TZ,
  addDays,
  dataWindow,
  dueInstant,
  isValidLocalDate,
  localDateOf,
  parsePeriod,
  periodTypeOf,
  periodsOfYear,
  subPeriodKey,
  validateDueRule,
  validateOnly,
  type PeriodType,
} from '../../../worker/src/domain/periods';

// Independent oracles (do not reuse module code): Vietnam is UTC+7 with no DST.
const ictMidnight = (d: string) => new Date(`${d}T00:00:00+07:00`).toISOString();
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const iso = (d: Date) => d.toISOString();

describe('constants', () => {
  it('exposes the period types and default zone', () => {
    expect(PERIOD_TYPES).toEqual(['month', 'quarter', 'half', 'nine_months', 'year', 'once']);
    expect(DEFAULT_TZ).toBe('Asia/Ho_Chi_Minh');
  });
});

describe('parsePeriod', () => {
  it.each([
    ['202005', 'month', 2020, '2020-05-01', '2020-05-31'],
    ['202001', 'month', 2020, '2020-01-01', '2020-01-31'],
    ['202002', 'month', 2020, '2020-02-01', '2020-02-29'], // leap year
    ['202102', 'month', 2021, '2021-02-01', '2021-02-28'],
    ['200002', 'month', 2000, '2000-02-01', '2000-02-29'], // divisible by 400
    ['210002', 'month', 2100, '2100-02-01', '2100-02-28'], // century, not leap
    ['202012', 'month', 2020, '2020-12-01', '2020-12-31'],
    ['2020Q1', 'quarter', 2020, '2020-01-01', '2020-03-31'],
    ['2020Q2', 'quarter', 2020, '2020-04-01', '2020-06-30'],
    ['2020Q3', 'quarter', 2020, '2020-07-01', '2020-09-30'],
    ['2020Q4', 'quarter', 2020, '2020-10-01', '2020-12-31'],
    ['2020S1', 'half', 2020, '2020-01-01', '2020-06-30'],
    ['2020S2', 'half', 2020, '2020-07-01', '2020-12-31'],
    ['2020N9', 'nine_months', 2020, '2020-01-01', '2020-09-30'],
    ['2020', 'year', 2020, '2020-01-01', '2020-12-31'],
  ])('%s → %s %i %s..%s', (code, type, year, start, end) => {
    expect(parsePeriod(code)).toEqual({ code, type, year, start, end });
    expect(periodTypeOf(code)).toBe(type);
  });

  it('parses ONCE without dates', () => {
    expect(parsePeriod('ONCE')).toEqual({ code: 'ONCE', type: 'once', year: null, start: null, end: null });
    expect(periodTypeOf('ONCE')).toBe('once');
  });

  it.each([
    '2020Q5', '2020Q0', '202013', '202000', '2020S3', '2020S0', '20201', '2020N8', '2020N', 'ONCE ', ' ONCE',
    'once', '2020q1', '2020s1', '2020n9', ' 2020', '2020 ', '0999', '0202005', '2020-05', '20200501', '', 'Q1',
    '2020Q', '2020M05', '２０２０',
  ])('rejects %j', (code) => {
    expect(parsePeriod(code)).toBeNull();
    expect(periodTypeOf(code)).toBeNull();
    expect(subPeriodKey(code)).toBeNull();
    expect(dataWindow(code, 'calendar')).toBeNull();
  });

  it('rejects non-strings defensively', () => {
    expect(parsePeriod(2020 as unknown as string)).toBeNull();
    expect(parsePeriod(null as unknown as string)).toBeNull();
  });
});

describe('subPeriodKey', () => {
  it.each([
    ['2020Q3', 'Q3'], ['2020Q1', 'Q1'], ['2020S1', 'S1'], ['2020S2', 'S2'], ['202005', '05'], ['202012', '12'],
    ['2020N9', null], ['2020', null], ['ONCE', null], ['2020Q9', null],
  ])('%s → %j', (code, key) => {
    expect(subPeriodKey(code)).toBe(key);
  });
});

describe('periodsOfYear', () => {
  it.each([
    ['month', ['202101', '202102', '202103', '202104', '202105', '202106', '202107', '202108', '202109', '202110', '202111', '202112']],
    ['quarter', ['2021Q1', '2021Q2', '2021Q3', '2021Q4']],
    ['half', ['2021S1', '2021S2']],
    ['nine_months', ['2021N9']],
    ['year', ['2021']],
    ['once', ['ONCE']],
  ] as [PeriodType, string[]][])('%s without only', (type, codes) => {
    expect(periodsOfYear(type, 2021)).toEqual(codes);
    expect(periodsOfYear(type, 2021, [])).toEqual(codes); // empty only = no restriction
  });

  it.each([
    ['half', ['S1'], ['2021S1']],
    ['half', ['S2'], ['2021S2']],
    ['quarter', ['Q1', 'Q3'], ['2021Q1', '2021Q3']],
    ['quarter', ['Q3', 'Q1'], ['2021Q1', '2021Q3']], // output stays in calendar order
    ['month', ['01', '07'], ['202101', '202107']],
    ['month', ['12'], ['202112']],
    ['month', ['1', '13'], []], // not keys: nothing matches
  ] as [PeriodType, string[], string[]][])('%s only %j', (type, only, codes) => {
    expect(periodsOfYear(type, 2021, only)).toEqual(codes);
  });

  it('every generated code round-trips through parsePeriod with the right type and key', () => {
    for (const type of PERIOD_TYPES) {
      for (const year of [1999, 2000, 2020, 2021, 2100]) {
        for (const code of periodsOfYear(type, year)) {
          const p = parsePeriod(code);
          expect(p?.code).toBe(code);
          expect(p?.type).toBe(type);
          if (type !== 'once') expect(p?.year).toBe(year);
          const key = subPeriodKey(code);
          if (key !== null) expect(periodsOfYear(type, year, [key])).toEqual([code]);
        }
      }
    }
  });

  it('consecutive periods of a type tile the year exactly', () => {
    for (const type of ['month', 'quarter', 'half'] as const) {
      const ps = periodsOfYear(type, 2020).map((c) => parsePeriod(c)!);
      expect(ps[0]!.start).toBe('2020-01-01');
      expect(ps[ps.length - 1]!.end).toBe('2020-12-31');
      for (let i = 1; i < ps.length; i++) expect(ps[i]!.start).toBe(addDays(ps[i - 1]!.end!, 1));
    }
  });

  it('throws on only for types without sub-periods, and on bad years', () => {
    expect(() => periodsOfYear('year', 2021, ['S1'])).toThrow(RangeError);
    expect(() => periodsOfYear('nine_months', 2021, ['N9'])).toThrow(RangeError);
    expect(() => periodsOfYear('once', 2021, ['X'])).toThrow(RangeError);
    expect(() => periodsOfYear('month', 2021.5)).toThrow(RangeError);
    expect(() => periodsOfYear('month', 999)).toThrow(RangeError);
    expect(() => periodsOfYear('week' as PeriodType, 2021)).toThrow(RangeError);
  });
});

describe('validateOnly', () => {
  it.each([
    ['half', ['S1']], ['half', ['S1', 'S2']], ['quarter', ['Q1', 'Q3']], ['month', ['01', '07']],
    ['month', []], ['year', []], ['once', []],
  ] as [PeriodType, string[]][])('%s %j is valid', (type, only) => {
    expect(validateOnly(type, only)).toBeNull();
  });

  it.each([
    ['year', ['S1']], ['nine_months', ['N9']], ['once', ['ONCE']],
    ['half', ['S3']], ['half', ['Q1']], ['quarter', ['Q5']], ['quarter', ['q1']],
    ['month', ['1']], ['month', ['13']], ['month', ['00']], ['month', [7]],
    ['quarter', ['Q1', 'Q1']], ['week', ['01']],
  ] as [PeriodType, string[]][])('%s %j is rejected', (type, only) => {
    expect(validateOnly(type, only)).toEqual({ en: expect.any(String), vi: expect.any(String) });
  });

  it('rejects a non-array', () => {
    expect(validateOnly('month', 'S1' as unknown as string[])).toEqual({ en: expect.any(String), vi: expect.any(String) });
  });
});

describe('dataWindow', () => {
  it.each([
    ['202001', '2019-12-15', '2020-01-14'], // January reaches into the previous year
    ['202002', '2020-01-15', '2020-02-14'],
    ['202003', '2020-02-15', '2020-03-14'], // spans 29 Feb 2020
    ['202012', '2020-11-15', '2020-12-14'],
    ['2020Q1', '2019-12-15', '2020-03-14'],
    ['2020Q2', '2020-03-15', '2020-06-14'],
    ['2020Q3', '2020-06-15', '2020-09-14'],
    ['2020Q4', '2020-09-15', '2020-12-14'],
    ['2020S1', '2019-12-15', '2020-06-14'],
    ['2020S2', '2020-06-15', '2020-12-14'],
    ['2020N9', '2019-12-15', '2020-09-14'],
    ['2020', '2019-12-15', '2020-12-14'],
    ['2021', '2020-12-15', '2021-12-14'],
  ])('decree09 %s → %s..%s', (code, from, to) => {
    expect(dataWindow(code, 'decree09')).toEqual({ from, to });
  });

  it.each([
    ['202002', '2020-02-01', '2020-02-29'],
    ['202102', '2021-02-01', '2021-02-28'],
    ['2020Q4', '2020-10-01', '2020-12-31'],
    ['2020S1', '2020-01-01', '2020-06-30'],
    ['2020N9', '2020-01-01', '2020-09-30'],
    ['2020', '2020-01-01', '2020-12-31'],
  ])('calendar %s → %s..%s', (code, from, to) => {
    expect(dataWindow(code, 'calendar')).toEqual({ from, to });
  });

  it('decree09 monthly and quarterly windows tile time with no gaps (across the year boundary)', () => {
    for (const type of ['month', 'quarter', 'half'] as const) {
      const codes = [...periodsOfYear(type, 2019), ...periodsOfYear(type, 2020)];
      for (let i = 1; i < codes.length; i++) {
        expect(dataWindow(codes[i]!, 'decree09')!.from).toBe(addDays(dataWindow(codes[i - 1]!, 'decree09')!.to, 1));
      }
    }
  });

  it('ONCE and invalid codes have no window', () => {
    expect(dataWindow('ONCE', 'calendar')).toBeNull();
    expect(dataWindow('ONCE', 'decree09')).toBeNull();
    expect(dataWindow('2020Q5', 'decree09')).toBeNull();
  });
});

describe('isValidLocalDate / addDays', () => {
  it.each([
    ['2024-02-29', true], ['2020-02-29', true], ['2000-02-29', true], ['2021-12-31', true], ['2021-01-01', true],
    ['2021-02-29', false], ['2100-02-29', false], ['2021-02-30', false], ['2021-04-31', false], ['2021-13-01', false],
    ['2021-00-10', false], ['2021-01-00', false], ['2021-1-01', false], ['21-01-01', false], ['2021/01/01', false],
    ['2021-01-01T00:00', false], [' 2021-01-01', false], ['', false], ['0000-01-01', false],
  ])('%j → %s', (s, ok) => {
    expect(isValidLocalDate(s)).toBe(ok);
  });

  it.each([
    ['2020-12-31', 1, '2021-01-01'],
    ['2021-01-01', -1, '2020-12-31'],
    ['2020-02-28', 1, '2020-02-29'],
    ['2021-02-28', 1, '2021-03-01'],
    ['2020-03-01', -1, '2020-02-29'],
    ['2020-01-01', 366, '2021-01-01'],
    ['2021-01-01', 365, '2022-01-01'],
    ['2020-05-15', 0, '2020-05-15'],
    ['1999-12-31', 1, '2000-01-01'],
    ['2020-12-31', 10, '2021-01-10'],
  ])('addDays(%s, %i) = %s', (d, n, out) => {
    expect(addDays(d, n)).toBe(out);
  });

  it('addDays throws on bad input', () => {
    expect(() => addDays('2021-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2021-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('localDateOf', () => {
  it.each([
    ['2021-05-14T16:59:59.999Z', DEFAULT_TZ, '2021-05-14'],
    ['2021-05-14T17:00:00.000Z', DEFAULT_TZ, '2021-05-15'],
    ['2020-12-31T17:00:00.000Z', DEFAULT_TZ, '2021-01-01'],
    ['2021-05-14T17:00:00.000Z', 'UTC', '2021-05-14'],
    ['2021-03-28T22:30:00.000Z', 'Europe/Berlin', '2021-03-29'], // CEST +2
    ['2021-01-01T03:00:00.000Z', 'America/New_York', '2020-12-31'],
  ])('%s in %s → %s', (instant, tz, d) => {
    expect(localDateOf(new Date(instant), tz)).toBe(d);
  });

  it('defaults to Vietnam time', () => {
    expect(localDateOf(new Date('2021-05-14T17:00:00Z'))).toBe('2021-05-15');
  });
});

// ---------------------------------------------------------------------------
// Every period type × every due rule × before true/false (Vietnam time).

const RULES: Record<string, DueRule> = {
  fixedMay15: { rule: 'fixedDate', month: 5, day: 15 },
  fixedJan20NextYear: { rule: 'fixedDate', month: 1, day: 20, yearOffset: 1 },
  lastMonth15: { rule: 'dayOfLastMonth', day: 15 },
  lastMonth31: { rule: 'dayOfLastMonth', day: 31 }, // clamps to the month's last day
  after10: { rule: 'afterPeriodEnd', days: 10 },
  after0: { rule: 'afterPeriodEnd', days: 0 },
  date: { rule: 'date', date: '2021-02-01' },
};

// Day D each rule names, per period (null = the rule is invalid for that period).
const DAY_D: Record<string, Record<keyof typeof RULES, string | null>> = {
  '202005': { fixedMay15: '2020-05-15', fixedJan20NextYear: '2021-01-20', lastMonth15: '2020-05-15', lastMonth31: '2020-05-31', after10: '2020-06-10', after0: '2020-05-31', date: '2021-02-01' },
  '202001': { fixedMay15: '2020-05-15', fixedJan20NextYear: '2021-01-20', lastMonth15: '2020-01-15', lastMonth31: '2020-01-31', after10: '2020-02-10', after0: '2020-01-31', date: '2021-02-01' },
  '202002': { fixedMay15: '2020-05-15', fixedJan20NextYear: '2021-01-20', lastMonth15: '2020-02-15', lastMonth31: '2020-02-29', after10: '2020-03-10', after0: '2020-02-29', date: '2021-02-01' },
  '202102': { fixedMay15: '2021-05-15', fixedJan20NextYear: '2022-01-20', lastMonth15: '2021-02-15', lastMonth31: '2021-02-28', after10: '2021-03-10', after0: '2021-02-28', date: '2021-02-01' },
  '202012': { fixedMay15: '2020-05-15', fixedJan20NextYear: '2021-01-20', lastMonth15: '2020-12-15', lastMonth31: '2020-12-31', after10: '2021-01-10', after0: '2020-12-31', date: '2021-02-01' },
  '2020Q1': { fixedMay15: '2020-05-15', fixedJan20NextYear: '2021-01-20', lastMonth15: '2020-03-15', lastMonth31: '2020-03-31', after10: '2020-04-10', after0: '2020-03-31', date: '2021-02-01' },
  '2020Q2': { fixedMay15: '2020-05-15', fixedJan20NextYear: '2021-01-20', lastMonth15: '2020-06-15', lastMonth31: '2020-06-30', after10: '2020-07-10', after0: '2020-06-30', date: '2021-02-01' },
  '2020Q3': { fixedMay15: '2020-05-15', fixedJan20NextYear: '2021-01-20', lastMonth15: '2020-09-15', lastMonth31: '2020-09-30', after10: '2020-10-10', after0: '2020-09-30', date: '2021-02-01' },
  '2020Q4': { fixedMay15: '2020-05-15', fixedJan20NextYear: '2021-01-20', lastMonth15: '2020-12-15', lastMonth31: '2020-12-31', after10: '2021-01-10', after0: '2020-12-31', date: '2021-02-01' },
  '2020S1': { fixedMay15: '2020-05-15', fixedJan20NextYear: '2021-01-20', lastMonth15: '2020-06-15', lastMonth31: '2020-06-30', after10: '2020-07-10', after0: '2020-06-30', date: '2021-02-01' },
  '2020S2': { fixedMay15: '2020-05-15', fixedJan20NextYear: '2021-01-20', lastMonth15: '2020-12-15', lastMonth31: '2020-12-31', after10: '2021-01-10', after0: '2020-12-31', date: '2021-02-01' },
  '2020N9': { fixedMay15: '2020-05-15', fixedJan20NextYear: '2021-01-20', lastMonth15: '2020-09-15', lastMonth31: '2020-09-30', after10: '2020-10-10', after0: '2020-09-30', date: '2021-02-01' },
  '2020': { fixedMay15: '2020-05-15', fixedJan20NextYear: '2021-01-20', lastMonth15: '2020-12-15', lastMonth31: '2020-12-31', after10: '2021-01-10', after0: '2020-12-31', date: '2021-02-01' },
  ONCE: { fixedMay15: null, fixedJan20NextYear: null, lastMonth15: null, lastMonth31: null, after10: null, after0: null, date: '2021-02-01' },
};

const MATRIX = Object.entries(DAY_D).flatMap(([code, byRule]) =>
  Object.entries(byRule).flatMap(([ruleName, d]) =>
    [true, false].map((before) => ({ code, ruleName, before, d })),
  ),
);

describe('dueInstant matrix: period type × rule × before', () => {
  it('covers every period type, rule kind and both before values', () => {
    expect(new Set(MATRIX.map((r) => periodTypeOf(r.code)))).toEqual(new Set(PERIOD_TYPES));
    expect(new Set(Object.values(RULES).map((r) => r.rule))).toEqual(new Set(['fixedDate', 'dayOfLastMonth', 'afterPeriodEnd', 'date']));
  });

  it.each(MATRIX)('$code $ruleName before=$before → D=$d', ({ code, ruleName, before, d }) => {
    const rule = { ...RULES[ruleName], before } as DueRule;
    const type = periodTypeOf(code)!;
    if (d === null) {
      expect(() => dueInstant(code, rule)).toThrow(RangeError);
      expect(validateDueRule(rule, type)).toEqual({ en: expect.any(String), vi: expect.any(String) });
      return;
    }
    expect(validateDueRule(rule, type)).toBeNull();
    // before: due 00:00 on D; "chậm nhất": due 24:00 on D = 00:00 on D+1.
    const expected = ictMidnight(before ? d : nextDay(d));
    expect(iso(dueInstant(code, rule))).toBe(expected);
    expect(iso(dueInstant(code, rule, { tz: 'Asia/Ho_Chi_Minh' }))).toBe(expected);
  });

  it('before defaults to true', () => {
    for (const [code, byRule] of Object.entries(DAY_D)) {
      for (const [ruleName, d] of Object.entries(byRule)) {
        if (d === null) continue;
        expect(iso(dueInstant(code, RULES[ruleName]!))).toBe(ictMidnight(d));
      }
    }
  });
});

describe('dueInstant year boundaries', () => {
  it('annual report due in January of the next year via yearOffset 1', () => {
    const rule: DueRule = { rule: 'fixedDate', month: 1, day: 15, yearOffset: 1 };
    expect(iso(dueInstant('2020', rule))).toBe('2021-01-14T17:00:00.000Z');
    expect(localDateOf(dueInstant('2020', rule))).toBe('2021-01-15');
  });

  it('negative yearOffset', () => {
    expect(iso(dueInstant('2021', { rule: 'fixedDate', month: 12, day: 20, yearOffset: -1 }))).toBe('2020-12-19T17:00:00.000Z');
  });

  it('afterPeriodEnd crosses New Year: 2020Q4 + 10 days → 2021-01-10', () => {
    const due = dueInstant('2020Q4', { rule: 'afterPeriodEnd', days: 10 });
    expect(iso(due)).toBe('2021-01-09T17:00:00.000Z');
    expect(localDateOf(due)).toBe('2021-01-10');
    expect(iso(dueInstant('2020Q4', { rule: 'afterPeriodEnd', days: 10, before: false }))).toBe('2021-01-10T17:00:00.000Z');
  });

  it('"before 1 January" is due at the very start of the new year', () => {
    expect(iso(dueInstant('2020', { rule: 'fixedDate', month: 1, day: 1, yearOffset: 1 }))).toBe('2020-12-31T17:00:00.000Z');
  });

  it('fixedDate 29 February works in a leap year only', () => {
    const rule: DueRule = { rule: 'fixedDate', month: 2, day: 29 };
    expect(iso(dueInstant('2020', rule))).toBe('2020-02-28T17:00:00.000Z');
    expect(() => dueInstant('2021', rule)).toThrow(RangeError);
  });

  it('due dates may precede the period end', () => {
    const due = dueInstant('2021S1', { rule: 'fixedDate', month: 5, day: 15 });
    expect(due.getTime()).toBeLessThan(Date.parse(`${parsePeriod('2021S1')!.end}T00:00:00+07:00`));
  });
});

describe('dueInstant errors', () => {
  it.each([
    ['ONCE', { rule: 'fixedDate', month: 5, day: 15 }],
    ['ONCE', { rule: 'dayOfLastMonth', day: 15 }],
    ['ONCE', { rule: 'afterPeriodEnd', days: 10 }],
    ['2021', { rule: 'fixedDate', month: 2, day: 30 }],
    ['2021', { rule: 'fixedDate', month: 13, day: 1 }],
    ['2021', { rule: 'fixedDate', month: 4, day: 31 }],
    ['2021', { rule: 'fixedDate', month: 5, day: 15, yearOffset: 0.5 }],
    ['2021', { rule: 'dayOfLastMonth', day: 0 }],
    ['2021', { rule: 'dayOfLastMonth', day: 32 }],
    ['2021', { rule: 'afterPeriodEnd', days: -1 }],
    ['2021', { rule: 'afterPeriodEnd', days: 1.5 }],
    ['2021', { rule: 'date', date: '2021-02-30' }],
    ['2021', { rule: 'date', date: '1/2/2021' }],
    ['2021', { rule: 'weekly' }],
    ['2021Q5', { rule: 'date', date: '2021-02-01' }],
    ['', { rule: 'date', date: '2021-02-01' }],
  ])('%s %j throws RangeError', (code, rule) => {
    expect(() => dueInstant(code, rule as DueRule)).toThrow(RangeError);
  });

  it('an unknown time zone throws RangeError', () => {
    expect(() => dueInstant('2021', { rule: 'date', date: '2021-02-01' }, { tz: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('dueInstant shiftToWorkingDay', () => {
  const TET_2021 = new Set(['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-13', '2021-02-14', '2021-02-15', '2021-02-16']);
  const shift = { shiftToWorkingDay: true } as const;

  it.each([
    // [label, rule, opts, expected due, last allowed local date]
    ['before Sat 15/05: last day Fri 14 is a working day', { rule: 'date', date: '2021-05-15' }, shift, '2021-05-14T17:00:00.000Z', '2021-05-14'],
    ['chậm nhất Sat 15/05 → Mon 17/05', { rule: 'date', date: '2021-05-15', before: false }, shift, '2021-05-17T17:00:00.000Z', '2021-05-17'],
    ['chậm nhất Sun 16/05 → Mon 17/05', { rule: 'date', date: '2021-05-16', before: false }, shift, '2021-05-17T17:00:00.000Z', '2021-05-17'],
    ['before Mon 17/05: last day Sun 16 → Mon 17', { rule: 'date', date: '2021-05-17' }, shift, '2021-05-17T17:00:00.000Z', '2021-05-17'],
    ['before Sun 16/05: last day Sat 15 → Mon 17', { rule: 'date', date: '2021-05-16' }, shift, '2021-05-17T17:00:00.000Z', '2021-05-17'],
    ['no shift without the option', { rule: 'date', date: '2021-05-15', before: false }, {}, '2021-05-15T17:00:00.000Z', '2021-05-15'],
    ['Tết: chậm nhất Fri 12/02 → Wed 17/02', { rule: 'date', date: '2021-02-12', before: false }, { ...shift, holidays: TET_2021 }, '2021-02-17T17:00:00.000Z', '2021-02-17'],
    ['Tết: before Thu 11/02 (last day Wed 10) → Wed 17/02', { rule: 'date', date: '2021-02-11' }, { ...shift, holidays: TET_2021 }, '2021-02-17T17:00:00.000Z', '2021-02-17'],
    ['Tết: before Wed 10/02 (last day Tue 09) unaffected', { rule: 'date', date: '2021-02-10' }, { ...shift, holidays: TET_2021 }, '2021-02-09T17:00:00.000Z', '2021-02-09'],
    ['Tết set ignored for Fri 12/02 without the option', { rule: 'date', date: '2021-02-12', before: false }, { holidays: TET_2021 }, '2021-02-12T17:00:00.000Z', '2021-02-12'],
    ['Fri 12/02 without holidays is a working day', { rule: 'date', date: '2021-02-12', before: false }, shift, '2021-02-12T17:00:00.000Z', '2021-02-12'],
    ['30/4 + 1/5 + weekend + compensatory Mon 3/5 → Tue 4/5', { rule: 'date', date: '2021-04-30', before: false },
      { ...shift, holidays: new Set(['2021-04-30', '2021-05-01', '2021-05-03']) }, '2021-05-04T17:00:00.000Z', '2021-05-04'],
  ] as [string, DueRule, Parameters<typeof dueInstant>[2], string, string][])('%s', (_label, rule, opts, expected, lastDay) => {
    const due = dueInstant('ONCE', rule, opts);
    expect(iso(due)).toBe(expected);
    expect(formatDeadline(due)).toBe(`chậm nhất 23:59 ngày ${lastDay.split('-').reverse().join('/')}`);
  });

  it('works with period-based rules too (2021Q1 afterPeriodEnd 10 → Sat 10/04 → Mon 12/04)', () => {
    expect(iso(dueInstant('2021Q1', { rule: 'afterPeriodEnd', days: 10, before: false }, shift))).toBe('2021-04-12T17:00:00.000Z');
  });

  it('shifted deadline in a DST zone lands at local midnight', () => {
    // Sat 27/03/2021 → Mon 29/03 in Berlin, after the spring-forward on Sunday 28/03.
    const due = dueInstant('ONCE', { rule: 'date', date: '2021-03-27', before: false }, { ...shift, tz: 'Europe/Berlin' });
    expect(iso(due)).toBe('2021-03-29T22:00:00.000Z');
  });
});

describe('dueInstant time zones', () => {
  it.each([
    ['UTC', '2021-02-01', '2021-02-01T00:00:00.000Z'],
    ['Asia/Ho_Chi_Minh', '2021-02-01', '2021-01-31T17:00:00.000Z'],
    ['Asia/Tokyo', '2021-02-01', '2021-01-31T15:00:00.000Z'],
    ['Europe/Berlin', '2021-01-15', '2021-01-14T23:00:00.000Z'], // CET +1
    ['Europe/Berlin', '2021-03-28', '2021-03-27T23:00:00.000Z'], // DST starts 02:00 that day; midnight still +1
    ['Europe/Berlin', '2021-03-29', '2021-03-28T22:00:00.000Z'], // CEST +2
    ['Europe/Berlin', '2021-10-31', '2021-10-30T22:00:00.000Z'], // DST ends 03:00 that day; midnight still +2
    ['Europe/Berlin', '2021-11-01', '2021-10-31T23:00:00.000Z'],
    ['America/New_York', '2021-03-14', '2021-03-14T05:00:00.000Z'], // EST -5
    ['America/New_York', '2021-03-15', '2021-03-15T04:00:00.000Z'], // EDT -4
    ['America/New_York', '2021-11-08', '2021-11-08T05:00:00.000Z'],
    ['America/Santiago', '2021-09-05', '2021-09-05T04:00:00.000Z'], // midnight skipped: day starts 01:00 -03
    ['America/Havana', '2021-11-07', '2021-11-07T04:00:00.000Z'], // midnight repeated: earlier one
    ['Asia/Kolkata', '2021-02-01', '2021-01-31T18:30:00.000Z'], // half-hour offset
  ])('%s: before %s → %s', (tz, date, expected) => {
    const due = dueInstant('ONCE', { rule: 'date', date }, { tz });
    expect(iso(due)).toBe(expected);
    expect(localDateOf(due, tz)).toBe(date);
    expect(localDateOf(new Date(due.getTime() - 1), tz)).toBe(addDays(date, -1));
  });

  it('period rules use the zone too (New York, quarter after DST start)', () => {
    expect(iso(dueInstant('2021Q1', { rule: 'dayOfLastMonth', day: 15 }, { tz: 'America/New_York' }))).toBe('2021-03-15T04:00:00.000Z');
    expect(iso(dueInstant('2021Q1', { rule: 'dayOfLastMonth', day: 15, before: false }, { tz: 'America/New_York' }))).toBe('2021-03-16T04:00:00.000Z');
    expect(iso(dueInstant('2020', { rule: 'fixedDate', month: 1, day: 15, yearOffset: 1 }, { tz: 'America/New_York' }))).toBe('2021-01-15T05:00:00.000Z');
  });

  it('every local midnight of a DST year in Berlin and New York maps back to its own date', () => {
    for (const tz of ['Europe/Berlin', 'America/New_York']) {
      let d = '2021-01-01';
      for (let i = 0; i < 365; i++, d = addDays(d, 1)) {
        const due = dueInstant('ONCE', { rule: 'date', date: d }, { tz });
        expect(localDateOf(due, tz)).toBe(d);
        expect(localDateOf(new Date(due.getTime() - 1), tz)).toBe(addDays(d, -1));
        expect(formatDeadline(due, tz)).toMatch(/^chậm nhất 23:59 ngày /);
      }
    }
  });
});

describe('validateDueRule', () => {
  it.each([
    [{ rule: 'fixedDate', month: 5, day: 15 }, 'half'],
    [{ rule: 'fixedDate', month: 2, day: 28 }, 'year'],
    [{ rule: 'fixedDate', month: 12, day: 31, yearOffset: 1, before: false }, 'year'],
    [{ rule: 'dayOfLastMonth', day: 31 }, 'quarter'],
    [{ rule: 'dayOfLastMonth', day: 1 }, 'month'],
    [{ rule: 'afterPeriodEnd', days: 0 }, 'nine_months'],
    [{ rule: 'afterPeriodEnd', days: 45 }, 'month'],
    [{ rule: 'date', date: '2021-02-01' }, 'once'],
    [{ rule: 'date', date: '2024-02-29' }, 'year'],
  ] as [DueRule, PeriodType][])('%j for %s is valid', (rule, type) => {
    expect(validateDueRule(rule, type)).toBeNull();
  });

  it.each([
    [{ rule: 'fixedDate', month: 2, day: 30 }, 'year', /February|no day/],
    [{ rule: 'fixedDate', month: 2, day: 29 }, 'year', /29 February/],
    [{ rule: 'fixedDate', month: 4, day: 31 }, 'year', /no day 31/],
    [{ rule: 'fixedDate', month: 0, day: 1 }, 'year', /Month/],
    [{ rule: 'fixedDate', month: 13, day: 1 }, 'year', /Month/],
    [{ rule: 'fixedDate', month: 5, day: 0 }, 'year', /Day/],
    [{ rule: 'fixedDate', month: 5, day: 1.5 }, 'year', /Day/],
    [{ rule: 'fixedDate', month: 5, day: 15, yearOffset: 0.5 }, 'year', /yearOffset/],
    [{ rule: 'fixedDate', month: 5, day: 15 }, 'once', /ONCE/],
    [{ rule: 'dayOfLastMonth', day: 0 }, 'month', /1 to 31/],
    [{ rule: 'dayOfLastMonth', day: 32 }, 'month', /1 to 31/],
    [{ rule: 'dayOfLastMonth', day: 15 }, 'once', /ONCE/],
    [{ rule: 'afterPeriodEnd', days: -1 }, 'month', /0 or more/],
    [{ rule: 'afterPeriodEnd', days: 10 }, 'once', /ONCE/],
    [{ rule: 'date', date: '2021-02-30' }, 'once', /real date/],
    [{ rule: 'date', date: '01/02/2021' }, 'once', /real date/],
    [{ rule: 'date', date: '2021-02-01', before: 'yes' }, 'once', /before/],
    [{ rule: 'weekly' }, 'month', /Unknown due rule/],
    [{ rule: 'date', date: '2021-02-01' }, 'week', /Unknown period type/],
    [null, 'month', /object/],
  ] as [DueRule, PeriodType, RegExp][])('%j for %s → error %s', (rule, type, re) => {
    expect(validateDueRule(rule, type)?.en).toMatch(re);
  });
});

describe('formatDeadline', () => {
  it.each([
    ['2021-05-14T17:00:00.000Z', DEFAULT_TZ, 'chậm nhất 23:59 ngày 14/05/2021'],
    ['2020-12-31T17:00:00.000Z', DEFAULT_TZ, 'chậm nhất 23:59 ngày 31/12/2020'],
    ['2021-02-28T17:00:00.000Z', DEFAULT_TZ, 'chậm nhất 23:59 ngày 28/02/2021'],
    ['2020-02-29T17:00:00.000Z', DEFAULT_TZ, 'chậm nhất 23:59 ngày 29/02/2020'],
    ['2021-05-14T10:30:00.000Z', DEFAULT_TZ, 'trước 17:30 ngày 14/05/2021'],
    ['2021-05-14T17:00:00.000Z', 'UTC', 'trước 17:00 ngày 14/05/2021'],
    ['2021-05-15T00:00:00.000Z', 'UTC', 'chậm nhất 23:59 ngày 14/05/2021'],
    ['2021-03-28T22:00:00.000Z', 'Europe/Berlin', 'chậm nhất 23:59 ngày 28/03/2021'],
    ['2021-09-05T04:00:00.000Z', 'America/Santiago', 'trước 01:00 ngày 05/09/2021'], // no local midnight that day
  ])('%s in %s → %s', (instant, tz, text) => {
    expect(formatDeadline(new Date(instant), tz)).toBe(text);
  });

  it('defaults to Vietnam time', () => {
    expect(formatDeadline(new Date('2021-05-14T17:00:00Z'))).toBe('chậm nhất 23:59 ngày 14/05/2021');
  });

  it('rejects an invalid Date', () => {
    expect(() => formatDeadline(new Date('nope'))).toThrow(RangeError);
    expect(() => localDateOf(new Date('nope'))).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------
// Rules stated by the five seed plans.

describe('seed plans', () => {
  it('seed 000 (Quận 5 Front): annual report "trước ngày 20 tháng 11"', () => {
    const rule: DueRule = { rule: 'fixedDate', month: 11, day: 20, before: true };
    expect(validateDueRule(rule, 'year')).toBeNull();
    const due = dueInstant('2020', rule);
    expect(iso(due)).toBe('2020-11-19T17:00:00.000Z');
    expect(formatDeadline(due)).toBe('chậm nhất 23:59 ngày 19/11/2020');
  });

  it('seed 001 (Phường Phú Hữu): quarterly, 6-month, 9-month and annual reports before the 15th of the last month', () => {
    const rule: DueRule = { rule: 'dayOfLastMonth', day: 15, before: true };
    for (const type of ['quarter', 'half', 'nine_months', 'year'] as const) expect(validateDueRule(rule, type)).toBeNull();
    expect(iso(dueInstant('2021Q1', rule))).toBe('2021-03-14T17:00:00.000Z');
    expect(iso(dueInstant('2021Q2', rule))).toBe('2021-06-14T17:00:00.000Z');
    expect(iso(dueInstant('2021Q3', rule))).toBe('2021-09-14T17:00:00.000Z');
    expect(iso(dueInstant('2021Q4', rule))).toBe('2021-12-14T17:00:00.000Z');
    expect(iso(dueInstant('2021S1', rule))).toBe('2021-06-14T17:00:00.000Z');
    expect(iso(dueInstant('2021S2', rule))).toBe('2021-12-14T17:00:00.000Z');
    expect(iso(dueInstant('2021N9', rule))).toBe('2021-09-14T17:00:00.000Z');
    expect(iso(dueInstant('2021', rule))).toBe('2021-12-14T17:00:00.000Z');
  });

  it('seed 002 (Quận 10 PAPI): S1-only 6-month report before 15 May, annual before 15 October, one-off before 01/02/2021', () => {
    expect(validateOnly('half', ['S1'])).toBeNull();
    expect(periodsOfYear('half', 2021, ['S1'])).toEqual(['2021S1']);
    const half: DueRule = { rule: 'fixedDate', month: 5, day: 15 };
    const s1 = dueInstant('2021S1', half);
    expect(iso(s1)).toBe('2021-05-14T17:00:00.000Z'); // before the period even ends
    expect(formatDeadline(s1)).toBe('chậm nhất 23:59 ngày 14/05/2021');
    expect(iso(dueInstant('2020', { rule: 'fixedDate', month: 10, day: 15 }))).toBe('2020-10-14T17:00:00.000Z');
    const once: DueRule = { rule: 'date', date: '2021-02-01' };
    expect(validateDueRule(once, 'once')).toBeNull();
    expect(iso(dueInstant('ONCE', once))).toBe('2021-01-31T17:00:00.000Z');
    expect(formatDeadline(dueInstant('ONCE', once))).toBe('chậm nhất 23:59 ngày 31/01/2021');
  });

  it('seed 003 (Mỹ Thạnh emulation): nominations "chậm nhất" 25/11 (hamlets) and 10/12 (commune), 2015–2020', () => {
    const hamlets: DueRule = { rule: 'fixedDate', month: 11, day: 25, before: false };
    const commune: DueRule = { rule: 'fixedDate', month: 12, day: 10, before: false };
    expect(iso(dueInstant('2015', hamlets))).toBe('2015-11-25T17:00:00.000Z'); // 24:00 local on 25/11
    expect(formatDeadline(dueInstant('2015', hamlets))).toBe('chậm nhất 23:59 ngày 25/11/2015');
    for (let y = 2015; y <= 2020; y++) {
      expect(periodsOfYear('year', y)).toEqual([String(y)]);
      expect(iso(dueInstant(String(y), hamlets))).toBe(`${y}-11-25T17:00:00.000Z`);
      expect(iso(dueInstant(String(y), commune))).toBe(`${y}-12-10T17:00:00.000Z`);
    }
  });

  it('seed 004 (Duy Tiên): one-off first results in March 2021, 6-month before 15/6, annual before 15/12', () => {
    expect(iso(dueInstant('ONCE', { rule: 'date', date: '2021-03-31', before: false }))).toBe('2021-03-31T17:00:00.000Z');
    expect(iso(dueInstant('2021S1', { rule: 'fixedDate', month: 6, day: 15 }))).toBe('2021-06-14T17:00:00.000Z');
    expect(iso(dueInstant('2021', { rule: 'fixedDate', month: 12, day: 15 }))).toBe('2021-12-14T17:00:00.000Z');
  });
});
