import 'vue-router';
import type { Permission } from '@server/auth/permissions';

declare module 'vue-router' {
  interface RouteMeta {
    /** Page title shown in the header and the browser tab. */
    title?: string;
    /** Permission code needed to open the page. */
    permission?: Permission;
    /** The menu entry to highlight when the page has none of its own (a detail page). */
    menu?: string;
    /** Reachable without logging in. */
    public?: boolean;
  }
}
