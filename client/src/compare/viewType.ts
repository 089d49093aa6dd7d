/** The Compare Models panel's view type: its own module, so that extension.ts registers the panel's serializer without loading the panel. */
export const COMPARE_VIEW_TYPE = 'openclaw.compare';
