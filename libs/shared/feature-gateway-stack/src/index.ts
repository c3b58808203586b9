export { GatewayStackModule } from './lib/gateway-stack.module';
