export * from './training-spec'
export * from './layers-text'
