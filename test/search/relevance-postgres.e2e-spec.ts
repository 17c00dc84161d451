import { relevanceSuite } from './relevance-suite';

relevanceSuite('postgres');
