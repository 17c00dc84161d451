import { restMappingChannel } from '../rest-mapping/rest-mapping.adapter';
import { POSTMART_CONTRACT } from './postmart.contract';

export const postmartChannel = restMappingChannel(POSTMART_CONTRACT);
