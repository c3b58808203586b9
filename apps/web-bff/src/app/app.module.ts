import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { GatewayStackModule } from '@concierge/shared/feature-gateway-stack';
import { CatalogController } from './catalog/catalog.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardService } from './dashboard/dashboard.service';
import { OrdersController } from './orders/orders.controller';
import { OrdersService } from './orders/orders.service';
import { ProductsController } from './products/products.controller';
import { ProductsService } from './products/products.service';
import { webServices } from './web.services';

@Module({
  imports: [
    GatewayStackModule.forRoot({
      realm: 'concierge-web',
      services: webServices,
      rateLimitKeyBy: 'user',
      defaultRateLimit: '600/60s,burst=100',
      // Beside this file in the sources, beside main.js in the build.
      routesFile: join(__dirname, 'routes.yaml'),
    }),
  ],
  controllers: [DashboardController, CatalogController, ProductsController, OrdersController],
  providers: [DashboardService, ProductsService, OrdersService],
})
export class AppModule {}
