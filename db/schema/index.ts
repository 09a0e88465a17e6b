export * from './identity';
export * from './audit';
export * from './orders';
export * from './integrations';
export * from './cases';
export * from './attachments';
export * from './operations';
export * from './feedback';
