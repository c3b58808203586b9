/**
 * The wire contract between the gateways and the services behind them. Shared by both sides, so the
 * demo services and the BFFs agree on shapes without ever importing each other's code.
 */
export * from './users.contract';
export * from './catalog.contract';
export * from './orders.contract';
export * from './devices.contract';
export * from './identity.contract';
export * from './chaos.contract';
export * from './demo-services.registry';
export * from './consumers.contract';
