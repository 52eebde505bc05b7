import type { ComponentType } from 'preact';
import { BarChart3, Contact, FileText, FolderTree, Globe, Image, Import, LayoutDashboard, Mail, MessageSquare, Rss, Settings, Users, type LucideIcon } from 'lucide-preact';
import type { AdminWords } from './i18n/index.js';
import { Comments } from './screens/comments/comments.js';
import { Dashboard } from './screens/dashboard/dashboard.js';
import { PartnerFeeds } from './screens/feeds/feeds.js';
import { Fediverse } from './screens/fediverse/fediverse.js';
import { Imports } from './screens/imports/imports.js';
import { StoryEditor } from './screens/editor/editor.js';
import { UseLink } from './screens/link/link.js';
import { MediaLibrary } from './screens/media/media.js';
import { Members } from './screens/members/members.js';
import { Newsletters } from './screens/newsletters/newsletters.js';
import { People } from './screens/people/people.js';
import { RequestReset } from './screens/reset/reset.js';
import { NewsroomSettings } from './screens/settings/settings.js';
import { SignIn } from './screens/sign-in/sign-in.js';
import { Stats } from './screens/stats/stats.js';
import { Stories } from './screens/stories/stories.js';
import { Taxonomy } from './screens/taxonomy/taxonomy.js';

export interface ScreenProps {
  params: Record<string, string>;
}

export interface Screen {
  /** Path under /admin, with `:name` parameters. */
  path: string;
  component: ComponentType<ScreenProps>;
  /** Its name in the navigation (src/admin/i18n/words/nav.ts); screens without one are reached by links. */
  nav?: keyof AdminWords['nav'];
  /** Shown before the label in the navigation. */
  icon?: LucideIcon;
  /** Shown (in the navigation and at all) only to roles with this permission (src/people/permissions.ts). */
  permission?: string;
  /** Reachable without signing in (sign-in, set-up, invitation and reset links). */
  public?: boolean;
}

/**
 * Every screen of the admin app, one line each, in navigation order. To add a screen, make a
 * folder `screens/<name>/` with its component and add its line here.
 */
export const SCREENS: Screen[] = [
  { path: '/', component: Dashboard, nav: 'dashboard', icon: LayoutDashboard },
  { path: '/stories', component: Stories, nav: 'stories', icon: FileText },
  { path: '/stories/:id', component: StoryEditor },
  { path: '/stats', component: Stats, nav: 'stats', icon: BarChart3, permission: 'stats.read.own' },
  { path: '/media', component: MediaLibrary, nav: 'media', icon: Image },
  { path: '/taxonomy', component: Taxonomy, nav: 'taxonomy', icon: FolderTree, permission: 'taxonomy.manage' },
  { path: '/comments', component: Comments, nav: 'comments', icon: MessageSquare, permission: 'comments.moderate' },
  { path: '/newsletters', component: Newsletters, nav: 'newsletters', icon: Mail, permission: 'newsletters.manage' },
  { path: '/members', component: Members, nav: 'members', icon: Contact, permission: 'members.manage' },
  { path: '/people', component: People, nav: 'people', icon: Users, permission: 'users.manage.writers' },
  { path: '/fediverse', component: Fediverse, nav: 'fediverse', icon: Globe, permission: 'fediverse.manage' },
  { path: '/feeds', component: PartnerFeeds, nav: 'feeds', icon: Rss, permission: 'settings.manage' },
  { path: '/import', component: Imports, nav: 'import', icon: Import, permission: 'settings.manage' },
  { path: '/settings', component: NewsroomSettings, nav: 'settings', icon: Settings, permission: 'settings.manage' },
  { path: '/sign-in', component: SignIn, public: true },
  { path: '/reset', component: RequestReset, public: true },
  { path: '/link/:token', component: UseLink, public: true },
];
