import { useContext } from 'preact/hooks';
import { subscribeFormData } from '../../members/members.context.js';
import { SubscribeForm } from '../../members/members.view.js';
import { PageRequest } from '../page-request.js';

/**
 * Where a page offers its language's newsletters. The members domain loads them before the
 * page's route renders (src/members/members.site.tsx); a language without a public newsletter,
 * or a render outside a request, shows nothing.
 */
export function SubscribeSlot({ language }: { language: string }) {
  const data = subscribeFormData(useContext(PageRequest), language);
  return data && data.newsletters.length ? <SubscribeForm data={data} /> : null;
}
