import { relevanceSuite } from './relevance-suite';

relevanceSuite('meilisearch');
