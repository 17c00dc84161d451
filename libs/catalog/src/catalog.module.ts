import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { ProductAccess } from './access/product-access.service';
import { CategoryEntity } from './entities/category.entity';
import { OcopCertificateEntity } from './entities/ocop-certificate.entity';
import { ProductImageEntity } from './entities/product-image.entity';
import { ProductEntity } from './entities/product.entity';
import { ProductViews } from './read-model/product-views.service';
import { StatisticsController } from './statistics/statistics.controller';
import { StatisticsService } from './statistics/statistics.service';

@Module({
  imports: [
    EnterpriseProfileModule,
    TypeOrmModule.forFeature([CategoryEntity, ProductEntity, ProductImageEntity, OcopCertificateEntity]),
  ],
  controllers: [StatisticsController],
  providers: [ProductAccess, ProductViews, StatisticsService],
  exports: [ProductAccess, ProductViews, StatisticsService],
})
export class CatalogModule {}
