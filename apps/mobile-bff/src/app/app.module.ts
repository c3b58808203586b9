import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { GatewayStackModule } from '@concierge/shared/feature-gateway-stack';
import { CatalogController } from './catalog/catalog.controller';
import { HomeController } from './home/home.controller';
import { HomeService } from './home/home.service';
import { OrdersController } from './orders/orders.controller';
import { OrdersService } from './orders/orders.service';
import { ProductsController } from './products/products.controller';
import { ProductsService } from './products/products.service';
import { mobileServices } from './mobile.services';

@Module({
  imports: [
    GatewayStackModule.forRoot({
      realm: 'concierge-mobile',
      services: mobileServices,
      rateLimitKeyBy: 'user',
      defaultRateLimit: '300/60s,burst=60',
      // Beside this file in the sources, beside main.js in the build.
      routesFile: join(__dirname, 'routes.yaml'),
    }),
  ],
  controllers: [HomeController, ProductsController, OrdersController, CatalogController],
  providers: [HomeService, ProductsService, OrdersService],
})
export class AppModule {}
