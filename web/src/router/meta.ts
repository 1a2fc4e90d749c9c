import 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** Page title shown in the header and the browser tab. */
    title?: string;
    /** Permission code needed to open the page. */
    permission?: string;
    /** Reachable without logging in. */
    public?: boolean;
  }
}
