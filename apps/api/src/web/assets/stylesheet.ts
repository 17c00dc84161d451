import { ADMIN_CSS } from './admin-css';
import { BASE_CSS } from './app-css';
import { BUSINESS_CSS } from './business-css';
import { CHANNELS_CSS } from './channels-css';
import { CONTENT_CSS } from './content-css';
import { INQUIRIES_CSS } from './inquiries-css';
import { LEGAL_CSS } from './legal-css';
import { STORE_CSS } from './store-css';
import { TRACEABILITY_CSS } from './traceability-css';
import { TRUST_SAFETY_CSS } from './trust-safety-css';

/** The one stylesheet the pages link to (/assets/app.css): base rules, then each area's. */
export const APP_CSS = [
  BASE_CSS,
  STORE_CSS,
  CONTENT_CSS,
  ADMIN_CSS,
  BUSINESS_CSS,
  INQUIRIES_CSS,
  CHANNELS_CSS,
  TRACEABILITY_CSS,
  TRUST_SAFETY_CSS,
  LEGAL_CSS,
].join('\n');
