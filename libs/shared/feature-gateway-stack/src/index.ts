export { GatewayStackModule } from './lib/gateway-stack.module';
export type { GatewayStackOptions } from './lib/gateway-stack.options';
