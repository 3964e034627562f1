export * from './crypto';
export * from './message-preview';
export * from './contact-name';
export * from './content-disposition';
