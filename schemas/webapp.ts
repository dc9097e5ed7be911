import { z } from 'zod';
import { Code } from './common';

/**
 * The web app's HTML fragments (GET /v1/dashboard/…): what each one is asked for. A unit, where optional, defaults
 * to the token's own unit (for the administrator: the plan's issuer); a period is a period code such as 2026Q3.
 */
const Id = z.string().max(64);
const PeriodCode = z.string().max(10);

export const WebPlanQuery = z.object({ plan: Id, unit: Code.optional(), schedule: Id.optional(), period: PeriodCode.optional() });
export const WebReportQuery = z.object({ plan: Id.optional(), unit: Code, schedule: Id, period: PeriodCode });
export const WebCalendarQuery = z.object({ plan: Id.optional(), unit: Code.optional(), period: PeriodCode.optional() });
export const WebUnitQuery = z.object({ unit: Code.optional() });
export const WebPreviewQuery = z.object({ plan: Id });
export const WebRemindersQuery = z.object({ unit: Code.optional(), webhook: Id.optional() });
export const WebScoresQuery = z.object({ plan: Id, unit: Code.optional(), period: PeriodCode.optional() });
