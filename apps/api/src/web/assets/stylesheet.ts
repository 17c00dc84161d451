import { BASE_CSS } from './app-css';
import { INQUIRIES_CSS } from './inquiries-css';

/** The one stylesheet the pages link to (/assets/app.css): base rules, then each area's. */
export const APP_CSS = [BASE_CSS, INQUIRIES_CSS].join('\n');
