/** The API address the add-on is installed for: set at build time (CASCADE_API_URL, scripts/build-addon.mjs). */
declare const CASCADE_API_URL: string;
