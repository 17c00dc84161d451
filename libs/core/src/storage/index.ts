export * from './file-storage';
export * from './local-disk-file-storage';
export * from './s3-file-storage';
export * from './create-file-storage';
export * from './media.controller';
export * from './storage-health';
export * from './read-upload';
