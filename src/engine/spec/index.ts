export * from './training-spec'
