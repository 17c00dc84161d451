import { ProductScreeningGate } from './products/product-screening-gate';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { ProductAccess } from './access/product-access.service';
import { CategoriesController } from './categories/categories.controller';
import { CategoriesService } from './categories/categories.service';
import { CategoryEntity } from './entities/category.entity';
import { OcopCertificateEntity } from './entities/ocop-certificate.entity';
import { ProductImageEntity } from './entities/product-image.entity';
import { ProductEntity } from './entities/product.entity';
import { ProductImagesController } from './images/product-images.controller';
import { ProductImages } from './images/product-images.service';
import { CsvBodyParser } from './import/csv-body-parser';
import { EnterpriseProductsController } from './import/enterprise-products.controller';
import { ProductImport } from './import/product-import.service';
import { OcopCertificatesController } from './ocop/ocop-certificates.controller';
import { OcopCertificates } from './ocop/ocop-certificates.service';
import { OcopExpiryJob } from './ocop/ocop-expiry.job';
import { ProductPageViews } from './page-views/product-page-views.service';
import { AdminProductsController } from './products/admin-products.controller';
import { CatalogRegistrations } from './products/catalog-registrations';
import { ProductLifecycle } from './products/product-lifecycle.service';
import { ProductQueries } from './products/product-queries.service';
import { ProductReferences } from './products/product-references';
import { ProductsController } from './products/products.controller';
import { ProductsService } from './products/products.service';
import { PublicProducts } from './products/public-products.service';
import { ProductViews } from './read-model/product-views.service';
import { StatisticsController } from './statistics/statistics.controller';
import { StatisticsService } from './statistics/statistics.service';
import { ProductPersonalData } from './privacy/product-personal-data';
import { StockReservations } from './stock/stock-reservations.service';

@Module({
  imports: [EnterpriseProfileModule, TypeOrmModule.forFeature([CategoryEntity, ProductEntity, ProductImageEntity, OcopCertificateEntity])],
  controllers: [
    CategoriesController,
    EnterpriseProductsController,
    AdminProductsController,
    ProductImagesController,
    OcopCertificatesController,
    ProductsController,
    StatisticsController,
  ],
  providers: [
    ProductPersonalData,
    ProductAccess,
    ProductViews,
    CategoriesService,
    ProductReferences,
    ProductsService,
    ProductLifecycle,
    ProductQueries,
    PublicProducts,
    ProductImages,
    ProductImport,
    CsvBodyParser,
    OcopCertificates,
    OcopExpiryJob,
    CatalogRegistrations,
    StatisticsService,
    ProductPageViews,
    ProductScreeningGate,
    StockReservations,
  ],
  exports: [
    StockReservations,
    ProductPageViews,
    ProductScreeningGate,
    ProductAccess,
    ProductViews,
    PublicProducts,
    OcopCertificates,
    StatisticsService,
    ProductLifecycle,
    ProductQueries,
    ProductsService,
    ProductImages,
    ProductImport,
    CategoriesService,
  ],
})
export class CatalogModule {}
