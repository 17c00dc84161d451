import { Module } from '@nestjs/common';
import { EnterpriseSitemap } from './enterprises/enterprise-sitemap';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnterpriseAccess } from './access/enterprise-access.service';
import { CommuneEntity, ProvinceEntity } from './entities/commune.entity';
import { EnterpriseMemberEntity } from './entities/enterprise-member.entity';
import { EnterpriseEntity } from './entities/enterprise.entity';
import { EnterpriseMapper } from './enterprises/enterprise.mapper';
import { EnterpriseQueries } from './enterprises/enterprise-queries.service';
import { EnterpriseVerification } from './enterprises/enterprise-verification.service';
import { EnterprisesService } from './enterprises/enterprises.service';
import { AdminEnterprisesController } from './http/admin-enterprises.controller';
import { EnterpriseMembersController } from './http/enterprise-members.controller';
import { EnterprisesController } from './http/enterprises.controller';
import { MyEnterprisesController } from './http/my-enterprises.controller';
import { CommunesController, ProvincesController } from './http/reference.controller';
import { EnterpriseMembers } from './members/enterprise-members.service';
import { EnterpriseProductsDirectory } from './products/enterprise-products-directory';
import { EnterpriseViews } from './read-model/enterprise-views.service';
import { CommuneDirectory } from './reference/commune-directory.service';
import { ReferenceData } from './reference/reference-data.service';
import { MembershipPersonalData } from './privacy/membership-personal-data';

@Module({
  imports: [TypeOrmModule.forFeature([EnterpriseEntity, EnterpriseMemberEntity, CommuneEntity, ProvinceEntity])],
  controllers: [
    EnterprisesController,
    EnterpriseMembersController,
    MyEnterprisesController,
    AdminEnterprisesController,
    ProvincesController,
    CommunesController,
  ],
  providers: [
    MembershipPersonalData,
    EnterpriseAccess,
    ReferenceData,
    CommuneDirectory,
    EnterpriseMapper,
    EnterprisesService,
    EnterpriseQueries,
    EnterpriseVerification,
    EnterpriseMembers,
    EnterpriseProductsDirectory,
    EnterpriseSitemap,
    EnterpriseViews,
  ],
  exports: [
    EnterpriseAccess,
    ReferenceData,
    EnterpriseProductsDirectory,
    EnterpriseQueries,
    EnterpriseVerification,
    EnterprisesService,
    EnterpriseMembers,
    CommuneDirectory,
    EnterpriseViews,
  ],
})
export class EnterpriseProfileModule {}
