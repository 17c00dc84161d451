import { BASE_CSS } from './app-css';
import { STORE_CSS } from './store-css';

/** The one stylesheet the pages link to (/assets/app.css): base rules, then each area's. */
export const APP_CSS = [BASE_CSS, STORE_CSS].join('\n');
