/** The web app's routers, mounted at the root: the page at /app, its HTML fragments under /v1/dashboard. */
import calendar from './routes/app/calendar';
import indicators from './routes/app/indicators';
import matrix from './routes/app/matrix';
import page from './routes/app/page';
import plans from './routes/app/plans';
import reminders from './routes/app/reminders';
import report from './routes/app/report';
import scores from './routes/app/scores';
import session from './routes/app/session';
import units from './routes/app/units';
import ward from './routes/app/ward';

export const appRouters = [page, session, plans, matrix, indicators, report, calendar, scores, units, reminders, ward];
