import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnterpriseAccess } from './access/enterprise-access.service';
import { CommuneEntity, ProvinceEntity } from './entities/commune.entity';
import { EnterpriseMemberEntity } from './entities/enterprise-member.entity';
import { EnterpriseEntity } from './entities/enterprise.entity';
import { ReferenceData } from './reference/reference-data.service';

@Module({
  imports: [TypeOrmModule.forFeature([EnterpriseEntity, EnterpriseMemberEntity, CommuneEntity, ProvinceEntity])],
  controllers: [],
  providers: [EnterpriseAccess, ReferenceData],
  exports: [EnterpriseAccess, ReferenceData],
})
export class EnterpriseProfileModule {}
