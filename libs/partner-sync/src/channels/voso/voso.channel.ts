import { restMappingChannel } from '../rest-mapping/rest-mapping.adapter';
import { VOSO_CONTRACT } from './voso.contract';

export const vosoChannel = restMappingChannel(VOSO_CONTRACT);
