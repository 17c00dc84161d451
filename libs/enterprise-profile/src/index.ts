export { EnterpriseProfileModule } from './enterprise-profile.module';
export { EnterpriseAccess } from './access/enterprise-access.service';
export { ReferenceData } from './reference/reference-data.service';
export { loadCommunes, parseCommuneRecords, CommuneFileError, type CommuneRecord, type CommuneLoadResult } from './reference/commune-loader';
export { EnterpriseProductsDirectory, type EnterpriseProductsProvider } from './products/enterprise-products-directory';
export { PublicProductSummaryDto, type PublicProductSummary } from './products/public-product-summary';
export { isPublic as isEnterprisePublic } from './enterprises/enterprise-lifecycle';
export { isValidTaxCode, IsVietnameseTaxCode } from './validation/tax-code';
export { isValidPersonalId, IsVietnamesePersonalId } from './validation/personal-id';
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
export { EnterpriseViews, type EnterpriseView, type EnterpriseContacts } from './read-model/enterprise-views.service';
export { EnterpriseQueries, type CommuneCount } from './enterprises/enterprise-queries.service';
export { EnterpriseVerification, type EnterpriseHold, type EnterpriseHoldSource } from './enterprises/enterprise-verification.service';
export { ReasonDto as EnterpriseReasonDto } from './dto/enterprise-input.dto';
export { EnterprisesService } from './enterprises/enterprises.service';
export { EnterpriseMembers } from './members/enterprise-members.service';
export { CommuneDirectory } from './reference/commune-directory.service';
export { CreateEnterpriseDto, UpdateEnterpriseDto } from './dto/enterprise-input.dto';
export { AddMemberDto, MemberDto } from './dto/member.dto';
export { PublicEnterpriseQuery } from './dto/enterprise-query.dto';
