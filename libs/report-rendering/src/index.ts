export * from './format';
export * from './html';
export * from './charts';
export * from './vega-svg';
export * from './report-html';
export * from './report-pdf';
