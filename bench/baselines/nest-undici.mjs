// Reference row: what NestJS on Fastify costs by itself — one controller method calling the origin with
// an undici pool and returning the parsed JSON, as a hand-written BFF endpoint would (no guards, no pipes).
import 'reflect-metadata';
import { Controller, Get, Module, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Pool } from 'undici';

const origin = new Pool(process.env.UPSTREAM_URL, { connections: 64, pipelining: 1 });

class ProductsController {
  async product(id) {
    const { statusCode, body } = await origin.request({
      method: 'GET',
      path: `/products/${encodeURIComponent(id)}`,
    });
    const data = await body.json();
    if (statusCode !== 200) throw new Error(`origin answered ${statusCode}`);
    return data;
  }
}
// Plain JavaScript has no decorator syntax: the decorators are applied by hand, parameters first.
Param('id')(ProductsController.prototype, 'product', 0);
Get('products/:id')(
  ProductsController.prototype,
  'product',
  Object.getOwnPropertyDescriptor(ProductsController.prototype, 'product'),
);
Controller()(ProductsController);

class AppModule {}
Module({ controllers: [ProductsController] })(AppModule);

const app = await NestFactory.create(AppModule, new FastifyAdapter(), { logger: false });
await app.listen(Number(process.env.PORT), '127.0.0.1');
