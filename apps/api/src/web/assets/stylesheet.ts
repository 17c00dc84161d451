import { BASE_CSS } from './app-css';
import { CONTENT_CSS } from './content-css';

/** The one stylesheet the pages link to (/assets/app.css): base rules, then each area's. */
export const APP_CSS = [BASE_CSS, CONTENT_CSS].join('\n');
