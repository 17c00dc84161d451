export { EnterpriseProfileModule } from './enterprise-profile.module';
export { EnterpriseAccess } from './access/enterprise-access.service';
export { ReferenceData } from './reference/reference-data.service';
export {
  EnterpriseEntity,
  ENTERPRISE_KINDS,
  ENTERPRISE_STATUSES,
  LEGAL_FORMS,
  type EnterpriseKind,
  type EnterpriseStatus,
  type LegalForm,
} from './entities/enterprise.entity';
export { EnterpriseMemberEntity, type MemberRole } from './entities/enterprise-member.entity';
export { CommuneEntity, ProvinceEntity } from './entities/commune.entity';
