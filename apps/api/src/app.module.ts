import { Module, type DynamicModule } from '@nestjs/common';
import { CoreModule, type CoreModuleOptions } from '@tradefloor/core';
import { IdentityModule } from '@tradefloor/identity';
import { NewsBulletinModule } from '@tradefloor/news-bulletin';

/** The bounded contexts that make up TradeFloor; api and worker processes load the same set. */
const DOMAIN_MODULES = [IdentityModule, NewsBulletinModule];

@Module({})
export class AppModule {
  static register(options: CoreModuleOptions): DynamicModule {
    return { module: AppModule, imports: [CoreModule.forRoot(options), ...DOMAIN_MODULES] };
  }
}
