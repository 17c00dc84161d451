import { BASE_CSS } from './app-css';

/** The one stylesheet the pages link to (/assets/app.css): base rules, then each area's. */
export const APP_CSS = [BASE_CSS].join('\n');
