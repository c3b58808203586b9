export * from './problem-details';
export * from './hop-by-hop';
export * from './identity-headers';
export * from './request-id';
export * from './service-url-variable';
export * from './route-template';
