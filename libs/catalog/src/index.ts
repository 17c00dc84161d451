export { CatalogModule } from './catalog.module';
export { ProductAccess } from './access/product-access.service';
export { ProductViews, type ReadScope } from './read-model/product-views.service';
export type { ProductView, SaleView } from './read-model/product-view';
export { SALE_VIEW_COLUMNS, SALE_VIEW_SOURCE, saleViewOf } from './read-model/sale-view-sql';
export { mediaUrl } from './read-model/media-url';
export { CategoryEntity, OCOP_GROUPS, type OcopGroup } from './entities/category.entity';
export {
  ProductEntity,
  PRODUCT_STATUSES,
  CERTIFICATION_TYPES,
  type ProductStatus,
  type CertificationType,
  type Certification,
} from './entities/product.entity';
export { ProductImageEntity } from './entities/product-image.entity';
export { OcopCertificateEntity, type OcopCertificateStatus } from './entities/ocop-certificate.entity';
export { PublicProducts } from './products/public-products.service';
export { PublishedProductSummaryDto } from './dto/product-output.dto';
export { OcopCertificates } from './ocop/ocop-certificates.service';
export { ProductPageViews } from './page-views/product-page-views.service';
export { OCOP_EXPIRE_QUEUE } from './ocop/ocop-expiry.job';
export { ocopLevel, currentCertificate, certificateErrors, OCOP_VALIDITY_MONTHS, type OcopLevel } from './ocop/ocop-rules';
export { CreateOcopCertificateDto, RevokeOcopCertificateDto } from './dto/ocop.dto';
export { isValidGtin, IsGtin } from './validation/gtin';
export { PRODUCT_UNITS, canonicalUnit } from './validation/units';
export { StatisticsService, type LeadingEnterprise } from './statistics/statistics.service';
export { overviewRows } from './statistics/statistics-csv';
export { StatsOverviewDto, CommuneStatsDto } from './statistics/statistics.dto';
export { ProductLifecycle } from './products/product-lifecycle.service';
export { ProductQueries } from './products/product-queries.service';
export { ProductsService } from './products/products.service';
export { StockReservations, OutOfStockError, type StockLine } from './stock/stock-reservations.service';
export { ProductImages, MAX_IMAGES_PER_PRODUCT } from './images/product-images.service';
export { processProductImage, type ProcessedImage } from './images/image-processor';
export { IMAGE_UPLOAD_BODY, MAX_IMAGE_BYTES, readUploadedImage } from './images/image-upload';
export { ProductImport, MAX_IMPORT_BYTES } from './import/product-import.service';
export { CategoriesService, type CategoryNode } from './categories/categories.service';
export {
  ProductDto,
  ProductListDto,
  ProductScreeningDto,
  ScreeningMatchDto,
  ScreeningOverrideDto,
  SCREENING_SEVERITIES,
  type ScreeningSeverity,
} from './dto/product-output.dto';
export {
  ProductScreeningGate,
  screenedProduct,
  type ProductScreeningCheck,
  type ScreenedProduct,
  type ScreeningOverride,
} from './products/product-screening-gate';
export { CreateProductDto, UpdateProductDto, RejectProductDto, ApproveProductDto } from './dto/product-input.dto';
export { ImportReportDto } from './dto/import.dto';
