import { z } from 'zod';
import { Code } from './common';

/** The web app's fragments: a plan, and a unit in reach of both the token and the plan (default: the token's). */
export const AppPlanQuery = z.object({ plan: z.string().max(64), unit: Code.optional(), period: z.string().max(10).optional(), schedule: z.string().max(64).optional() });
export const AppReportQuery = z.object({ plan: z.string().max(64).optional(), unit: Code, schedule: z.string().max(64), period: z.string().max(10) });
export const AppCalendarQuery = z.object({ plan: z.string().max(64).optional(), unit: Code.optional() });
