/** The web app's routers, mounted at the root: the page at /app, its HTML fragments under /v1/dashboard. */
import calendar from './routes/app/calendar';
import indicators from './routes/app/indicators';
import matrix from './routes/app/matrix';
import page from './routes/app/page';
import report from './routes/app/report';
import scores from './routes/app/scores';

export const appRouters = [page, matrix, indicators, report, calendar, scores];
