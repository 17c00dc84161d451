import { ADMIN_CSS } from './admin-css';
import { BASE_CSS } from './app-css';
import { BUSINESS_CSS } from './business-css';

/** The one stylesheet the pages link to (/assets/app.css): base rules, then each area's. */
export const APP_CSS = [BASE_CSS, ADMIN_CSS, BUSINESS_CSS].join('\n');
