export * from './CopyButton';
export * from './ErrorPanel';
export * from './forms';
export * from './hooks';
export * from './ResourceList';
export * from './StatusBadge';
